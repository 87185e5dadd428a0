import TradingVocabulary

/// The trading mode: OFF, DRY_RUN or LIVE_ACTIVE, plus whether the super-state is halted.
///
/// Going live needs an explicit confirmation, never happens from OFF, never while halted, and
/// never by itself after a restart. Rules and decisions: `docs/machines.md` §4.
public struct TradingMode: Sendable {
    let sink: any TransitionSink

    /// The current mode.
    public internal(set) var state: TradingModeState = .off
    /// Whether the super-state is in EMERGENCY_HALT.
    public internal(set) var isHalted: Bool = false
    /// The latest mode changes, oldest first: at most `historyLimit` of them, so that a
    /// long-lived process (and its state file, which holds the history) stays bounded.
    public internal(set) var history: [TradingModeTransition] = []
    /// How many older mode changes were dropped from the front of `history`; the machine has
    /// made `historyDropped + history.count` in all.
    public internal(set) var historyDropped: Int = 0
    /// The most mode changes `history` keeps (at least 1).
    public let historyLimit: Int
    #if STRESSCHECK_INVARIANT_CHECKS
        /// How many history entries the checks after each input have read: each entry is read
        /// once, when it has just been appended (entries are never changed, only dropped).
        var checkedHistoryCount = 0
    #endif

    /// The history kept by default: about 60 KB of state file, a save in microseconds.
    public static let defaultHistoryLimit = 1_000

    /// Creates the machine OFF, not halted, with an empty history that keeps the latest
    /// `historyLimit` mode changes (at least 1).
    public init(sink: any TransitionSink = NoTransitionSink(), historyLimit: Int = defaultHistoryLimit) {
        precondition(historyLimit >= 1, "TradingMode: a history limit of \(historyLimit); it keeps at least the latest mode change")
        self.sink = sink
        self.historyLimit = historyLimit
    }

    /// Restarts from a persisted snapshot: restored exactly (a history longer than
    /// `historyLimit` keeps its latest entries), then LIVE_ACTIVE becomes DRY_RUN (cause
    /// `.restart`), because live trading never resumes by itself.
    ///
    /// - Throws: `InvalidSnapshot` naming the violated consistency rules.
    public init(
        restarting snapshot: TradingModeSnapshot, sink: any TransitionSink = NoTransitionSink(), historyLimit: Int = defaultHistoryLimit
    ) throws(InvalidSnapshot) {
        let violations = snapshot.violations()
        guard violations.isEmpty else { throw InvalidSnapshot(violations: violations) }
        self.init(sink: sink, historyLimit: historyLimit)
        state = snapshot.state
        isHalted = snapshot.isHalted
        history = snapshot.history
        historyDropped = snapshot.historyDropped
        dropHistoryBeyondLimit()
        #if STRESSCHECK_INVARIANT_CHECKS
            checkedHistoryCount = history.count  // validated above
        #endif
        if state == .liveActive { move(to: .dryRun, cause: .restart) }
    }

    /// Everything that persists, for saving and comparing.
    public var snapshot: TradingModeSnapshot {
        TradingModeSnapshot(state: state, isHalted: isHalted, history: history, historyDropped: historyDropped)
    }

    /// Moves to a new mode, records and logs it once.
    @discardableResult
    mutating func move(to next: TradingModeState, cause: TradingModeCause) -> TradingModeOutcome {
        let transition = TradingModeTransition(from: state, to: next, cause: cause)
        state = next
        history.append(transition)
        dropHistoryBeyondLimit()
        sink.record(.tradingMode(transition))
        return .transitioned(transition)
    }

    /// Drops the oldest history entries beyond `historyLimit`, counting them.
    mutating func dropHistoryBeyondLimit() {
        let excess = history.count - historyLimit
        guard excess > 0 else { return }
        history.removeFirst(excess)
        historyDropped = Swift.min(historyDropped + excess, TradingModeSnapshot.maxHistoryDropped)  // ≤ 2⁶² before: no overflow
        #if STRESSCHECK_INVARIANT_CHECKS
            checkedHistoryCount = Swift.max(0, checkedHistoryCount - excess)
        #endif
    }
}
