import Foundation
import MarketSim
import PropertyCheck
@_spi(BugZoo) import StressRun
import Testing
@_spi(BugZoo) @testable import TradingChecks

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
        #expect(
            calm.description.split(separator: "\n").map(String.init) == [
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
        var transformers = 0
        var signalFaults = 0
        var tails = 0
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

    @Test func aFailureIsShrunkSavedAndReplaysFromItsFile() throws {
        let root = NSTemporaryDirectory() + "stress-check-tests-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let broken = StressChecks.entry(name: "stress", mutation: .staleConditions)
        let run = broken.check(MachineRunOptions(cases: 100, seed: 2, corpusDirectory: root))
        #expect(!run.passed)
        #expect(run.signature?.custom(as: StressFailure.Kind.self) == .safetyViolated(.superStateFollowsClassification))
        let path = try #require(run.savedPath)
        #expect(path.hasPrefix(root + "/stress/"))
        #expect(run.report.contains("seed 0x0000000000000002"))
        #expect(run.report.contains("6. bars: 3 per symbol; shocks: 0 of 6 market choices not calm"))
        #expect(run.report.contains("Failure: safety property superStateFollowsClassification violated after step 3"))
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes == run.counterexampleBytes)
        let replayed = broken.replay(bytes, false)
        #expect(!replayed.passed)
        #expect(replayed.signature == run.signature)
        #expect(replayed.counterexample == run.counterexample)
        #expect(StressChecks.entry.replay(bytes, false).passed, "production passes the saved case")
        // The saved file replays first on the next check, and fails at once.
        let again = broken.check(MachineRunOptions(cases: 100, seed: 9, corpusDirectory: root, saveFailures: false))
        #expect(again.corpusReplayed == 1 && !again.passed)
    }

    @Test func theLibraryPhaseRunsFirstAndAMutationFailsALibraryRun() throws {
        var executor = ScenarioExecutor()
        executor.mutation = .haltNotPropagated
        let index = try #require(ScenarioLibrary.all.firstIndex { $0.name == "liquidity-drain" })
        let (outcome, bytes) = StressGen.library(index, strategy: .buyTheDip, executor: executor)
        let record = try outcome.get()
        #expect(record.violations.first?.property == .noOrderWhileOffOrHalted)
        let replayed = StressChecks.entry(name: "stress", mutation: .haltNotPropagated, library: true).replay(bytes, false)
        #expect(replayed.signature == FailureSignature(StressFailure.Kind.safetyViolated(.noOrderWhileOffOrHalted)))
        #expect(replayed.counterexample?.hasPrefix("1. liquidity-crisis (library liquidity-drain") == true, "\(replayed.counterexample ?? "")")
    }
}
