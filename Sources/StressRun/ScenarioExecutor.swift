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
    /// Times every decision of the risk stack (each `submit` and `cycle`) on the wall clock, over
    /// the whole run (the certification's flash crash); nil, the default: not timed. The record
    /// does not depend on it.
    public var decisionTimer: DecisionTimer?

    public init(configuration: ExecutorConfiguration = ExecutorConfiguration()) {
        self.configuration = configuration
    }

    /// Runs `scenario` with `strategy`, drawing every random decision from `choices`.
    ///
    /// - Throws: ``StressRunError`` when the configuration or the scenario is invalid; nothing
    ///   is simulated then. A run that breaks a property does not throw: its record says so.
    /// - Complexity: O(bars × symbols) steps, each O(orders in flight).
    ///
    /// - Parameter scripted: fault windows written out (the certification's broker-failure
    ///   tests) instead of drawn; the run's fault mix is still drawn.
    ///
    /// Pre-specialized for the built-in strategies on a seeded source, the runs other modules make
    /// most (the stress check, the benchmark): a call from another module otherwise runs the whole
    /// loop unspecialized, every field access and stack call going through generic metadata.
    @_specialize(where S == BuyTheDipStrategy, C == SeededChoices)
    @_specialize(where S == MomentumStrategy, C == SeededChoices)
    @_specialize(where S == MeanReversionStrategy, C == SeededChoices)
    public func run<S: Strategy, C: ChoiceSource>(
        _ scenario: CrashScenario, strategy: S, choices: inout C,
        scripted: VenueFaultSchedule? = nil
    ) throws(StressRunError) -> RunRecord {
        try run(scenario, strategy: strategy, stack: RiskStackGovernor.self, choices: &choices, scripted: scripted)
    }

    /// Runs `scenario` with `strategy` through a risk stack of type `stack` (a user's stack, see
    /// ``RiskGovernor``), drawing every random decision from `choices`.
    public func run<S: Strategy, G: RiskGovernor, C: ChoiceSource>(
        _ scenario: CrashScenario, strategy: S, stack: G.Type, choices: inout C,
        scripted: VenueFaultSchedule? = nil
    ) throws(StressRunError) -> RunRecord {
        try configuration.validate()
        let market: CrashResult
        do { market = try CrashSimulator.run(scenario, choices: &choices, skippingRefusals: true) } catch { throw .scenario(error) }
        guard market.series.contains(where: { !$0.bars.isEmpty }) else { throw .noBars }
        let faults: VenueFaults
        let schedule: VenueFaultSchedule
        do {
            faults = try VenueFaults(bounds: configuration.faultBounds, from: &choices)
            if let scripted {
                schedule = scripted
            } else {
                schedule = try VenueFaultSchedule(bounds: configuration.faultBounds, horizon: scenario.duration, from: &choices)
            }
        } catch {
            throw .faultBounds(error)
        }
        var run = try Run<S, G>(
            market: try RunMarket(generated: market), faults: faults, schedule: schedule, strategy: strategy,
            configuration: configuration, mutation: mutation, decisionTimer: decisionTimer)
        for index in 0..<run.stepCount { run.step(index, choices: &choices) }
        return run.record()
    }

    /// Runs a historic market — a user's own bars — with `strategy`, drawing the venue's faults
    /// and every order's latency and reject flag from `choices` (``CalmChoices``: a calm venue,
    /// the data alone).
    ///
    /// The same loop and safety properties as a generated run; what differs is the market's
    /// (`docs/stress.md`, "Historic replay"): each symbol's price scale comes from its own first
    /// usable close, the clock steps to each bar's time, the declared conditions are calm (the
    /// stack's inputs come from the bars), and liveness is not judged
    /// (``LivenessSkip/historicMarket``). A bar the executor cannot use is a data-quality fault,
    /// recorded and skipped, as in a generated run.
    ///
    /// - Throws: ``StressRunError`` when the configuration is invalid or a symbol has no usable
    ///   price; nothing is run then.
    /// - Complexity: O(bars × symbols) steps, each O(orders in flight).
    public func run<S: Strategy, C: ChoiceSource>(_ market: HistoricMarket, strategy: S, choices: inout C) throws(StressRunError) -> RunRecord {
        try configuration.validate()
        let input = try RunMarket(historic: market)
        let faults: VenueFaults
        let schedule: VenueFaultSchedule
        do {
            faults = try VenueFaults(bounds: configuration.faultBounds, from: &choices)
            schedule = try VenueFaultSchedule(bounds: configuration.faultBounds, horizon: market.duration, from: &choices)
        } catch {
            throw .faultBounds(error)
        }
        var run = try Run<S, RiskStackGovernor>(
            market: input, faults: faults, schedule: schedule, strategy: strategy, configuration: configuration,
            mutation: mutation, decisionTimer: decisionTimer)
        for index in 0..<run.stepCount { run.step(index, choices: &choices) }
        return run.record()
    }

    /// Runs a historic market on a calm venue (no `seed`), or with the venue's faults drawn from `seed`.
    public func run<S: Strategy>(_ market: HistoricMarket, strategy: S, seed: UInt64? = nil) throws(StressRunError) -> RunRecord {
        if let seed {
            var choices = SeededChoices(seed: seed)
            return try run(market, strategy: strategy, choices: &choices)
        }
        var choices = CalmChoices()
        return try run(market, strategy: strategy, choices: &choices)
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
        return RunRecord(
            strategy: strategy.name, kind: market.kind, symbols: symbols, start: start, interval: interval,
            initialCash: configuration.initialCash, events: events, equityCurve: equityCurve, exposure: exposure, cash: Cents(ledger.cash),
            feesPaid: Cents(ledger.fees),
            realizedPnL: Cents(ledger.realized), unrealizedPnL: Cents(unrealized), violationCount: violations,
            liveness: livenessVerdict(), steps: goals,
            orders: exchange.clientOrders.map { OrderOutcome(id: $0.id, state: $0.state) })
    }
}
