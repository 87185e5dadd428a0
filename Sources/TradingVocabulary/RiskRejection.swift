/// The layers of the risk stack, in the order an order request passes them.
public enum RiskLayer: String, CaseIterable, Hashable, Sendable, Codable {
    case tradingMode, superState, positions, sectorCaps
}

/// Why the risk stack refused an order: the first layer that said no, with its reason.
public enum RiskRejection: Hashable, Sendable, Codable {
    case tradingMode(TradingModeRejection)
    case superState(SuperStateRejection)
    case positions(PositionRejection)
    case sectorCaps(SectorRejection)

    /// The layer that refused.
    public var layer: RiskLayer {
        switch self {
        case .tradingMode: .tradingMode
        case .superState: .superState
        case .positions: .positions
        case .sectorCaps: .sectorCaps
        }
    }
}
