@testable import PropertyCheck
import Testing

/// Edge cases first: each draw's boundaries, then pairs of them, before any random case; made
/// of bytes, so they replay and shrink like any case. Each test pins a seed whose random cases
/// miss the bug, and shows that the same check without edge cases passes: the edge cases bite.
@Suite struct EdgeCaseTests {
    /// One of 1,000 values, uniform in random generation (no bias toward the ends).
    static let thousand = Gen.element(of: Array(0..<1_000))

    @Test func theLargestValueOfADrawIsTriedBeforeRandomCases() {
        var configuration = CheckConfiguration(cases: 40, seed: 7)
        configuration.usesCorpus = false
        let found = check("off by one at the top", Self.thousand, configuration: configuration) { n in n != 999 }
        #expect(found.counterexample?.value == 999)
        #expect(found.counterexample?.foundIn == .edgeCase(0))
        configuration.edgeCases = 0
        let missed = check("off by one at the top", Self.thousand, configuration: configuration) { n in n != 999 }
        #expect(missed.passed, "random cases alone find it on this seed: pick another")
    }

    @Test func oneAndOneBelowTheLargestAreTried() {
        var configuration = CheckConfiguration(cases: 40, seed: 7)
        configuration.usesCorpus = false
        #expect(check("one", Self.thousand, configuration: configuration) { n in n != 1 }.counterexample?.value == 1)
        #expect(check("one below", Self.thousand, configuration: configuration) { n in n != 998 }.counterexample?.value == 998)
    }

    @Test func pairsOfDrawsAtTheirBoundariesAreTried() {
        var configuration = CheckConfiguration(cases: 100, seed: 7)
        configuration.usesCorpus = false
        let pairs = Gen.zip(Self.thousand, Self.thousand)
        let found = check("both at the top", pairs, configuration: configuration) { a, b in !(a == 999 && b == 999) }
        #expect(found.counterexample.map { [$0.value.0, $0.value.1] } == [999, 999])
        if case .edgeCase = found.counterexample?.foundIn {} else { Issue.record("found in \(String(describing: found.counterexample?.foundIn))") }
        configuration.edgeCases = 0
        #expect(check("both at the top", pairs, configuration: configuration) { a, b in !(a == 999 && b == 999) }.passed)
    }

    /// A draw that appears only because another took its boundary (the element after a
    /// "more?" flag) is a candidate of the second round: `[Int.max]` is reached.
    @Test func drawsThatAnEditBringsAreEdgedToo() {
        var configuration = CheckConfiguration(cases: 100, seed: 3)
        configuration.usesCorpus = false
        let result = check("no Int.max in a list", Gen.array(of: Gen.int()), configuration: configuration) { list in !list.contains(.max) }
        #expect(result.counterexample?.value == [Int.max])
        if case .edgeCase = result.counterexample?.foundIn {} else { Issue.record("found in \(String(describing: result.counterexample?.foundIn))") }
    }

    /// The saved bytes of an edge case replay it, and it was shrunk like any other: a
    /// failure at any large value shrinks from 999 to the smallest failing one.
    @Test func anEdgeCaseReplaysAndShrinks() throws {
        var configuration = CheckConfiguration(cases: 40, seed: 7)
        configuration.usesCorpus = false
        let found = check("large", Self.thousand, configuration: configuration) { n in n < 500 }
        let counterexample = try #require(found.counterexample)
        #expect(counterexample.foundIn == .edgeCase(0))
        #expect(counterexample.value == 500)
        let replayed = replay("large", Self.thousand, bytes: counterexample.bytes, shrink: false) { n, _ in n < 500 }
        #expect(replayed.counterexample?.value == 500)
    }

    @Test func theBudgetBoundsThemAndTheyAreCountedApart() {
        var configuration = CheckConfiguration(cases: 100, seed: 1)
        configuration.usesCorpus = false
        configuration.edgeCases = 5
        let result = check("budget", Gen.zip(Self.thousand, Self.thousand, Self.thousand), configuration: configuration) { _ in true }
        #expect(result.statistics.edgeCases == 5)
        #expect(result.statistics.validCases == 100)
        #expect(result.statistics.propertyCalls == 105)
        #expect(CheckConfiguration(cases: 100).edgeCaseBudget == 25)
        #expect(CheckConfiguration(cases: 10_000).edgeCaseBudget == 64)
    }

    /// Stateful checks get them too: sequences of one or two commands at their extremes.
    @Test func statefulChecksRunEdgeCases() {
        var configuration = CheckConfiguration(cases: 40, seed: 1)
        configuration.usesCorpus = false
        let result = CounterChecks.machine(bugAtThree: false, withAdd: true).check(configuration: configuration)
        #expect(result.passed)
        #expect(result.check.statistics.edgeCases > 0)
    }
}

/// `timeLimit`: generation stops when the time is spent and the check passes on what ran.
@Suite struct TimeLimitTests {
    @Test func timeAloneDecidesAnUnboundedBudget() {
        var configuration = CheckConfiguration(cases: CheckConfiguration.unboundedCases, seed: 1)
        configuration.usesCorpus = false
        configuration.timeLimit = .milliseconds(50)
        let started = ContinuousClock.now
        let timed = check("timed", Gen.int(), configuration: configuration) { _ in true }
        #expect(timed.passed)
        #expect(timed.statistics.stoppedByTime)
        #expect(timed.statistics.validCases > 0)
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(timed.report.contains("stopped by the time limit"))
    }

    @Test func casesEndTheCheckFirstWhenFewer() {
        var configuration = CheckConfiguration(cases: 100, seed: 1)
        configuration.usesCorpus = false
        configuration.timeLimit = .seconds(60)
        let result = check("cases first", Gen.int(), configuration: configuration) { _ in true }
        #expect(result.statistics.validCases == 100)
        #expect(!result.statistics.stoppedByTime)
    }

    @Test func aFailureIsStillFoundAndShrunkUnderATimeLimit() {
        var configuration = CheckConfiguration(cases: CheckConfiguration.unboundedCases, seed: 1)
        configuration.usesCorpus = false
        configuration.timeLimit = .seconds(10)
        let result = check("fails", Gen.int(in: 0...1_000_000), configuration: configuration) { n in n < 1_000 }
        #expect(result.counterexample?.value == 1_000)
    }
}
