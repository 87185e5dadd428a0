import TradingMachines
import TradingModels
import TradingVocabulary

/// The production `PortfolioSuperState` behind the model's vocabulary. `restart` is a process
/// restart: the machine is thrown away and loaded back from its state file with the real atomic
/// store (see `RestartFiles` for when the file is written).
public struct SuperStateSystem: SystemUnderTest {
    public private(set) var machine = PortfolioSuperState()
    private var files = RestartFiles(prefix: "super-state")
    private var file = RestartFile<SuperStateSnapshot>("super-state.json")

    public init() {}

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
                machine = try PortfolioSuperState(restoring: try file.saveAndReload(machine.snapshot, in: &files))
                outcome = .restarted
            }
        } catch let error as SuperStateError {
            outcome = .error(error)
        }
        return outcome
    }

    public var observation: SuperStateObservation { SuperStateObservation(production: machine) }

    public mutating func tearDown() { files.remove() }

    /// Where the state files are, once a restart has written them (for tests).
    var stateDirectory: String? { files.directoryPath }
}
