/// How close exposure is to its limits, ordered by severity.
public enum SectorHealth: String, CaseIterable, Hashable, Comparable, Sendable, Codable {
    case healthy, warning, critical

    @inlinable
    var rank: Int {
        switch self {
        case .healthy: 0
        case .warning: 1
        case .critical: 2
        }
    }

    @inlinable
    public static func < (lhs: SectorHealth, rhs: SectorHealth) -> Bool { lhs.rank < rhs.rank }
}
