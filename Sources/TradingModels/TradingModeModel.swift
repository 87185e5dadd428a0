import TradingVocabulary

/// The reference model of the trading mode (`docs/machines.md` §4), written as plainly as
/// possible.
///
/// It stores only the history (its latest `historyLimit` entries, and how many were dropped
/// before them) and the halted flag; the state is the last history entry's `to` (OFF when
/// empty), and the routing of an order is looked up from the state on every query.
public struct TradingModeModel: Hashable, Sendable {
    /// The latest state changes, oldest first, at most `historyLimit` of them.
    public private(set) var history: [TradingModeTransition] = []
    /// How many earlier state changes were dropped from the front of `history`.
    public private(set) var historyDropped = 0
    /// The most entries `history` keeps.
    public let historyLimit: Int
    /// Whether the super-state is halted, as last told.
    public private(set) var isHalted: Bool = false

    /// Everything the state file holds: all the model stores.
    public struct Persisted: Hashable, Sendable {
        var history: [TradingModeTransition] = []
        var historyDropped = 0
        var isHalted = false
    }

    /// The state file restarts write and reload.
    public private(set) var file = ModelStateFile(initial: Persisted())

    /// The documented initial state: OFF, not halted, empty history, keeping the latest
    /// `historyLimit` entries (production's default: 1 000).
    public init(historyLimit: Int = 1_000) { self.historyLimit = historyLimit }

    /// The model's facts as the state file holds them.
    public internal(set) var persisted: Persisted {
        get { Persisted(history: history, historyDropped: historyDropped, isHalted: isHalted) }
        set {
            history = newValue.history
            historyDropped = newValue.historyDropped
            isHalted = newValue.isHalted
        }
    }

    /// The current state: where the last transition went.
    public var state: TradingModeState { history.last?.to ?? .off }

    /// Where an order goes now: the exchange when live, the simulation in dry run, nowhere when off.
    public var routing: RoutingDecision {
        switch state {
        case .off: .rejected(.notAllowed(.submit, from: .off))
        case .dryRun: .routed(.simulation)
        case .liveActive: .routed(.exchange)
        }
    }

    /// The snapshot a differential check compares.
    public var observation: TradingModeObservation {
        TradingModeObservation(state: state, isHalted: isHalted, history: history, historyDropped: historyDropped, routing: routing)
    }

    /// Applies one input and returns what it produced.
    public mutating func apply(_ command: TradingModeCommand) -> TradingModeCommandOutcome {
        switch command {
        case .enableDryRun:
            guard state == .off else { return .mode(.rejected(.notAllowed(.enableDryRun, from: state))) }
            return .mode(.transitioned(move(to: .dryRun, cause: .enableDryRun)))

        case .goLive(let confirmed):
            guard state == .dryRun else { return .mode(.rejected(.notAllowed(.goLive, from: state))) }
            guard confirmed else { return .mode(.rejected(.notConfirmed)) }
            guard !isHalted else { return .mode(.rejected(.halted)) }
            return .mode(.transitioned(move(to: .liveActive, cause: .goLive)))

        case .pause:
            guard state == .liveActive else { return .mode(.rejected(.notAllowed(.pause, from: state))) }
            return .mode(.transitioned(move(to: .dryRun, cause: .pause)))

        case .stop:
            guard state != .off else { return .mode(.unchanged) }
            return .mode(.transitioned(move(to: .off, cause: .stop)))

        case .setHalted(let halted):
            isHalted = halted
            guard halted, state == .liveActive else { return .mode(.unchanged) }
            return .mode(.transitioned(move(to: .dryRun, cause: .halt)))

        case .submit:
            return .routing(routing)

        case .restart:
            // State, flag and history are all persisted; only LIVE_ACTIVE does not survive.
            _ = file.save(persisted)
            return .restarted(liveDoesNotSurvive())

        case .restartAfter(let fault):
            let failedAt = file.save(persisted, fault: fault)
            guard let reloaded = file.contents else {
                return .faultyRestart(RestartReport(saveFailedAt: failedAt, refusedCorruptFile: true), nil)
            }
            persisted = reloaded
            return .faultyRestart(RestartReport(saveFailedAt: failedAt), liveDoesNotSurvive())
        }
    }

    /// What a reload does on top of the file: a LIVE_ACTIVE comes back as DRY_RUN.
    private mutating func liveDoesNotSurvive() -> TradingModeTransition? {
        state == .liveActive ? move(to: .dryRun, cause: .restart) : nil
    }

    /// Appends the history entry that moves to `target` (dropping the oldest when the history
    /// is full), and returns it.
    private mutating func move(to target: TradingModeState, cause: TradingModeCause) -> TradingModeTransition {
        let transition = TradingModeTransition(from: state, to: target, cause: cause)
        history.append(transition)
        if history.count > historyLimit {
            history.removeFirst()
            historyDropped = min(historyDropped + 1, 1 << 62)  // counted up to 2⁶², as production does
        }
        return transition
    }
}
