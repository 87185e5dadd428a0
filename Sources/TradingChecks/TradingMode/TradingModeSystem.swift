import TradingMachines
import TradingModels
import TradingVocabulary

/// The production `TradingMode` behind the model's vocabulary. `restart` saves the snapshot
/// with the real atomic store and reloads the machine from disk (LIVE_ACTIVE must come back as
/// DRY_RUN); see `SuperStateSystem` for why saving at the restart observes the same thing.
public struct TradingModeSystem: SystemUnderTest {
    public private(set) var machine = TradingMode()
    let directory = TemporaryDirectory(prefix: "trading-mode")
    let store: TradingModeStore

    public init() {
        store = TradingModeStore(path: directory.file("trading-mode.json"))
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
            try store.save(machine.snapshot)
            let snapshot = try store.load()
            machine = try TradingMode(restarting: snapshot)
            let history = machine.snapshot.history
            outcome = .restarted(history.count > snapshot.history.count ? history.last : nil)
        }
        return outcome
    }

    public var observation: TradingModeObservation { TradingModeObservation(production: machine) }

    public mutating func tearDown() { directory.remove() }
}
