import TradingVocabulary

/// Everything the risk stack exposes publicly: the observation of each of its four layers.
///
/// The four layers live in one shared, immutable box, so that a copy is one reference: a
/// differential check copies every observation several times a step (into the step, to the
/// previous state, into each step invariant), and copying the four layers inline was a tenth
/// of the risk-stack check's instructions in `memcpy` alone. Setting a layer makes a new box,
/// so the type keeps its value semantics.
public struct RiskStackObservation: Hashable, Sendable, CustomStringConvertible, CustomReflectable {
    private final class Layers: Sendable {
        let tradingMode: TradingModeObservation
        let superState: SuperStateObservation
        let positions: PositionObservation
        let sectorCaps: SectorCapsObservation

        init(
            tradingMode: TradingModeObservation, superState: SuperStateObservation, positions: PositionObservation,
            sectorCaps: SectorCapsObservation
        ) {
            self.tradingMode = tradingMode
            self.superState = superState
            self.positions = positions
            self.sectorCaps = sectorCaps
        }
    }

    private var layers: Layers

    public init(
        tradingMode: TradingModeObservation, superState: SuperStateObservation,
        positions: PositionObservation, sectorCaps: SectorCapsObservation
    ) {
        layers = Layers(tradingMode: tradingMode, superState: superState, positions: positions, sectorCaps: sectorCaps)
    }

    public var tradingMode: TradingModeObservation {
        get { layers.tradingMode }
        set { self = Self(tradingMode: newValue, superState: superState, positions: positions, sectorCaps: sectorCaps) }
    }

    public var superState: SuperStateObservation {
        get { layers.superState }
        set { self = Self(tradingMode: tradingMode, superState: newValue, positions: positions, sectorCaps: sectorCaps) }
    }

    public var positions: PositionObservation {
        get { layers.positions }
        set { self = Self(tradingMode: tradingMode, superState: superState, positions: newValue, sectorCaps: sectorCaps) }
    }

    public var sectorCaps: SectorCapsObservation {
        get { layers.sectorCaps }
        set { self = Self(tradingMode: tradingMode, superState: superState, positions: positions, sectorCaps: newValue) }
    }

    /// Equal layers, compared layer by layer (one box is equal to itself without a look).
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.layers === rhs.layers
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
