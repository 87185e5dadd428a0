import TradingVocabulary

/// The reference model of the portfolio super-state (`docs/machines.md` §3), written as plainly
/// as possible.
///
/// It stores only the history (its latest `historyLimit` entries, and how many were dropped
/// before them), the confirmation count and the latest classification. The state is the last
/// history entry's `to` (NORMAL when the history is empty), so state and history cannot
/// disagree; the limits are looked up from the state on every query.
public struct SuperStateModel: Hashable, Sendable {
    /// The latest state changes, oldest first, at most `historyLimit` of them.
    public private(set) var history: [SuperStateTransition] = []
    /// How many earlier state changes were dropped from the front of `history`.
    public private(set) var historyDropped = 0
    /// The most entries `history` keeps.
    public let historyLimit: Int
    /// Confirming updates counted in RECOVERY.
    public private(set) var confirmations: Int = 0
    /// The classification of the latest valid update.
    public private(set) var lastClassification: PortfolioState?

    /// Everything the state file holds: all the model stores.
    public struct Persisted: Hashable, Sendable {
        var history: [SuperStateTransition] = []
        var historyDropped = 0
        var confirmations = 0
        var lastClassification: PortfolioState?
    }

    /// The state file restarts write and reload.
    public private(set) var file = ModelStateFile(initial: Persisted())

    /// The documented initial state: NORMAL, no classification, empty history, keeping the
    /// latest `historyLimit` entries (production's default: 1 000).
    public init(historyLimit: Int = 1_000) { self.historyLimit = historyLimit }

    /// The model's facts as the state file holds them.
    public internal(set) var persisted: Persisted {
        get { Persisted(history: history, historyDropped: historyDropped, confirmations: confirmations, lastClassification: lastClassification) }
        set {
            history = newValue.history
            historyDropped = newValue.historyDropped
            confirmations = newValue.confirmations
            lastClassification = newValue.lastClassification
        }
    }

    /// The current state: where the last transition went.
    public var state: PortfolioState { history.last?.to ?? .normal }

    /// The snapshot a differential check compares.
    public var observation: SuperStateObservation {
        SuperStateObservation(
            state: state, limits: state.limits, riskMultiplier: state.limits.riskMultiplier,
            confirmations: confirmations, lastClassification: lastClassification, history: history, historyDropped: historyDropped)
    }

    /// Validates the conditions and classifies them: the most severe of the three rules.
    ///
    /// - Throws: `.invalidCondition(field, problem)` for the first bad field, in the order
    ///   volatility, drawdown, liquidity.
    public static func classify(volatility v: Double, drawdown d: Double, liquidity l: Double) throws(SuperStateError) -> PortfolioState {
        if !v.isFinite { throw .invalidCondition(.volatility, .notFinite) }
        if v < 0 { throw .invalidCondition(.volatility, .negative) }
        for (field, x) in [(ConditionField.drawdown, d), (.liquidity, l)] {
            if !x.isFinite { throw .invalidCondition(field, .notFinite) }
            if x < 0 { throw .invalidCondition(field, .negative) }
            if x > 1 { throw .invalidCondition(field, .aboveOne) }
        }
        let byVolatility: PortfolioState = v < 0.03 ? .normal : v < 0.05 ? .cautious : v <= 0.10 ? .stressed : .crisis
        let byDrawdown: PortfolioState = d < 0.05 ? .normal : d < 0.15 ? .cautious : d <= 0.30 ? .stressed : .crisis
        let byLiquidity: PortfolioState = l < 0.2 ? .stressed : .normal
        return [byVolatility, byDrawdown, byLiquidity].max { $0.severity < $1.severity }!
    }

    /// Applies one input and returns what it produced.
    public mutating func apply(_ command: SuperStateCommand) -> SuperStateOutcome {
        switch command {
        case .update(let v, let d, let l):
            let c: PortfolioState
            do {
                c = try Self.classify(volatility: v, drawdown: d, liquidity: l)
            } catch {
                return .error(error)
            }
            lastClassification = c
            return .updated(classification: c, transition: transitionOnUpdate(c))

        case .halt:
            if state == .emergencyHalt { return .transition(nil) }
            confirmations = 0
            return .transition(move(to: .emergencyHalt, cause: .halt))

        case .resume:
            guard state == .emergencyHalt else { return .error(.notHalted(state)) }
            confirmations = 0
            return .transition(move(to: lastClassification == .crisis ? .crisis : .recovery, cause: .resume))

        case .canOpen(let size, let deployed, let value):
            if size.value <= 0 { return .error(.nonPositiveSize(size)) }
            if deployed.value < 0 { return .error(.negativeDeployed(deployed)) }
            if value.value <= 0 { return .error(.nonPositivePortfolioValue(value)) }
            let limits = state.limits
            if !limits.allowsNewPositions { return .decision(.rejected(.newPositionsNotAllowed(state))) }
            if Int128(size.value) * 10_000 > Int128(limits.maxPosition.value) * Int128(value.value) {
                return .decision(.rejected(.exceedsMaxPosition))
            }
            if (Int128(deployed.value) + Int128(size.value)) * 10_000 > Int128(limits.utilization.value) * Int128(value.value) {
                return .decision(.rejected(.exceedsUtilization))
            }
            return .decision(.accepted)

        case .restart:
            // Everything this model stores is persisted, so a reload changes nothing.
            _ = file.save(persisted)
            return .restarted

        case .restartAfter(let fault):
            let failedAt = file.save(persisted, fault: fault)
            guard let reloaded = file.contents else {
                return .faultyRestart(RestartReport(saveFailedAt: failedAt, refusedCorruptFile: true))
            }
            persisted = reloaded
            return .faultyRestart(RestartReport(saveFailedAt: failedAt))
        }
    }

    /// The transition table of `update` for classification `c`.
    private mutating func transitionOnUpdate(_ c: PortfolioState) -> SuperStateTransition? {
        switch state {
        case .normal, .cautious, .stressed:
            return c == state ? nil : move(to: c, cause: .update(c))
        case .crisis:
            if c == .crisis { return nil }
            confirmations = 0
            return move(to: .recovery, cause: .update(c))
        case .recovery:
            if c == .crisis || c == .stressed {
                confirmations = 0
                return move(to: c, cause: .update(c))
            }
            confirmations += 1
            guard confirmations == ConditionThresholds.recoveryConfirmations else { return nil }
            confirmations = 0
            return move(to: c, cause: .update(c))
        case .emergencyHalt:
            return nil
        }
    }

    /// Appends the history entry that moves to `target` (dropping the oldest when the history
    /// is full), and returns it.
    private mutating func move(to target: PortfolioState, cause: SuperStateCause) -> SuperStateTransition {
        let transition = SuperStateTransition(from: state, to: target, cause: cause)
        history.append(transition)
        if history.count > historyLimit {
            history.removeFirst()
            historyDropped = min(historyDropped + 1, 1 << 62)  // counted up to 2⁶², as production does
        }
        return transition
    }
}
