import TradingVocabulary

/// Everything of the super-state that persists.
public struct SuperStateSnapshot: Hashable, Sendable, Codable {
    public var state: PortfolioState
    public var confirmations: Int
    public var lastClassification: PortfolioState?
    public var history: [SuperStateTransition]

    public init(state: PortfolioState, confirmations: Int, lastClassification: PortfolioState?, history: [SuperStateTransition]) {
        self.state = state
        self.confirmations = confirmations
        self.lastClassification = lastClassification
        self.history = history
    }

    /// The documented default when no file exists: NORMAL, nothing else.
    public static let initial = SuperStateSnapshot(state: .normal, confirmations: 0, lastClassification: nil, history: [])

    /// The consistency rules a snapshot breaks (empty if none); a snapshot that breaks one is
    /// corrupted, never silently repaired.
    public func violations() -> [String] { violations(historyFrom: 0) }

    /// The rules, with the history's entries read from `start` on: the machine checks after
    /// every input only the entries it appended since its last check (it never changes an
    /// entry), so that the check stays constant-time as the history grows.
    func violations(historyFrom start: Int) -> [String] {
        var (allowed, chains) = (true, true)
        for index in max(start, 0)..<history.count {
            let transition = history[index]
            if !transition.from.allows(transition.to) { allowed = false }
            if transition.from != (index == 0 ? PortfolioState.normal : history[index - 1].to) { chains = false }
        }
        var violated: [String] = []
        if !allowed { violated.append("history.allowedTransitions") }
        if !chains { violated.append("history.chains") }
        if (history.last?.to ?? .normal) != state { violated.append("history.endsAtState") }
        let maxConfirmations = ConditionThresholds.recoveryConfirmations - 1
        if confirmations < 0 || confirmations > maxConfirmations || (confirmations != 0 && state != .recovery) {
            violated.append("confirmations.inRange")
        }
        if let c = lastClassification, c != .normal, c != .cautious, c != .stressed, c != .crisis {
            violated.append("lastClassification.isClassification")
        }
        return violated
    }
}

/// A snapshot that breaks the machine's consistency rules.
public struct InvalidSnapshot: Error, Hashable, Sendable, CustomStringConvertible {
    /// The names of the rules it breaks.
    public var violations: [String]

    public init(violations: [String]) { self.violations = violations }

    public var description: String { "inconsistent snapshot: \(violations.joined(separator: ", "))" }
}
