import TradingVocabulary

/// Everything the risk stack exposes publicly: the observation of each of its four layers.
public struct RiskStackObservation: Hashable, Sendable, CustomStringConvertible {
    public var tradingMode: TradingModeObservation
    public var superState: SuperStateObservation
    public var positions: PositionObservation
    public var sectorCaps: SectorCapsObservation

    public init(
        tradingMode: TradingModeObservation, superState: SuperStateObservation,
        positions: PositionObservation, sectorCaps: SectorCapsObservation
    ) {
        self.tradingMode = tradingMode
        self.superState = superState
        self.positions = positions
        self.sectorCaps = sectorCaps
    }

    public var description: String {
        "tradingMode: \(tradingMode)\nsuperState: \(superState)\npositions: \(positions)\nsectorCaps: \(sectorCaps)"
    }
}
