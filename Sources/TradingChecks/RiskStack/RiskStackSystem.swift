import TradingMachines
import TradingModels
import TradingVocabulary

/// The production `RiskStack` behind the model's vocabulary. `restart` reloads the super-state
/// and trading mode from their state files with production's atomic stores (on a simulated file
/// system, see `RestartFiles`), and starts positions and sector caps fresh with the configured
/// portfolio value.
public struct RiskStackSystem: SystemUnderTest {
    public private(set) var stack: RiskStack
    let portfolioValue: Cents
    let files = RestartFiles()
    private var superStateFile = RestartFile<SuperStateSnapshot>("super-state.json")
    private var tradingModeFile = RestartFile<TradingModeSnapshot>("trading-mode.json")
    private var log = StepLog<PositionTransition>()
    private var held: [ObservedPosition] = []

    /// Production whose super-state store writes another way, for the bug zoo.
    @_spi(BugZoo) public init(superStateStore: @escaping @Sendable (String, any StateFileSystem) -> SuperStateStore) throws {
        try self.init()
        superStateFile = RestartFile<SuperStateSnapshot>("super-state.json", store: superStateStore)
    }

    public init(portfolioValue: Cents = RiskStackModel.defaultPortfolioValue) throws {
        self.portfolioValue = portfolioValue
        stack = try RiskStack(portfolioValue: portfolioValue, sink: RiskStackSystem.sink(log))
    }

    /// A sink that keeps the position transitions (the other layers keep their own histories).
    static func sink(_ log: StepLog<PositionTransition>) -> ClosureSink {
        ClosureSink { event in
            if case .position(let transition) = event { log.entries.append(transition) }
        }
    }

    public mutating func apply(_ command: RiskStackCommand) throws -> RiskStackOutcome {
        let outcome = try decide(command)
        held = stack.positions.positions.map(ObservedPosition.init(production:))
        return outcome
    }

    private mutating func decide(_ command: RiskStackCommand) throws -> RiskStackOutcome {
        switch command {
        case .restart:
            let superState = try superStateFile.saveAndReload(stack.superState.snapshot, in: files)
            let tradingMode = try tradingModeFile.saveAndReload(stack.tradingMode.snapshot, in: files)
            try restart(superState: superState, tradingMode: tradingMode)
            return .restarted
        case .restartAfter(let fault, let file):
            // The faulty file first: when its reload refuses a corrupt file, nothing restarts.
            switch file {
            case .superState:
                let result = try superStateFile.restart(stack.superState.snapshot, after: fault, in: files)
                guard let superState = result.reloaded else { return .faultyRestart(result.report) }
                try restart(superState: superState, tradingMode: try tradingModeFile.saveAndReload(stack.tradingMode.snapshot, in: files))
                return .faultyRestart(result.report)
            case .tradingMode:
                let result = try tradingModeFile.restart(stack.tradingMode.snapshot, after: fault, in: files)
                guard let tradingMode = result.reloaded else { return .faultyRestart(result.report) }
                try restart(superState: try superStateFile.saveAndReload(stack.superState.snapshot, in: files), tradingMode: tradingMode)
                return .faultyRestart(result.report)
            }
        default:
            // The stack's typed error is the outcome (caught typed: never boxed and cast back).
            do throws(RiskStackError) { return try Self.input(command, on: &stack) } catch { return .error(error) }
        }
    }

    /// A new process from the reloaded snapshots: positions and holdings start empty with the
    /// configured portfolio value.
    private mutating func restart(superState: SuperStateSnapshot, tradingMode: TradingModeSnapshot) throws {
        log = StepLog<PositionTransition>()
        held = []
        stack = try RiskStack(restoring: superState, tradingModeSnapshot: tradingMode, portfolioValue: portfolioValue, sink: RiskStackSystem.sink(log))
    }

    public var observation: RiskStackObservation {
        RiskStackObservation(
            tradingMode: TradingModeObservation(production: stack.tradingMode),
            superState: SuperStateObservation(production: stack.superState),
            positions: PositionObservation(production: stack.positions, positions: held, log: log.entries),
            sectorCaps: SectorCapsObservation(production: stack.sectorCaps))
    }
}

extension RiskStackSystem {
    /// The outcome of every input but the restarts, on production's stack: the one mapping of the
    /// model's vocabulary onto production, shared by this adapter and the concurrent one
    /// (`SharedRiskStackSystem`).
    static func input(_ command: RiskStackCommand, on stack: inout RiskStack) throws(RiskStackError) -> RiskStackOutcome {
        switch command {
        case .submit(let symbol, let amount): return .decision(try stack.submit(OrderRequest(symbol: symbol, amount: amount)))
        case .close(let symbol):
            try stack.close(symbol)
            return .done
        case .adopt(let symbol, let value):
            try stack.adopt(symbol, value: value)
            return .done
        case .mark(let symbol, let pnl):
            try stack.mark(symbol, unrealizedPnL: pnl)
            return .done
        case .markToMarket(let symbol, let value):
            try stack.markToMarket(symbol, value: value)
            return .done
        case .setCap(let cap): return .position(try stack.setCap(cap))
        case .setForcedUnwind(let forced): return .position(stack.setForcedUnwind(forced))
        case .cycle: return .orders(stack.cycle())
        case .setPortfolioValue(let value):
            try stack.setPortfolioValue(value)
            return .done
        case .setLimits(let limits, let sector):
            try stack.setLimits(limits, for: sector)
            return .done
        case .setGroupLimit(let limit, let group):
            try stack.setGroupLimit(limit, for: group)
            return .done
        case .update(let v, let d, let l):
            let update = try stack.update(volatility: v, drawdown: d, liquidity: l)
            return .updated(classification: update.classification, transition: update.transition)
        case .halt: return .superState(stack.halt())
        case .resume: return .superState(try stack.resume())
        case .enableDryRun: return .mode(stack.enableDryRun())
        case .goLive(let confirmed): return .mode(stack.goLive(confirmed: confirmed))
        case .pause: return .mode(stack.pause())
        case .stop: return .mode(stack.stop())
        case .restart, .restartAfter: preconditionFailure("RiskStackSystem.input: a restart replaces the stack; the adapter does it")
        }
    }
}
