import TradingMachines
import TradingModels
import TradingVocabulary

/// The production `PortfolioSuperState` behind the model's vocabulary, persisted the way
/// production runs it: after every command that changes its snapshot, the snapshot is saved
/// (atomically) to a state file; `restart` throws the machine away and loads it back from disk.
public struct SuperStateSystem: SystemUnderTest {
    public private(set) var machine = PortfolioSuperState()
    let directory = TemporaryDirectory(prefix: "super-state")
    let store: SuperStateStore
    private var saved = SuperStateSnapshot.initial

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
                machine = try PortfolioSuperState(restoring: try store.load())
                outcome = .restarted
            }
        } catch let error as SuperStateError {
            outcome = .error(error)
        }
        let snapshot = machine.snapshot
        if snapshot != saved {
            try store.save(snapshot)
            saved = snapshot
        }
        return outcome
    }

    public var observation: SuperStateObservation { SuperStateObservation(production: machine) }

    public mutating func tearDown() { directory.remove() }
}
