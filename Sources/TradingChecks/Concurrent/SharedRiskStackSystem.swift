import TradingMachines
import TradingModels
import TradingVocabulary

/// Production's thread-safe `SharedRiskStack` behind the model's vocabulary: orders go through
/// `submit`, every other input through `apply`, each under the stack's lock, as a multi-threaded
/// caller uses it. Restarts are not inputs here (a restart is a new process, not a call that
/// races with others).
public final class SharedRiskStackSystem: SharedSystemUnderTest {
    /// The stack every lane calls.
    public let shared: SharedRiskStack
    /// Where the stack logs its transitions (the observation's position log).
    let sink = RecordingTransitionSink()

    public init(portfolioValue: Cents = RiskStackModel.defaultPortfolioValue) throws {
        shared = SharedRiskStack(try RiskStack(portfolioValue: portfolioValue, sink: sink))
    }

    public func apply(_ command: RiskStackCommand) throws -> RiskStackOutcome {
        if case .submit(let symbol, let amount) = command {
            do { return .decision(try shared.submit(OrderRequest(symbol: symbol, amount: amount))) } catch { return .error(error) }
        }
        do {
            return try shared.apply { (stack: inout RiskStack) throws(RiskStackError) -> RiskStackOutcome in
                try RiskStackSystem.input(command, on: &stack)
            }
        } catch {
            switch error {
            case .input(let input): return .error(input)
            case .persistence: preconditionFailure("the shared stack has no persistence, yet it failed to persist: \(error)")
            }
        }
    }

    /// Every layer, read under the lock; the position log from the sink.
    public var observation: RiskStackObservation {
        let log = sink.positionTransitions
        return shared.withStack { stack in
            RiskStackObservation(
                tradingMode: TradingModeObservation(production: stack.tradingMode),
                superState: SuperStateObservation(production: stack.superState),
                positions: PositionObservation(
                    production: stack.positions, positions: stack.positions.positions.map(ObservedPosition.init(production:)), log: log),
                sectorCaps: SectorCapsObservation(production: stack.sectorCaps))
        }
    }
}
