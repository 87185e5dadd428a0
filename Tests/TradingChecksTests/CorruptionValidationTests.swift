import MarketSim
import PropertyCheck
import Testing
import TradingChecks

/// The data-corruption transformer and the validator, checked against each other over generated
/// markets: every corruption injected is reported, at its bar, with its kind; a clean market
/// reports nothing.
@Suite struct CorruptionValidationTests {
    private func settings(_ cases: Int, seed: UInt64) -> CheckConfiguration {
        var c = CheckConfiguration(cases: cases, seed: seed)
        c.usesCorpus = false
        c.saveFailures = false
        c.maxBytes = 128 * 1024
        return c
    }

    /// Markets of every model and crash kind, noisy (at least 1% volatility a year), with 2–30% of
    /// bars corrupted. Noise is part of the contract: in a series that is constant apart from its
    /// spikes, several spikes are each other's typical move and none stands out (docs/market.md).
    private static let corrupted: Gen<CrashResult> = {
        let noisy = MarketGen.priceModel.map { $0.withVolatility(max($0.annualVolatility, 0.01)) }
        let scenario = MarketGen.scenario(MarketGen.crash(drop: 0.05...0.6, maxPhaseBars: 60), model: noisy)
        let share = Gen.int(in: 2...30)
        return MarketGen.run(
            Gen { s throws(Rejection) in
                var drawn = try s.draw(scenario)
                do {
                    drawn.transformers = [.dataCorruption(try DataCorruption(share: Double(try s.draw(share)) / 100))]
                } catch {
                    preconditionFailure("\(error)")
                }
                return drawn
            })
    }()

    /// Found by this property and fixed: a bad tick in a constant stretch (zero volatility) was its
    /// own "typical move" in the validator's σ̂ floor, and a spike sized on the returns' standard
    /// deviation hid in a noise-free trend; both shrank to a flat market with one spike.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func everyInjectedCorruptionIsReportedAtItsBar(seed: UInt64) {
        let result = check("corruption is reported", Self.corrupted, configuration: settings(300, seed: seed)) { run in
            let report = DataValidator.validate(run.series)
            return run.corruptions.allSatisfy { injected in report.faults.contains { injected.isReported(by: $0) } }
        }
        #expect(result.passed, "\(result.report)")  // every exit but completed fails, not only a counterexample
        if let run = result.counterexample?.value {
            let report = DataValidator.validate(run.series)
            Issue.record(
                "injected \(run.corruptions), reported \(report.faults), model \(run.scenario.model), phases \(run.phases.map { "\($0.name) \($0.bars)" })")
        }
    }

    /// Generated crash markets (every model, kind and phase, no corruption) never show a fault of
    /// the data itself — NaN, a non-positive price, high below low, a bad volume or timestamp. A
    /// crash's first bar may be a spike by the validator's definition (a move beyond k·σ̂ of the
    /// returns around it), so spikes are not counted here; the next property covers them.
    @Test func crashMarketsHaveNoDataFaults() {
        let gen = MarketGen.run(MarketGen.scenario(MarketGen.crash(drop: 0.05...0.6, maxPhaseBars: 60)))
        let result = check("crash markets have no data faults", gen, configuration: settings(300, seed: 3)) { run in
            DataValidator.validate(run.series).faults.allSatisfy { $0.kind == .spike }
        }
        #expect(result.passed, "\(result.report)")
    }

    /// Calm, noisy markets (GBM, 10–200% volatility, any drift, 20–400 bars, one to three
    /// correlated symbols) report nothing at all.
    @Test func calmNoisyMarketsReportNothing() {
        let volatility = Gen.int(in: 1_000...20_000)
        let drift = Gen.int(in: -10_000...10_000)
        let bars = Gen.int(in: 20...400)
        let symbols = Gen.int(in: 1...3)
        let scenario = Gen { s throws(Rejection) in
            let model = PriceModelSpec.gbm(drift: Double(try s.draw(drift)) / 10_000, volatility: Double(try s.draw(volatility)) / 10_000)
            let count = try s.draw(symbols)
            return CrashScenario(
                kind: .gradualDecline, phases: [CrashPhase("calm", duration: .minutes(Int64(try s.draw(bars))))],
                symbols: Array(["BTC-USD", "ETH-USD", "SOL-USD"].prefix(count)), model: model)
        }
        let result = check("calm markets are clean", MarketGen.run(scenario), configuration: settings(300, seed: 4)) { run in
            DataValidator.validate(run.series).isClean
        }
        #expect(result.passed, "\(result.report)")
    }

    /// The property bites: against a validator that cannot see spikes (k = 10⁶ σ̂), it fails and
    /// shrinks to the calmest market with a single injected spike.
    @Test(arguments: [1, 2] as [UInt64])
    func aValidatorBlindToSpikesIsCaughtWithOneSpike(seed: UInt64) throws {
        let blind = try ValidationOptions(spikeSigmas: 1_000_000)
        var configuration = settings(300, seed: seed)
        configuration.failureSamples = 4
        let result = check("blind validator", Self.corrupted, configuration: configuration) { run in
            let report = DataValidator.validate(run.series, options: blind)
            return run.corruptions.allSatisfy { injected in report.faults.contains { injected.isReported(by: $0) } }
        }
        let found = try #require(result.counterexample?.value, "the property did not bite")
        #expect(found.corruptions.map(\.kind) == [.spike])
        #expect(found.scenario.model == .gbm(drift: 0, volatility: 0.01))
        #expect(found.scenario.symbols == ["BTC-USD"])
    }
}
