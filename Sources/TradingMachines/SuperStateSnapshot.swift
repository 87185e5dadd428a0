import TradingVocabulary

/// Everything of the super-state that persists.
public struct SuperStateSnapshot: Hashable, Sendable, Codable {
    public var state: PortfolioState
    public var confirmations: Int
    public var lastClassification: PortfolioState?
    /// The latest state changes, oldest first (the machine keeps at most its `historyLimit`).
    public var history: [SuperStateTransition]
    /// How many earlier state changes were dropped from the front of `history`. Written only
    /// when not 0, so that files of machines that never dropped one keep their bytes.
    public var historyDropped: Int

    /// The largest dropped count: 2⁶². The machines count up to it and no further (at a
    /// transition a nanosecond, 146 years of them), so that counting never overflows and a
    /// machine never saves a count its own restore would refuse; a file that claims more is
    /// corrupted.
    public static let maxHistoryDropped = 1 << 62

    public init(
        state: PortfolioState, confirmations: Int, lastClassification: PortfolioState?, history: [SuperStateTransition], historyDropped: Int = 0
    ) {
        self.state = state
        self.confirmations = confirmations
        self.lastClassification = lastClassification
        self.history = history
        self.historyDropped = historyDropped
    }

    private enum CodingKeys: String, CodingKey {
        case state, confirmations, lastClassification, history, historyDropped
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        state = try container.decode(PortfolioState.self, forKey: .state)
        confirmations = try container.decode(Int.self, forKey: .confirmations)
        lastClassification = try container.decodeIfPresent(PortfolioState.self, forKey: .lastClassification)
        history = try container.decode([SuperStateTransition].self, forKey: .history)
        historyDropped = try container.decodeIfPresent(Int.self, forKey: .historyDropped) ?? 0
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(state, forKey: .state)
        try container.encode(confirmations, forKey: .confirmations)
        try container.encodeIfPresent(lastClassification, forKey: .lastClassification)
        try container.encode(history, forKey: .history)
        if historyDropped != 0 { try container.encode(historyDropped, forKey: .historyDropped) }
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
            // The first entry leaves NORMAL, unless earlier ones were dropped.
            if index > 0 ? transition.from != history[index - 1].to : historyDropped <= 0 && transition.from != .normal { chains = false }
        }
        var violated: [String] = []
        if !allowed { violated.append("history.allowedTransitions") }
        if !chains { violated.append("history.chains") }
        if (history.last?.to ?? .normal) != state { violated.append("history.endsAtState") }
        if !(0...Self.maxHistoryDropped).contains(historyDropped) || (historyDropped > 0 && history.isEmpty) { violated.append("history.droppedCount") }
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
