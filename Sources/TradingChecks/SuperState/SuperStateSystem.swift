import TradingMachines
import TradingModels
import TradingVocabulary

/// The production `PortfolioSuperState` behind the model's vocabulary. `restart` is a process
/// restart: the state file holds the last snapshot (production saves after every change; its
/// own tests cover that), so the adapter writes it with the real atomic store, throws the
/// machine away and loads it back from disk. Saving only at a restart keeps the steps cheap and
/// observes the same thing, since nothing else reads the file.
public struct SuperStateSystem: SystemUnderTest {
    public private(set) var machine = PortfolioSuperState()
    let directory = TemporaryDirectory(prefix: "super-state")
    let store: SuperStateStore

    public init() {
        store = SuperStateStore(path: directory.file("super-state.json"))
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
                try store.save(machine.snapshot)
                machine = try PortfolioSuperState(restoring: try store.load())
                outcome = .restarted
            }
        } catch let error as SuperStateError {
            outcome = .error(error)
        }
        return outcome
    }

    public var observation: SuperStateObservation { SuperStateObservation(production: machine) }

    public mutating func tearDown() { directory.remove() }
}
