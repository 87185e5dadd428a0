@testable import PropertyCheck
import Foundation
import Synchronization
import Testing

@Suite struct RunnerTests {
    @Test func aPassingCheckRunsEveryCase() {
        let result = check("passes", Gen.int(), configuration: CheckConfiguration(cases: 500)) { n in n == n }
        #expect(result.passed)
        #expect(result.exitReason == .completed)
        #expect(result.statistics.validCases == 500)
        // Every case, and the edge cases before them (boundary values of the draws).
        #expect(result.statistics.edgeCases > 0)
        #expect(result.statistics.propertyCalls == 500 + result.statistics.edgeCases)
        #expect(result.statistics.seconds > 0, "the run's time is measured")
    }

    @Test func theSameSeedFindsTheSameCounterexample() {
        let run = { check("seeded", Gen.array(of: Gen.int()), configuration: CheckConfiguration(seed: 77)) { $0.count < 4 } }
        let (a, b) = (run(), run())
        #expect(a.counterexample?.bytes == b.counterexample?.bytes)
        #expect(a.seed == 77 && a.report.contains("seed 0x000000000000004D"))
    }

    @Test func theSeedComesFromTheEnvironmentThenTheConfigurationThenTheName() {
        let configured = CheckConfiguration(seed: 5)
        #expect(configured.effectiveSeed(for: "x", environment: ["STRESSCHECK_SEED": "0x10"]) == 16)
        #expect(configured.effectiveSeed(for: "x", environment: ["STRESSCHECK_SEED": "42"]) == 42)
        #expect(configured.effectiveSeed(for: "x", environment: [:]) == 5)
        // Without a seed, the name's FNV-1a 64 hash (offset basis 0xCBF29CE484222325, prime
        // 0x100000001B3), pinned to values computed outside Swift: a change of the hash would
        // change every unseeded check's cases between versions.
        #expect(CheckConfiguration().effectiveSeed(for: "x", environment: [:]) == 0xAF63_F54C_8602_1707)
        #expect(CheckConfiguration().effectiveSeed(for: "y", environment: [:]) == 12_638_213_588_834_719_060)
        #expect(CheckConfiguration.stableHash("a") == 0xAF63_DC4C_8601_EC8C, "the published FNV-1a 64 test vector")
        #expect(CheckConfiguration.stableHash("") == 0xCBF2_9CE4_8422_2325)
        #expect(CheckConfiguration.parseSeed("nonsense") == nil)
        #expect(CheckConfiguration(corpusDirectory: "a").effectiveCorpusDirectory(environment: ["STRESSCHECK_CORPUS": "b"]) == "b")
        var none = CheckConfiguration(corpusDirectory: "a")
        none.usesCorpus = false
        #expect(none.effectiveCorpusDirectory(environment: ["STRESSCHECK_CORPUS": "b"]) == nil)
    }

    @Test func tooManyRejectionsIsAHealthCheckNotAHang() {
        let result = check("rejects", Gen.int().filter { _ in false }) { _ in true }
        #expect(result.exitReason == .tooManyRejections(rejected: 1000, valid: 0))
        #expect(result.report.contains("health check"))
    }

    @Test func assumeRejectsCases() {
        let result = check("assume", Gen.int(in: 0...9), configuration: CheckConfiguration(cases: 200)) { (n: Int, context: PropertyContext) throws -> Bool in
            try context.assume(n != 3)
            return n != 3
        }
        #expect(result.passed)
        #expect(result.statistics.rejectedCases > 0)
    }

    @Test func dataTooLargeIsAHealthCheck() {
        var configuration = CheckConfiguration()
        configuration.maxBytes = 64
        let result = check("large", Gen.array(of: Gen.int(), count: 20...30), configuration: configuration) { _ in true }
        guard case .dataTooLarge = result.exitReason else {
            Issue.record("exit reason \(result.exitReason)")
            return
        }
    }

    @Test func slowGenerationIsAHealthCheck() {
        var configuration = CheckConfiguration()
        configuration.generationTimeLimit = .milliseconds(20)
        let slow = Gen<Int> { stream throws(Rejection) in
            Thread.sleep(forTimeInterval: 0.01)
            return try stream.draw(Gen.int())
        }
        let result = check("slow", slow, configuration: configuration) { _ in true }
        guard case .generationTooSlow = result.exitReason else {
            Issue.record("exit reason \(result.exitReason)")
            return
        }
    }

    @Test func aCaseOverTheDeadlineFails() throws {
        var configuration = CheckConfiguration(cases: 5, seed: 1)
        configuration.caseDeadline = .milliseconds(20)
        configuration.shrinkCalls = 5
        let result = check("slow property", Gen.int(in: 0...10), configuration: configuration) { (n: Int) -> Bool in
            Thread.sleep(forTimeInterval: 0.05)
            return true
        }
        #expect(try #require(result.counterexample).signature.kind == .deadlineExceeded)
    }

    @Test func aNonDeterministicPropertyIsReportedFlaky() {
        final class Counter: @unchecked Sendable { var calls = 0 }
        let counter = Counter()
        let result = check("flaky", Gen.int(in: 0...10)) { _ in
            counter.calls += 1
            return counter.calls != 3
        }
        #expect(result.exitReason == .flaky)
    }

    @Test func coverageRequirementsAreDecidedStatistically() {
        let met = check("covered", Gen.int(in: 0...9), configuration: CheckConfiguration(cases: 400)) { (n: Int, context: PropertyContext) -> Bool in
            context.cover(5, "zero", n == 0)
            return true
        }
        #expect(met.passed)
        let missed = check("not covered", Gen.int(in: 0...1000), configuration: CheckConfiguration(cases: 400)) { (n: Int, context: PropertyContext) -> Bool in
            context.cover(50, "seven", n == 7)
            return true
        }
        guard case .coverageNotMet(let shortfalls) = missed.exitReason else {
            Issue.record("exit reason \(missed.exitReason)")
            return
        }
        #expect(shortfalls.map(\.label) == ["seven"])
        #expect(missed.report.contains("coverage not met: \"seven\" in"))
    }

    /// An undecided requirement runs more cases up to the coverage maximum (10 × `cases`) and
    /// no further: with `cases: 1` that is 10, where a step of 64 cases ran 65.
    @Test func undecidedCoverageStopsAtTheCoverageMaximum() {
        let result = check("undecided", Gen.int(in: 0...1), configuration: CheckConfiguration(cases: 1, seed: 3)) {
            (n: Int, context: PropertyContext) -> Bool in
            context.cover(40, "zero", n == 0)
            return true
        }
        #expect(result.statistics.validCases == 10)
        var configuration = CheckConfiguration(cases: 3, seed: 3)
        configuration.maxCoverageCases = 100
        let wider = check("undecided", Gen.int(in: 0...1), configuration: configuration) { (n: Int, context: PropertyContext) -> Bool in
            context.cover(40, "zero", n == 0)
            return true
        }
        #expect([3, 67, 100].contains(wider.statistics.validCases), "\(wider.statistics.validCases)")
    }

    @Test func labelsAreCountedPerValidCase() {
        let result = check("labels", Gen.int(in: 0...1), configuration: CheckConfiguration(cases: 1000)) { (n: Int, context: PropertyContext) -> Bool in
            context.label(n == 0 ? "zero" : "one")
            return true
        }
        #expect((result.statistics.labels["zero"] ?? 0) + (result.statistics.labels["one"] ?? 0) == 1000)
        #expect(result.report.contains("% zero"))
    }

    /// The sum of 30 numbers in 0…1000 exceeding 29,000 is about a 1-in-10^20 event for random
    /// search; hill climbing on the sum finds it.
    @Test func targetedSearchFindsWhatRandomSearchMisses() {
        let gen = Gen.array(of: Gen.int(in: 0...1000), count: 30...30)
        let property = { (list: [Int], context: PropertyContext) -> Bool in
            let sum = list.reduce(0, +)
            context.target(Double(sum))
            return sum <= 29_000
        }
        let targeted = check("targeted", gen, configuration: CheckConfiguration(cases: 20_000, seed: 3), property)
        #expect(targeted.counterexample != nil)
        #expect(targeted.statistics.targetedCases > 0)
        let blind = check("blind", gen, configuration: CheckConfiguration(cases: 20_000, seed: 3)) { list in list.reduce(0, +) <= 29_000 }
        #expect(blind.passed)
    }

    @Test func notesArePrintedWithTheCounterexample() {
        let result = check("notes", Gen.int(in: 0...100), configuration: CheckConfiguration(seed: 1)) { (n: Int, context: PropertyContext) -> Bool in
            context.note("doubled: \(n * 2)")
            return n < 10
        }
        #expect(result.counterexample?.notes == ["doubled: 20"])
        #expect(result.report.contains("Note: doubled: 20"))
    }
}

@Suite struct RunnerInterruptionTests {
    @Test func shouldStopEndsTheCheckBetweenCasesWithTheCasesRun() {
        let calls = Mutex(0)
        var configuration = CheckConfiguration(cases: 1_000, seed: 1)
        configuration.edgeCases = 0  // asked before each of them too; counted here: random cases only
        configuration.shouldStop = {
            calls.withLock {
                $0 += 1
                return $0 > 10
            }
        }
        let result = check("interrupted", Gen.int(in: 0...100), configuration: configuration) { _ in true }
        #expect(result.exitReason == .interrupted(valid: 10))
        #expect(!result.passed)
        #expect(result.statistics.validCases == 10)
        #expect(result.report.hasPrefix("✗ interrupted: interrupted after 10 valid cases; the rest did not run (seed 0x0000000000000001)"))
    }
}
