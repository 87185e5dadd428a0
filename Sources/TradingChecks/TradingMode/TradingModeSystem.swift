import TradingMachines
import TradingModels
import TradingVocabulary

/// The production `TradingMode` behind the model's vocabulary. `restart` reloads the machine
/// from its state file with production's atomic store (LIVE_ACTIVE must come back as DRY_RUN),
/// on a simulated file system where `restartAfter` strikes the save with a fault (see
/// `RestartFiles`).
public struct TradingModeSystem: SystemUnderTest {
    /// The history the check's machines keep: 2, so that most cases fill it, and the entries
    /// dropped from its front (and their count, persisted), the chain between the entries kept
    /// and restarts with a full history are all compared with the model. Production keeps
    /// `TradingMode.defaultHistoryLimit`; the rule is the same.
    public static let historyLimit = 2

    /// The limit this system's machines are made with: `historyLimit`, but for the bug zoo.
    let machineHistoryLimit: Int
    public private(set) var machine: TradingMode
    let files = RestartFiles()
    private var file = RestartFile<TradingModeSnapshot>("trading-mode.json")

    public init() {
        machineHistoryLimit = Self.historyLimit
        machine = TradingMode(historyLimit: machineHistoryLimit)
    }

    /// Production whose machines keep `machineHistoryLimit` entries where the check's model
    /// keeps `historyLimit`, for the bug zoo (`Int.max`: a history never bounded).
    @_spi(BugZoo) public init(machineHistoryLimit: Int) {
        self.machineHistoryLimit = machineHistoryLimit
        machine = TradingMode(historyLimit: machineHistoryLimit)
    }

    public mutating func apply(_ command: TradingModeCommand) throws -> TradingModeCommandOutcome {
        let outcome: TradingModeCommandOutcome
        switch command {
        case .enableDryRun: outcome = .mode(machine.enableDryRun())
        case .goLive(let confirmed): outcome = .mode(machine.goLive(confirmed: confirmed))
        case .pause: outcome = .mode(machine.pause())
        case .stop: outcome = .mode(machine.stop())
        case .setHalted(let halted): outcome = .mode(machine.setHalted(halted))
        case .submit: outcome = .routing(machine.submit())
        case .restart:
            let snapshot = try file.saveAndReload(machine.snapshot, in: files)
            machine = try TradingMode(restarting: snapshot, historyLimit: machineHistoryLimit)
            outcome = .restarted(appendedByRestart(to: snapshot))
        case .restartAfter(let fault):
            let result = try file.restart(machine.snapshot, after: fault, in: files)
            guard let snapshot = result.reloaded else { return .faultyRestart(result.report, nil) }
            machine = try TradingMode(restarting: snapshot, historyLimit: machineHistoryLimit)
            outcome = .faultyRestart(result.report, appendedByRestart(to: snapshot))
        }
        return outcome
    }

    public var observation: TradingModeObservation { TradingModeObservation(production: machine) }

    /// The transition the restart added to the reloaded `snapshot`'s history, if any.
    private func appendedByRestart(to snapshot: TradingModeSnapshot) -> TradingModeTransition? {
        let reloaded = machine.snapshot
        return reloaded.historyDropped + reloaded.history.count > snapshot.historyDropped + snapshot.history.count ? reloaded.history.last : nil
    }
}
