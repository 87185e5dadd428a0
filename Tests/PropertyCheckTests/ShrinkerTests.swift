@testable import PropertyCheck
import Foundation
import Testing

@Suite struct ShrinkerTests {
    struct TooLarge: Error {}
    struct TooOdd: Error {}

    /// With two bugs, the shrinker keeps the one it found: the simplest case overall (11, the
    /// other bug) fails differently, so it must not be accepted. The run starts from a saved
    /// case, 500,000, which fails with `TooLarge`.
    @Test func shrinkingNeverSlipsToAnotherBug() throws {
        let root = NSTemporaryDirectory() + "stresscheck-slip-\(UUID().uuidString)"
        let gen = Gen.int(in: 0...1_000_000)
        var stream = ChoiceStream(replaying: [0x07, 0xA1, 0x20])
        #expect(try stream.draw(gen) == 500_000)
        _ = try Corpus(root: root).save(stream.recorded, for: "two bugs")
        let result = check("two bugs", gen, configuration: CheckConfiguration(corpusDirectory: root)) { (x: Int) throws -> Bool in
            if x > 1000 { throw TooLarge() }
            if x > 10 { throw TooOdd() }
            return true
        }
        let counterexample = try #require(result.counterexample)
        #expect({ if case .corpusFile = counterexample.foundIn { true } else { false } }())
        #expect(counterexample.value == 1001)
        #expect(counterexample.signature == FailureSignature(.threw(type: "PropertyCheckTests.ShrinkerTests.TooLarge", enumCase: nil)))
    }

    @Test func requireFailuresAreToldApartByLocation() throws {
        let result = check("require", Gen.zip(Gen.int(in: 0...100), Gen.int(in: 0...100)), configuration: CheckConfiguration(seed: 2)) { pair in
            try require(pair.0 < 50, "first too big")
            try require(pair.1 < 50, "second too big")
            return true
        }
        let counterexample = try #require(result.counterexample)
        let (first, second) = counterexample.value
        #expect(first + second == 50 && min(first, second) == 0)
        guard case .requireFailed(let fileID, _) = counterexample.signature.kind else {
            Issue.record("signature \(counterexample.signature)")
            return
        }
        #expect(fileID == "PropertyCheckTests/ShrinkerTests.swift")
        #expect(counterexample.signature.name == "require failed")
    }

    @Test func enumErrorsAreToldApartByCaseNotPayload() {
        enum Failure: Error {
            case tooBig(Int)
            case negative(Int)
        }
        #expect(FailureSignature.of(Failure.tooBig(1)) == FailureSignature.of(Failure.tooBig(2)))
        #expect(FailureSignature.of(Failure.tooBig(1)) != FailureSignature.of(Failure.negative(1)))
    }

    @Test func theShrinkCallBudgetStopsShrinkingAndSaysSo() throws {
        var configuration = CheckConfiguration(seed: 1)
        configuration.shrinkCalls = 3
        let result = check("budget", Gen.array(of: Gen.int()), configuration: configuration) { list in list.count < 3 }
        let counterexample = try #require(result.counterexample)
        #expect(result.statistics.shrinkCalls == 3)
        #expect(counterexample.shrinkStoppedBy == .callBudget(3))
        #expect(counterexample.value.count >= 3, "still a failing case")
        #expect(result.report.contains("stopped by the budget of 3 shrink calls; the case may not be minimal"))
    }

    @Test func anInterruptStopsTheShrinkAndSaysSo() throws {
        // The interrupt arrives as soon as the first failure is found: the shrink makes no call,
        // the failure is reported as found, and the report says it is not minimal.
        final class Flag: @unchecked Sendable { var raised = false }
        let flag = Flag()
        var configuration = CheckConfiguration(seed: 1)
        configuration.shouldStop = { flag.raised }
        configuration.failureSamples = 4
        let result = check("interrupted", Gen.array(of: Gen.int()), configuration: configuration) { list in
            if list.count >= 3 { flag.raised = true }
            return list.count < 3
        }
        let counterexample = try #require(result.counterexample)
        #expect(result.statistics.shrinkCalls == 0)
        #expect(counterexample.shrinkStoppedBy == .interrupted)
        #expect(counterexample.value.count >= 3, "still a failing case")
        #expect(result.report.contains("stopped by an interrupt (SIGINT or SIGTERM); the case may not be minimal"), "\(result.report)")
    }

    @Test func shortlexOrdersByLengthThenBytes() {
        #expect(shortlexLess([9], [0, 0]))
        #expect(shortlexLess([0, 1], [1, 0]))
        #expect(!shortlexLess([1, 0], [1, 0]))
    }

    @Test func findIntegerFindsTheLargestSuccessInLogarithmicCalls() {
        var calls = 0
        let found = findInteger { n in
            calls += 1
            return n <= 1000
        }
        #expect(found == 1000)
        #expect(calls < 30)
        #expect(findInteger { _ in false } == 0)
    }

    /// A generator that depends on an earlier draw (dependent generation) still shrinks well.
    @Test func flatMapShrinksThroughTheDependency() throws {
        let gen = Gen.int(in: 0...20).flatMap { n in Gen.array(of: Gen.int(in: 0...100), count: n...n) }
        let result = check("dependent", gen, configuration: CheckConfiguration(seed: 9)) { list in !list.contains { $0 > 50 } }
        #expect(try #require(result.counterexample).value == [51])
    }
}

/// The stalled pass "delete and raise a later choice" on a hand-made layout: an element of one
/// choice (a), a later choice (b), and a list's "more?" flag as the last byte. The case fails
/// while a + b ≥ 10, so deleting the element fails only if b is raised by a. Once that candidate
/// is taken, the pass must not cut the flag's old range from the shorter buffer (it did, and
/// crashed, when the flag was the last byte).
@Suite struct DeleteAndRaiseLaterTests {
    final class SumOracle: ShrinkOracle {
        let signature = FailureSignature(.threw(type: "SumTooLarge", enumCase: nil))
        var last: [UInt8] = []

        /// The layout: three bytes are [a, b, flag]; two are [b, flag].
        static func spans(_ count: Int) -> [Span] {
            if count == 3 {
                return [
                    Span(start: 0, end: 1, label: 1, parent: -1, isChoice: false), Span(start: 0, end: 1, label: 2, parent: 0, isChoice: true),
                    Span(start: 1, end: 2, label: 3, parent: -1, isChoice: true), Span(start: 2, end: 3, label: 4, parent: -1, isChoice: false),
                    Span(start: 2, end: 3, label: 4, parent: 3, isChoice: true),
                ]
            }
            return [
                Span(start: 0, end: 1, label: 3, parent: -1, isChoice: true), Span(start: 1, end: 2, label: 4, parent: -1, isChoice: false),
                Span(start: 1, end: 2, label: 4, parent: 1, isChoice: true),
            ]
        }

        func decode(_ bytes: [UInt8]) -> DecodedCase? {
            guard bytes.count == 2 || bytes.count == 3 else { return nil }
            last = bytes
            return DecodedCase(bytes: bytes, key: bytes, spans: Self.spans(bytes.count))
        }

        func testDecoded() -> Verdict {
            let sum = last.count == 3 ? Int(last[0]) + Int(last[1]) : Int(last[0])
            return sum >= 10 ? .failed(signature) : .passed
        }
    }

    @Test func aTakenCandidateLeavesNoStaleRangeToCut() throws {
        let oracle = SumOracle()
        let failing = try #require(oracle.decode([3, 8, 1]))
        var shrinker = Shrinker(oracle: oracle, failing: failing, signature: oracle.signature, maxCalls: 100, timeLimit: .seconds(10))
        shrinker.deleteAndRaiseLater()
        #expect(shrinker.best == [11, 1])
        #expect(shrinker.spans == SumOracle.spans(2))
    }
}
