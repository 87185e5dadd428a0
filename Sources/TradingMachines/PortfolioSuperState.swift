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
    /// Every state change, oldest first.
    public internal(set) var history: [SuperStateTransition] = []
    #if STRESSCHECK_INVARIANT_CHECKS
        /// How many history entries the checks after each input have read: each entry is read
        /// once, when it has just been appended (entries are never changed).
        var checkedHistoryCount = 0
    #endif

    /// Creates the machine in NORMAL with an empty history.
    public init(sink: any TransitionSink = NoTransitionSink()) {
        self.sink = sink
    }

    /// Restores a persisted snapshot exactly.
    ///
    /// - Throws: `InvalidSnapshot` naming the violated consistency rules.
    public init(restoring snapshot: SuperStateSnapshot, sink: any TransitionSink = NoTransitionSink()) throws(InvalidSnapshot) {
        let violations = snapshot.violations()
        guard violations.isEmpty else { throw InvalidSnapshot(violations: violations) }
        self.sink = sink
        state = snapshot.state
        confirmations = snapshot.confirmations
        lastClassification = snapshot.lastClassification
        history = snapshot.history
        #if STRESSCHECK_INVARIANT_CHECKS
            checkedHistoryCount = history.count  // validated above
        #endif
    }

    /// Everything that persists, for saving and comparing.
    public var snapshot: SuperStateSnapshot {
        SuperStateSnapshot(state: state, confirmations: confirmations, lastClassification: lastClassification, history: history)
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
        sink.record(.superState(transition))
        return transition
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
