import TradingMachines
import TradingModels
import TradingVocabulary

/// The production `PortfolioSuperState` behind the model's vocabulary. `restart` is a process
/// restart: the machine is thrown away and loaded back from its state file with production's
/// atomic store, on a simulated file system where `restartAfter` strikes the save with a fault
/// (see `RestartFiles`).
public struct SuperStateSystem: SystemUnderTest {
    /// The history the check's machines keep: 2, so that most cases fill it, and the entries
    /// dropped from its front (and their count, persisted), the chain between the entries kept
    /// and restarts with a full history are all compared with the model. Production keeps
    /// `PortfolioSuperState.defaultHistoryLimit`; the rule is the same.
    public static let historyLimit = 2

    /// The limit this system's machines are made with: `historyLimit`, but for the bug zoo.
    let machineHistoryLimit: Int
    public private(set) var machine: PortfolioSuperState
    let files = RestartFiles()
    private var file: RestartFile<SuperStateSnapshot>

    public init() {
        file = RestartFile("super-state.json")
        machineHistoryLimit = Self.historyLimit
        machine = PortfolioSuperState(historyLimit: machineHistoryLimit)
    }

    /// Production with a state store that writes another way, for the bug zoo.
    @_spi(BugZoo) public init(store: @escaping @Sendable (String, any StateFileSystem) -> SuperStateStore) {
        file = RestartFile("super-state.json", store: store)
        machineHistoryLimit = Self.historyLimit
        machine = PortfolioSuperState(historyLimit: machineHistoryLimit)
    }

    /// Production whose machines keep `machineHistoryLimit` entries where the check's model
    /// keeps `historyLimit`, for the bug zoo (`Int.max`: a history never bounded).
    @_spi(BugZoo) public init(machineHistoryLimit: Int) {
        file = RestartFile("super-state.json")
        self.machineHistoryLimit = machineHistoryLimit
        machine = PortfolioSuperState(historyLimit: machineHistoryLimit)
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
            machine = try PortfolioSuperState(restoring: try file.saveAndReload(machine.snapshot, in: files), historyLimit: machineHistoryLimit)
            return .restarted
        case .restartAfter(let fault):
            let result = try file.restart(machine.snapshot, after: fault, in: files)
            if let reloaded = result.reloaded { machine = try PortfolioSuperState(restoring: reloaded, historyLimit: machineHistoryLimit) }
            return .faultyRestart(result.report)
        }
    }

    /// The machine's typed error as the outcome `.error` (typed, so never boxed and cast back).
    private static func outcome(_ input: () throws(SuperStateError) -> SuperStateOutcome) -> SuperStateOutcome {
        do { return try input() } catch { return .error(error) }
    }

    public var observation: SuperStateObservation { SuperStateObservation(production: machine) }
}
