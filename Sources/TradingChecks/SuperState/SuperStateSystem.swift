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
        switch command {
        case .update(let volatility, let drawdown, let liquidity):
            return Self.outcome { () throws(SuperStateError) in
                let update = try machine.update(volatility: volatility, drawdown: drawdown, liquidity: liquidity)
                return .updated(classification: update.classification, transition: update.transition)
            }
        case .halt: return .transition(machine.halt())
        case .resume: return Self.outcome { () throws(SuperStateError) in .transition(try machine.resume()) }
        case .canOpen(let size, let deployed, let value):
            return Self.outcome { () throws(SuperStateError) in .decision(try machine.canOpen(size: size, deployed: deployed, portfolioValue: value)) }
        case .restart:
            machine = try PortfolioSuperState(restoring: try file.saveAndReload(machine.snapshot, in: files))
            return .restarted
        case .restartAfter(let fault):
            let result = try file.restart(machine.snapshot, after: fault, in: files)
            if let reloaded = result.reloaded { machine = try PortfolioSuperState(restoring: reloaded) }
            return .faultyRestart(result.report)
        }
    }

    /// The machine's typed error as the outcome `.error` (typed, so never boxed and cast back).
    private static func outcome(_ input: () throws(SuperStateError) -> SuperStateOutcome) -> SuperStateOutcome {
        do { return try input() } catch { return .error(error) }
    }

    public var observation: SuperStateObservation { SuperStateObservation(production: machine) }
}
