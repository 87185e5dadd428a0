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
    /// Every mode change, oldest first.
    public internal(set) var history: [TradingModeTransition] = []
    #if STRESSCHECK_INVARIANT_CHECKS
        /// How many history entries the checks after each input have read: each entry is read
        /// once, when it has just been appended (entries are never changed).
        var checkedHistoryCount = 0
    #endif

    /// Creates the machine OFF, not halted, with an empty history.
    public init(sink: any TransitionSink = NoTransitionSink()) {
        self.sink = sink
    }

    /// Restarts from a persisted snapshot: restored exactly, then LIVE_ACTIVE becomes DRY_RUN
    /// (cause `.restart`), because live trading never resumes by itself.
    ///
    /// - Throws: `InvalidSnapshot` naming the violated consistency rules.
    public init(restarting snapshot: TradingModeSnapshot, sink: any TransitionSink = NoTransitionSink()) throws(InvalidSnapshot) {
        let violations = snapshot.violations()
        guard violations.isEmpty else { throw InvalidSnapshot(violations: violations) }
        self.sink = sink
        state = snapshot.state
        isHalted = snapshot.isHalted
        history = snapshot.history
        #if STRESSCHECK_INVARIANT_CHECKS
            checkedHistoryCount = history.count  // validated above
        #endif
        if state == .liveActive { move(to: .dryRun, cause: .restart) }
    }

    /// Everything that persists, for saving and comparing.
    public var snapshot: TradingModeSnapshot {
        TradingModeSnapshot(state: state, isHalted: isHalted, history: history)
    }

    /// Moves to a new mode, records and logs it once.
    @discardableResult
    mutating func move(to next: TradingModeState, cause: TradingModeCause) -> TradingModeOutcome {
        let transition = TradingModeTransition(from: state, to: next, cause: cause)
        state = next
        history.append(transition)
        sink.record(.tradingMode(transition))
        return .transitioned(transition)
    }
}
