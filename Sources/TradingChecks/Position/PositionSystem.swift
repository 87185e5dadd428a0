import TradingMachines
import TradingModels
import TradingVocabulary

/// The production `PositionManager` behind the model's vocabulary: commands in, outcomes and
/// observations out. Its transition log is read from the machine's own sink.
public struct PositionSystem: SystemUnderTest {
    public private(set) var machine: PositionManager
    let log = StepLog<PositionTransition>()
    /// The machine's positions after the last command (read once per step).
    private var held: [ObservedPosition] = []

    public init() {
        let log = self.log
        machine = PositionManager(
            sink: ClosureSink { event in
                if case .position(let transition) = event { log.entries.append(transition) }
            })
    }

    public mutating func apply(_ command: PositionCommand) -> PositionOutcome {
        defer { held = machine.positions.map(ObservedPosition.init(production:)) }
        do {
            switch command {
            case .open(let symbol): return .decision(try machine.open(symbol))
            case .adopt(let symbol): return .transition(try machine.adopt(symbol))
            case .close(let symbol): return .transition(try machine.close(symbol))
            case .mark(let symbol, let pnl):
                try machine.mark(symbol, unrealizedPnL: pnl)
                return .done
            case .setCap(let cap): return .transition(try machine.setCap(cap))
            case .setForcedUnwind(let forced): return .transition(machine.setForcedUnwind(forced))
            case .cycle: return .orders(machine.cycle())
            }
        } catch {
            return .error(error)
        }
    }

    public var observation: PositionObservation { PositionObservation(production: machine, positions: held, log: log.entries) }
}
