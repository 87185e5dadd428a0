import TradingMachines
import TradingModels
import TradingVocabulary

/// The production `PortfolioSuperState` behind the model's vocabulary. `restart` is a process
/// restart: the machine is thrown away and loaded back from its state file with production's
/// atomic store, on a simulated file system where `restartAfter` strikes the save with a fault
/// (see `RestartFiles`).
public struct SuperStateSystem: SystemUnderTest {
    public private(set) var machine = PortfolioSuperState()
    let files = RestartFiles()
    private var file: RestartFile<SuperStateSnapshot>

    public init() { file = RestartFile("super-state.json") }

    /// Production with a state store that writes another way, for the bug zoo.
    @_spi(BugZoo) public init(store: @escaping @Sendable (String, any StateFileSystem) -> SuperStateStore) {
        file = RestartFile("super-state.json", store: store)
    }

    public mutating func apply(_ command: SuperStateCommand) throws -> SuperStateOutcome {
        let outcome: SuperStateOutcome
        do {
            switch command {
            case .update(let volatility, let drawdown, let liquidity):
                let update = try machine.update(volatility: volatility, drawdown: drawdown, liquidity: liquidity)
                outcome = .updated(classification: update.classification, transition: update.transition)
            case .halt: outcome = .transition(machine.halt())
            case .resume: outcome = .transition(try machine.resume())
            case .canOpen(let size, let deployed, let value):
                outcome = .decision(try machine.canOpen(size: size, deployed: deployed, portfolioValue: value))
            case .restart:
                machine = try PortfolioSuperState(restoring: try file.saveAndReload(machine.snapshot, in: files))
                outcome = .restarted
            case .restartAfter(let fault):
                let result = try file.restart(machine.snapshot, after: fault, in: files)
                if let reloaded = result.reloaded { machine = try PortfolioSuperState(restoring: reloaded) }
                outcome = .faultyRestart(result.report)
            }
        } catch let error as SuperStateError {
            outcome = .error(error)
        }
        return outcome
    }

    public var observation: SuperStateObservation { SuperStateObservation(production: machine) }
}
