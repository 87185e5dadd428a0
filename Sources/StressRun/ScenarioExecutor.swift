import ExchangeSim
import ExchangeVocabulary
import MarketSim
import TradingMachines
import TradingVocabulary

/// Runs one scenario through a strategy, the risk stack and the simulated exchange, bar by bar
/// on the virtual clock, checking the safety properties after every step.
///
/// A run is a function of (scenario, strategy, choices) and the configuration: every random
/// decision — the bars' shocks, the venue's fault mix and windows, each order's latency and
/// reject flag, each market event's thinness — is drawn from the one `ChoiceSource`, in that
/// order, so a seed replays a run exactly, all-zero choices give the calm run of the scenario's
/// fixed parameters, and the engine's choice stream can later drive and shrink it.
///
/// ```swift
/// let library = ScenarioLibrary.named("flash-crash-2010")!
/// let record = try ScenarioExecutor().run(library, strategy: BuyTheDipStrategy())
/// record.violations      // [] on the correct wiring
/// record.metrics.maxDrawdown
/// ```
public struct ScenarioExecutor: Sendable {
    public var configuration: ExecutorConfiguration
    /// A deliberate wiring bug for the bug zoo; `.none` in production.
    @_spi(BugZoo) public var mutation: ExecutorMutation = .none

    public init(configuration: ExecutorConfiguration = ExecutorConfiguration()) {
        self.configuration = configuration
    }

    /// Runs `scenario` with `strategy`, drawing every random decision from `choices`.
    ///
    /// - Throws: ``StressRunError`` when the configuration or the scenario is invalid; nothing
    ///   is simulated then. A run that breaks a property does not throw: its record says so.
    /// - Complexity: O(bars × symbols) steps, each O(orders in flight).
    public func run<S: Strategy, C: ChoiceSource>(_ scenario: CrashScenario, strategy: S, choices: inout C) throws(StressRunError) -> RunRecord {
        try configuration.validate()
        let market: CrashResult
        do { market = try CrashSimulator.run(scenario, choices: &choices, skippingRefusals: true) } catch { throw .scenario(error) }
        guard market.series.contains(where: { !$0.bars.isEmpty }) else { throw .noBars }
        let faults: VenueFaults
        let schedule: VenueFaultSchedule
        do {
            faults = try VenueFaults(bounds: configuration.faultBounds, from: &choices)
            schedule = try VenueFaultSchedule(bounds: configuration.faultBounds, horizon: scenario.duration, from: &choices)
        } catch {
            throw .faultBounds(error)
        }
        var run = try Run(market: market, faults: faults, schedule: schedule, strategy: strategy, configuration: configuration,
                          mutation: mutation)
        for index in 0..<run.stepCount { run.step(index, choices: &choices) }
        return run.record()
    }

    /// Runs a library scenario from a seed (its reference seed unless given).
    public func run<S: Strategy>(_ library: LibraryScenario, strategy: S, seed: UInt64? = nil) throws(StressRunError) -> RunRecord {
        var choices = SeededChoices(seed: seed ?? library.seed)
        return try run(library.scenario, strategy: strategy, choices: &choices)
    }
}

extension Run {
    /// The record of the finished run.
    func record() -> RunRecord {
        var unrealized: Int64 = 0
        for i in symbols.indices where ledger.positions[i].lots > 0 {
            unrealized += ledger.unrealized(i, close: closes[i] > 0 ? closes[i] : ledger.positions[i].mark)
        }
        return RunRecord(strategy: strategy.name, kind: market.scenario.kind, symbols: symbols, start: start, interval: interval,
                         initialCash: configuration.initialCash, events: events, cash: Cents(ledger.cash), feesPaid: Cents(ledger.fees),
                         realizedPnL: Cents(ledger.realized), unrealizedPnL: Cents(unrealized), violationCount: violations,
                         liveness: livenessVerdict())
    }
}
