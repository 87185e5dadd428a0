import Foundation
import PropertyCheck
import Synchronization
import Testing

/// A shared counter: `increment` answers the new value, `read` the current one.
enum SharedCounterOp: Equatable, Sendable, CustomStringConvertible {
    case increment
    case read
    case add(Int)
    var description: String {
        switch self {
        case .increment: ".increment"
        case .read: ".read"
        case .add(let amount): ".add(\(amount))"
        }
    }
}

/// The counter, correct (one lock for the whole read-modify-write) or racy (the value read,
/// then written back after a pause: two increments at once both answer 1).
final class SharedCounter: Sendable {
    let value = Mutex(0)
    let racy: Bool
    init(racy: Bool) { self.racy = racy }

    func apply(_ op: SharedCounterOp) -> Int {
        switch op {
        case .read: return value.withLock { $0 }
        case .increment, .add:
            let amount = if case .add(let amount) = op { amount } else { 1 }
            guard racy else {
                return value.withLock {
                    $0 += amount
                    return $0
                }
            }
            let seen = value.withLock { $0 }
            // The race window, widened so that a few runs find it: the lock is not held here.
            for _ in 0..<100 { sched_yield() }
            return value.withLock {
                $0 = seen + amount
                return $0
            }
        }
    }
}

enum SharedCounterChecks {
    static func check(racy: Bool, finalState: Bool = false) -> ConcurrentCheck<Int, SharedCounter, SharedCounterOp, Int> {
        var check = ConcurrentCheck<Int, SharedCounter, SharedCounterOp, Int>(
            name: racy ? "racy counter" : "counter",
            model: { 0 },
            system: { SharedCounter(racy: racy) },
            commands: [
                CommandKind("read") { _ in .constant(.read) },
                CommandKind("increment") { _ in .constant(.increment) },
                CommandKind("add") { _ in Gen.int(in: 1...100).map(SharedCounterOp.add) },
            ],
            runModel: { model, op in
                switch op {
                case .read: break
                case .increment: model += 1
                case .add(let amount): model += amount
                }
                return model
            },
            runSystem: { counter, op in counter.apply(op) },
            finalState: finalState ? FinalStateCheck(system: { $0.value.withLock { $0 } }, model: { $0 }) : nil)
        check.regressionExpression = "SharedCounterChecks.check(racy: true)"
        return check
    }
}

@Suite struct ConcurrentCheckTests {
    static var configuration: CheckConfiguration {
        var configuration = CheckConfiguration(cases: 60)
        configuration.usesCorpus = false
        return configuration
    }

    @Test func aCorrectCounterPasses() {
        let result = SharedCounterChecks.check(racy: false, finalState: true).check(configuration: Self.configuration)
        #expect(result.passed, "\(result.report)")
        #expect(result.statistics.runs >= 60 * 12)
        // Cases had lanes, and every kind ran. (Whether calls of two lanes overlapped in time
        // depends on the machine: on a saturated one the lanes' threads take turns; the racy
        // counter below proves the lanes interleave, and `concurrent-benchmark` reports overlap.)
        #expect(result.check.statistics.labels["2 lanes", default: 0] + result.check.statistics.labels["3 lanes", default: 0] > 0)
        #expect(result.check.statistics.labels["command increment", default: 0] > 0)
    }

    @Test func aRacyCounterFailsAndShrinksToTwoLanesOfOneIncrement() throws {
        // On a saturated machine (the whole test suite in parallel on two cores) the race may
        // not come back when the runner confirms the shrunk case, which then ends as flaky:
        // check again, up to three times, before judging.
        var result = SharedCounterChecks.check(racy: true).check(configuration: Self.configuration)
        for _ in 0..<2 where result.check.counterexample == nil {
            result = SharedCounterChecks.check(racy: true).check(configuration: Self.configuration)
        }
        let counterexample = try #require(result.check.counterexample, "\(result.report)")
        #expect(counterexample.value.commandLines == ["lane 1: .increment", "lane 2: .increment"], "\(result.report)")
        #expect(counterexample.signature == FailureSignature(ConcurrencyFailureKind.notLinearizable))
        let failure = try #require(result.failure)
        #expect(failure.kind == .notLinearizable)
        #expect(failure.operations == 2 && failure.longestExplained == 1)
        // The report shows the lanes side by side and why no order explains them.
        #expect(result.report.contains("lane 1") && result.report.contains("│ lane 2"))
        #expect(result.report.contains("the model answers 2, the system answered 1"))
        #expect(result.regressionTest?.contains("lanes: [") == true)
        // The case replays from its bytes like any case: they decode to the same lanes.
        let decoded = try SharedCounterChecks.check(racy: true).cases.decode(counterexample.bytes)
        #expect(decoded.commandLines == counterexample.value.commandLines)
    }

    /// The correct counter, each call 1 ms long: every case takes at least 12 ms (12 runs).
    static func slowCounter() -> ConcurrentCheck<Int, SharedCounter, SharedCounterOp, Int> {
        var check = SharedCounterChecks.check(racy: false)
        check.runSystem = { counter, op in
            usleep(1_000)
            return counter.apply(op)
        }
        return check
    }

    /// How long a concurrent case takes is up to the scheduler (under the whole suite on two
    /// cores, 100 times as long as alone), so the sequential checks' deadline does not apply:
    /// a 1 ms one, which every case here overruns, fails nothing.
    @Test func theConfigurationsCaseDeadlineDoesNotApply() {
        var configuration = CheckConfiguration(cases: 4)
        configuration.usesCorpus = false
        configuration.caseDeadline = .milliseconds(1)
        let result = Self.slowCounter().check(configuration: configuration)
        #expect(result.passed, "\(result.report)")
    }

    /// The check's own deadline does, and bites.
    @Test func theChecksOwnCaseDeadlineApplies() throws {
        var check = Self.slowCounter()
        check.caseDeadline = .milliseconds(1)
        var configuration = CheckConfiguration(cases: 4)
        configuration.usesCorpus = false
        configuration.shrinkCalls = 10
        let result = check.check(configuration: configuration)
        #expect(try #require(result.check.counterexample, "\(result.report)").signature.kind == .deadlineExceeded)
    }

    @Test func invalidSettingsAreAnInvalidGenerator() {
        var check = SharedCounterChecks.check(racy: false)
        check.lanes = 1...2
        guard case .invalidGenerator = check.check(configuration: Self.configuration).check.exitReason else {
            Issue.record("one lane must be refused")
            return
        }
    }

    @Test func theRegressionReplayFailsOnTheRacyCounterAndPassesOnTheCorrectOne() throws {
        #expect(throws: ConcurrentFailure.self) {
            try SharedCounterChecks.check(racy: true).replay(prefix: [], lanes: [[.increment], [.increment]])
        }
        try SharedCounterChecks.check(racy: false).replay(prefix: [.increment], lanes: [[.increment, .read], [.add(3)]])
    }
}
