import TradingVocabulary

/// Everything the risk stack exposes publicly: the observation of each of its four layers.
///
/// The four layers live in one shared, immutable box, so that a copy is one reference: a
/// differential check copies every observation several times a step (into the step, to the
/// previous state, into each step invariant), and copying the four layers inline was a tenth
/// of the risk-stack check's instructions in `memcpy` alone. Setting a layer makes a new box, so
/// the type keeps its value semantics.
public struct RiskStackObservation: Hashable, Sendable, CustomStringConvertible, CustomReflectable {
    /// The four layers, kept in a `Box` that copies share.
    private struct Layers: Sendable {
        var tradingMode: TradingModeObservation
        var superState: SuperStateObservation
        var positions: PositionObservation
        var sectorCaps: SectorCapsObservation
    }

    private final class Box: Sendable {
        let layers: Layers
        init(_ layers: Layers) { self.layers = layers }
    }

    private var box: Box

    public init(
        tradingMode: TradingModeObservation, superState: SuperStateObservation,
        positions: PositionObservation, sectorCaps: SectorCapsObservation
    ) {
        box = Box(Layers(tradingMode: tradingMode, superState: superState, positions: positions, sectorCaps: sectorCaps))
    }

    // Read in place; set (tests build broken observations so) by making a new box.
    public var tradingMode: TradingModeObservation {
        get { box.layers.tradingMode }
        set { replace(\.tradingMode, with: newValue) }
    }
    public var superState: SuperStateObservation {
        get { box.layers.superState }
        set { replace(\.superState, with: newValue) }
    }
    public var positions: PositionObservation {
        get { box.layers.positions }
        set { replace(\.positions, with: newValue) }
    }
    public var sectorCaps: SectorCapsObservation {
        get { box.layers.sectorCaps }
        set { replace(\.sectorCaps, with: newValue) }
    }

    private mutating func replace<Layer>(_ layer: WritableKeyPath<Layers, Layer>, with value: Layer) {
        var layers = box.layers
        layers[keyPath: layer] = value
        box = Box(layers)
    }

    /// Equal layers, compared layer by layer (one box is equal to itself without a look).
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.box === rhs.box
            || (lhs.tradingMode == rhs.tradingMode && lhs.superState == rhs.superState && lhs.positions == rhs.positions
                && lhs.sectorCaps == rhs.sectorCaps)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(tradingMode)
        hasher.combine(superState)
        hasher.combine(positions)
        hasher.combine(sectorCaps)
    }

    /// The four layers, as if they were stored properties (not the box).
    public var customMirror: Mirror {
        Mirror(
            self, children: ["tradingMode": tradingMode, "superState": superState, "positions": positions, "sectorCaps": sectorCaps],
            displayStyle: .struct)
    }

    public var description: String {
        "tradingMode: \(tradingMode)\nsuperState: \(superState)\npositions: \(positions)\nsectorCaps: \(sectorCaps)"
    }
}
