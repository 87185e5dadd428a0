/// Why the super-state refuses `canOpen`.
public enum SuperStateRejection: Hashable, Sendable, Codable {
    /// The current state does not allow new positions.
    case newPositionsNotAllowed(PortfolioState)
    /// size × 10 000 > maxPosition × portfolio value.
    case exceedsMaxPosition
    /// (deployed + size) × 10 000 > utilization × portfolio value.
    case exceedsUtilization
}
