import Foundation
import MarketSim
import Testing
import TradingVocabulary

@Suite struct CrashSimulatorTests {
    /// With zero choices there is no noise: each phase moves the price by exactly its move, so the
    /// summary reads the parameters back.
    @Test(arguments: CrashKind.allCases)
    func calmRunReadsTheParametersBack(kind: CrashKind) throws {
        let parameters = CrashParameters(kind)
        // μ = σ²/2: GBM's drift per bar, (μ − σ²/2)Δt, is zero, so only the phases move prices.
        let scenario = try CrashScenario(parameters, symbols: ["UNI-USD"], model: .gbm(drift: 0.32, volatility: 0.8))
        var calm = CalmChoices()
        let result = try CrashSimulator.run(scenario, choices: &calm)
        let summary = try #require(result.summaries.first)
        #expect(abs(summary.maxDrawdown - parameters.drop) < 1e-9, "\(kind): \(summary.maxDrawdown)")
        #expect(summary.startPrice == 100 && summary.peak == 100)
        #expect(summary.retraced > parameters.recoveryShare - 0.01 && summary.retraced < parameters.recoveryShare + 0.01)
        #expect(summary.timeToTrough == parameters.crashDuration)  // the first bar at the trough
        #expect(summary.maxSpreadBps >= 2 * parameters.crisis.spreadMultiplier)
        #expect(summary.minLiquidity <= parameters.crisis.liquidity)
    }

    @Test func sameSeedSameBarsOtherSeedOtherBars() throws {
        let scenario = try CrashScenario(
            CrashParameters(.blackSwan), symbols: ["BTC-USD", "ETH-USD", "SOL-USD"],
            model: .garch(drift: 0, longRunVolatility: 0.8, alpha: 0.08, beta: 0.9, degreesOfFreedom: 5))
        var a = SeededChoices(seed: 42)
        var b = SeededChoices(seed: 42)
        var c = SeededChoices(seed: 43)
        let first = try CrashSimulator.run(scenario, choices: &a)
        let second = try CrashSimulator.run(scenario, choices: &b)
        let other = try CrashSimulator.run(scenario, choices: &c)
        #expect(first.fingerprint == second.fingerprint)
        #expect(first.series == second.series)
        #expect(first.fingerprint != other.fingerprint)
    }

    @Test func recordedRunReplaysBitForBit() throws {
        let scenario = try CrashScenario(
            CrashParameters(.flashCrash), symbols: ["BTC-USD", "ETH-USD"],
            model: .merton(drift: 0, volatility: 0.6, jumpIntensity: 500, jumpMean: -0.01, jumpVolatility: 0.02))
        var recording = RecordingChoices(SeededChoices(seed: 9))
        let first = try CrashSimulator.run(scenario, choices: &recording)
        var replay = ReplayedChoices(recording.choices)
        let second = try CrashSimulator.run(scenario, choices: &replay)
        #expect(first.fingerprint == second.fingerprint)
        #expect(!replay.ranPastEnd)
    }

    @Test func sectorCrashHitsOnlyItsSectors() throws {
        var parameters = CrashParameters(.sectorCrash)
        parameters.affectedSectors = [.defiDEX]
        let scenario = try CrashScenario(parameters, symbols: ["UNI-USD", "BTC-USD"])
        var calm = CalmChoices()
        let result = try CrashSimulator.run(scenario, choices: &calm)
        #expect(abs(result.summaries[0].maxDrawdown - 0.5) < 0.01)
        #expect(abs(result.summaries[1].maxDrawdown - 0.15) < 0.01)
        #expect(result.summaries[0].minLiquidity == 0.3 && result.summaries[1].minLiquidity == 0.7)
    }

    @Test func badScenariosAreTypedErrors() throws {
        var calm = CalmChoices()
        var parameters = CrashParameters(.flashCrash)
        parameters.drop = 1.2
        #expect(throws: ParameterError.self) { try CrashScenario(parameters) }
        do {
            _ = try CrashScenario(parameters)
        } catch {
            #expect(error.parameter == "drop")
        }
        parameters.drop = .nan
        #expect(throws: ParameterError.self) { try CrashScenario(parameters) }
        let ok = try CrashScenario(CrashParameters(.flashCrash))
        var empty = ok
        empty.symbols = []
        #expect(throws: ScenarioError.noSymbols) { try CrashSimulator.run(empty, choices: &calm) }
        var twice = ok
        twice.symbols = ["BTC-USD", "BTC-USD"]
        #expect(throws: ScenarioError.duplicateSymbol("BTC-USD")) { try CrashSimulator.run(twice, choices: &calm) }
        var bad = ok
        bad.symbols = ["btc usd"]
        #expect(throws: ScenarioError.self) { try CrashSimulator.run(bad, choices: &calm) }
        var huge = ok
        huge.interval = .milliseconds(1)
        let requested = huge.barsPerPhase.reduce(0, +)
        let minutes = 30 + 15 + 1 + 20 + 30
        #expect(requested == minutes * 60_000)
        #expect(throws: ScenarioError.tooManyBars(requested: requested, limit: CrashSimulator.maxBars)) {
            try CrashSimulator.run(huge, choices: &calm)
        }
        var negative = ok
        negative.model = .gbm(drift: 0, volatility: -0.1)
        #expect(
            throws: ScenarioError.parameter(
                ParameterError(
                    model: "GBM", parameter: "volatility", value: -0.1,
                    allowed: "0 ≤ volatility ≤ 20 (per year)"))
        ) {
            try CrashSimulator.run(negative, choices: &calm)
        }
        var inconsistent = ok
        inconsistent.symbols = ["BTC-USD", "ETH-USD", "SOL-USD"]
        inconsistent.correlation = -0.9
        #expect(throws: ScenarioError.self) { try CrashSimulator.run(inconsistent, choices: &calm) }
    }

    /// Found in review: limits that a run must check before it simulates anything.
    @Test func scenarioLimitsAreTypedErrors() throws {
        var calm = CalmChoices()
        let ok = try CrashScenario(CrashParameters(.flashCrash))
        var corruptionFirst = ok
        corruptionFirst.transformers = [
            .dataCorruption(try DataCorruption(share: 0.1)),
            .spreadExplosion(try SpreadExplosion(multiplier: 2, startBar: 0, durationBars: 5)),
        ]
        #expect(throws: ScenarioError.self) { try CrashSimulator.run(corruptionFirst, choices: &calm) }
        do {
            _ = try CrashSimulator.run(corruptionFirst, choices: &calm)
        } catch {
            guard case .transformer(index: 0, let detail) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(detail.parameter == "transformers[0]")
        }
        var many = ok
        many.symbols = (0...CrashSimulator.maxSymbols).map { "S\($0)" }
        #expect(throws: ScenarioError.tooManySymbols(CrashSimulator.maxSymbols + 1, limit: CrashSimulator.maxSymbols)) {
            try CrashSimulator.run(many, choices: &calm)
        }
        var pastTheClock = ok
        pastTheClock.phases = [CrashPhase("calm", duration: .days(100_000))]
        pastTheClock.interval = .days(1)
        #expect(throws: ScenarioError.self) { try CrashSimulator.run(pastTheClock, choices: &calm) }
        #expect(SimDuration(nanoseconds: .min).description == "\(Int64.min)ns")
    }

    /// A close is timed at its bar's end: a one-bar crash from the first open takes one bar.
    @Test func timeToTroughCountsTheTroughBar() throws {
        let scenario = CrashScenario(
            kind: .flashCrash, phases: [CrashPhase("crash", duration: .minutes(1), move: -0.3)],
            model: .gbm(drift: 0, volatility: 0))
        var calm = CalmChoices()
        let summary = try #require(try CrashSimulator.run(scenario, choices: &calm).summaries.first)
        #expect(summary.timeToTrough == .minutes(1))
    }

    /// Summaries measure the market, not the corrupted feed: with every bar corrupted they are
    /// those of the clean run.
    @Test func summariesAreTakenBeforeDataCorruption() throws {
        var scenario = try CrashScenario(CrashParameters(.blackSwan))
        var a = SeededChoices(seed: 3)
        let clean = try CrashSimulator.run(scenario, choices: &a)
        scenario.transformers = [.dataCorruption(try DataCorruption(share: 1))]
        var b = SeededChoices(seed: 3)
        let corrupted = try CrashSimulator.run(scenario, choices: &b)
        #expect(!corrupted.corruptions.isEmpty)
        #expect(corrupted.summaries == clean.summaries)
        #expect(corrupted.summaries.allSatisfy { $0.maxDrawdown.isFinite && $0.retraced.isFinite })
    }
}
