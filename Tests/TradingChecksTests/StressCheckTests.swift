import MarketSim
import PropertyCheck
import StressRun
import Testing
@testable import TradingChecks

/// The stress check: the calm case, library runs replayed from their bytes, the generator's
/// reach, the check on production, and a failure saved and replayed from its file. Budgets are
/// small: every case is a whole run, and the executor is slow in a debug build.
@Suite struct StressCheckTests {
    static func decode(_ bytes: [UInt8]) throws -> StressCase {
        var stream = ChoiceStream(replaying: bytes, maxBytes: StressChecks.maxBytes)
        return try stream.draw(StressGen.cases())
    }

    @Test func zeroChoicesAreTheCalmestMarketWithNoFaults() throws {
        let calm = try Self.decode([])
        #expect(calm.origin == .generated)
        #expect(calm.scenario.kind == .flashCrash)
        #expect(calm.scenario.symbols == ["BTC-USD"])
        #expect(calm.scenario.transformers.isEmpty && calm.scenario.signalFaults.isEmpty)
        #expect(calm.strategy == .momentum)
        #expect(calm.bars == 1)
        let draws = try #require(calm.draws)
        #expect(draws.shocks == 0)
        #expect(StressCase.venue(draws.faults, draws.schedule) == "calm")
        #expect(throws: Never.self) { try StressChecks.verdict(calm) }
        #expect(calm.description.split(separator: "\n").map(String.init) == [
            "1. flash-crash (generated), strategy momentum, 1 symbol: BTC-USD, 1m bars",
            "2. model gbm(drift: 0.0, volatility: 0.0), correlation 0",
            "3. phases: crash 1 bar",
            "4. transformers: none",
            "5. signal faults: none",
            "6. bars: 1 per symbol; shocks: 0 of 2 market choices not calm",
            "7. venue: calm",
            "8. orders: 0 sent (0 buys, 0 sells), 0 rejected, 0 fills, 0 execution failures, 0 bad bars, 0 emergency stops",
            "9. liveness: held (quiet from +0s, settled at +1m)",
        ])
    }

    @Test(arguments: [("eth-kraken-2021-02-22", StressStrategy.momentum), ("flash-crash-2010", .buyTheDip)])
    func aLibraryRunReplaysFromItsBytes(_ name: String, _ strategy: StressStrategy) throws {
        let index = try #require(ScenarioLibrary.all.firstIndex { $0.name == name })
        let (outcome, bytes) = StressGen.library(index, strategy: strategy)
        let seeded = try outcome.get()
        #expect(bytes.count <= StressChecks.maxBytes)
        let replayed = try Self.decode(bytes)
        #expect(replayed.origin == .library(name: name, seed: ScenarioLibrary.all[index].seed))
        #expect(replayed.strategy == strategy)
        #expect(replayed.record == seeded, "the stream replays the seeded run choice for choice")
    }

    @Test func theGeneratorReachesEveryCrashKindAndStrategyBit() throws {
        var kinds = Set<CrashKind>()
        var symbols = Set<Int>()
        var transformers = 0, signalFaults = 0, tails = 0
        for seed in UInt64(1)...200 {
            var stream = ChoiceStream(seed: seed, maxBytes: StressChecks.maxBytes)
            let scenario = try stream.draw(StressGen.scenario)
            kinds.insert(scenario.kind)
            symbols.insert(scenario.symbols.count)
            if !scenario.transformers.isEmpty { transformers += 1 }
            if !scenario.signalFaults.isEmpty { signalFaults += 1 }
            if scenario.phases.count > 1, scenario.phases.last?.name == "calm" { tails += 1 }
            let bars = scenario.barsPerPhase.reduce(0, +)
            #expect(bars <= 5 * StressGen.maxPhaseBars + StressGen.maxTailBars)
        }
        #expect(kinds == Set(CrashKind.allCases))
        #expect(symbols == [1, 2, 3])
        #expect(transformers > 0 && signalFaults > 0 && tails > 0)
    }

    @Test func productionPassesTheLibraryAndGeneratedRuns() {
        let run = StressChecks.entry.check(MachineRunOptions(cases: 20, seed: 3, saveFailures: false))
        #expect(run.passed, "\(run.report)")
        #expect(run.cases == ScenarioLibrary.all.count * StressStrategy.allCases.count + 20)
        #expect(run.steps > 0)
    }
}
