/// The portfolio super-state: how much risk the whole portfolio may take.
public enum PortfolioState: String, CaseIterable, Hashable, Sendable, Codable {
    case normal, cautious, stressed, crisis, recovery, emergencyHalt

    /// The states each state may move to (`machines.md` §3); anything else is a bug.
    public var allowedTargets: Set<PortfolioState> {
        switch self {
        case .normal: [.cautious, .stressed, .crisis, .emergencyHalt]
        case .cautious: [.normal, .stressed, .crisis, .emergencyHalt]
        case .stressed: [.normal, .cautious, .crisis, .emergencyHalt]
        case .crisis: [.recovery, .emergencyHalt]
        case .recovery: [.normal, .cautious, .stressed, .crisis, .emergencyHalt]
        case .emergencyHalt: [.recovery, .crisis]
        }
    }

    /// Whether the table allows moving from `self` to `target`: `allowedTargets.contains(target)`
    /// without building a set (invariants ask this for every history entry at every step).
    @inlinable
    public func allows(_ target: PortfolioState) -> Bool {
        switch (self, target) {
        case (.normal, .cautious), (.normal, .stressed), (.normal, .crisis), (.normal, .emergencyHalt),
            (.cautious, .normal), (.cautious, .stressed), (.cautious, .crisis), (.cautious, .emergencyHalt),
            (.stressed, .normal), (.stressed, .cautious), (.stressed, .crisis), (.stressed, .emergencyHalt),
            (.crisis, .recovery), (.crisis, .emergencyHalt),
            (.recovery, .normal), (.recovery, .cautious), (.recovery, .stressed), (.recovery, .crisis), (.recovery, .emergencyHalt),
            (.emergencyHalt, .recovery), (.emergencyHalt, .crisis):
            true
        default:
            false
        }
    }

    /// Whether classifying conditions can produce this state (NORMAL, CAUTIOUS, STRESSED or
    /// CRISIS; never RECOVERY or EMERGENCY_HALT).
    @inlinable
    public var isClassification: Bool {
        switch self {
        case .normal, .cautious, .stressed, .crisis: true
        case .recovery, .emergencyHalt: false
        }
    }

    /// Severity of a classification: normal 0, cautious 1, stressed 2, crisis 3 (others rank by
    /// their limits and are never produced by classification).
    @inlinable
    public var severity: Int {
        switch self {
        case .normal: 0
        case .cautious: 1
        case .recovery: 1
        case .stressed: 2
        case .crisis: 3
        case .emergencyHalt: 4
        }
    }
}
