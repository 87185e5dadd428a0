import TradingVocabulary

/// The portfolio super-state: NORMAL, CAUTIOUS, STRESSED, CRISIS, RECOVERY or EMERGENCY_HALT,
/// driven by market conditions and by the operator's halt and resume.
///
/// CRISIS never goes straight back to NORMAL: it passes RECOVERY, which needs three consecutive
/// confirming updates. Rules and decisions: `docs/machines.md` §3.
public struct PortfolioSuperState: Sendable {
    let sink: any TransitionSink

    /// The current state.
    public internal(set) var state: PortfolioState = .normal
    /// Confirming updates counted so far in RECOVERY (0…2).
    public internal(set) var confirmations: Int = 0
    /// The classification of the latest valid update; `nil` before the first.
    public internal(set) var lastClassification: PortfolioState?
    /// The latest state changes, oldest first: at most `historyLimit` of them, so that a
    /// long-lived process (and its state file, which holds the history) stays bounded.
    public internal(set) var history: [SuperStateTransition] = []
    /// How many older state changes were dropped from the front of `history`; the machine has
    /// made `historyDropped + history.count` in all.
    public internal(set) var historyDropped: Int = 0
    /// The most state changes `history` keeps (at least 1).
    public let historyLimit: Int
    #if STRESSCHECK_INVARIANT_CHECKS
        /// How many history entries the checks after each input have read: each entry is read
        /// once, when it has just been appended (entries are never changed, only dropped).
        var checkedHistoryCount = 0
    #endif

    /// The history kept by default: about 60 KB of state file, a save in microseconds.
    public static let defaultHistoryLimit = 1_000

    /// Creates the machine in NORMAL with an empty history that keeps the latest
    /// `historyLimit` state changes (at least 1).
    public init(sink: any TransitionSink = NoTransitionSink(), historyLimit: Int = defaultHistoryLimit) {
        precondition(historyLimit >= 1, "PortfolioSuperState: a history limit of \(historyLimit); it keeps at least the latest state change")
        self.sink = sink
        self.historyLimit = historyLimit
    }

    /// Restores a persisted snapshot exactly, except that a history longer than `historyLimit`
    /// keeps its latest entries (the others are counted in `historyDropped`).
    ///
    /// - Throws: `InvalidSnapshot` naming the violated consistency rules.
    public init(
        restoring snapshot: SuperStateSnapshot, sink: any TransitionSink = NoTransitionSink(), historyLimit: Int = defaultHistoryLimit
    ) throws(InvalidSnapshot) {
        let violations = snapshot.violations()
        guard violations.isEmpty else { throw InvalidSnapshot(violations: violations) }
        self.init(sink: sink, historyLimit: historyLimit)
        state = snapshot.state
        confirmations = snapshot.confirmations
        lastClassification = snapshot.lastClassification
        history = snapshot.history
        historyDropped = snapshot.historyDropped
        dropHistoryBeyondLimit()
        #if STRESSCHECK_INVARIANT_CHECKS
            checkedHistoryCount = history.count  // validated above
        #endif
    }

    /// Everything that persists, for saving and comparing.
    public var snapshot: SuperStateSnapshot {
        SuperStateSnapshot(
            state: state, confirmations: confirmations, lastClassification: lastClassification, history: history, historyDropped: historyDropped)
    }

    /// The row of the limits table in force.
    public var limits: SuperStateLimits { state.limits }

    /// The risk multiplier in force (10 000 bp = 1.0).
    public var riskMultiplier: BasisPoints { state.limits.riskMultiplier }

    /// Moves to a new state, records and logs it once.
    mutating func move(to next: PortfolioState, cause: SuperStateCause) -> SuperStateTransition {
        let transition = SuperStateTransition(from: state, to: next, cause: cause)
        state = next
        confirmations = 0
        history.append(transition)
        dropHistoryBeyondLimit()
        sink.record(.superState(transition))
        return transition
    }

    /// Drops the oldest history entries beyond `historyLimit`, counting them.
    mutating func dropHistoryBeyondLimit() {
        let excess = history.count - historyLimit
        guard excess > 0 else { return }
        history.removeFirst(excess)
        historyDropped = Swift.min(historyDropped + excess, SuperStateSnapshot.maxHistoryDropped)  // ≤ 2⁶² before: no overflow
        #if STRESSCHECK_INVARIANT_CHECKS
            checkedHistoryCount = Swift.max(0, checkedHistoryCount - excess)
        #endif
    }
}

/// What an `update` did.
public struct SuperStateUpdate: Hashable, Sendable {
    /// The classification of the conditions.
    public var classification: PortfolioState
    /// The state change, if there was one.
    public var transition: SuperStateTransition?

    public init(classification: PortfolioState, transition: SuperStateTransition?) {
        self.classification = classification
        self.transition = transition
    }
}
