import TradingMachines
import TradingModels
import TradingVocabulary

/// The production `TradingMode` behind the model's vocabulary. `restart` reloads the machine
/// from its state file with the real atomic store (LIVE_ACTIVE must come back as DRY_RUN); see
/// `RestartFiles` for when the file is written.
public struct TradingModeSystem: SystemUnderTest {
    public private(set) var machine = TradingMode()
    private var files = RestartFiles(prefix: "trading-mode")
    private var file = RestartFile<TradingModeSnapshot>("trading-mode.json")

    public init() {}

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
            let snapshot = try file.saveAndReload(machine.snapshot, in: &files)
            machine = try TradingMode(restarting: snapshot)
            let history = machine.snapshot.history
            outcome = .restarted(history.count > snapshot.history.count ? history.last : nil)
        }
        return outcome
    }

    public var observation: TradingModeObservation { TradingModeObservation(production: machine) }

    public mutating func tearDown() { files.remove() }

    /// Where the state files are, once a restart has written them (for tests).
    var stateDirectory: String? { files.directoryPath }
}
