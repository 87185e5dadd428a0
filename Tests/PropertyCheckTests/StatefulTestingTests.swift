import Foundation
import PropertyCheckTesting
import Testing
import XCTest

/// `stateMachineCheck`: a stateful check under `swift test`, reported through the framework
/// that runs it, with its corpus, its pinned seed, the command that reruns the test and the
/// regression test to paste.
@Suite struct StatefulTestingTests {
    static let seedFromEnvironment = ProcessInfo.processInfo.environment["STRESSCHECK_SEED"] != nil

    @Test func aFailureIsRecordedWithTheShrunkSequenceTheHintAndTheRegressionTest() {
        withKnownIssue {
            stateMachineCheck(CounterChecks.machine(), corpus: .none)
        } matching: { issue in
            issue.comments.contains { comment in
                let text = comment.rawValue
                return text.contains("Counterexample:\n  1. .increment\n  2. .increment\n  3. .increment\n  4. .decrement")
                    && text.contains("swift test --filter 'StatefulTestingTests/aFailureIsRecordedWithTheShrunkSequenceTheHintAndTheRegressionTest'")
                    && text.contains("try CounterChecks.machine().replay([")
            } && issue.sourceLocation?.fileID == "PropertyCheckTests/StatefulTestingTests.swift"
        }
    }

    @Test func aPassingCheckRecordsNothing() {
        let result = stateMachineCheck(CounterChecks.machine(bugAtThree: false), cases: 50, corpus: .none)
        #expect(result.passed)
        #expect(result.check.statistics.validCases == 50)
    }

    @Test(.seed(77)) func theSeedTraitPinsTheSeed() {
        let result = stateMachineCheck(CounterChecks.machine(bugAtThree: false), cases: 5, corpus: .none)
        #expect(result.check.seed == 77 || Self.seedFromEnvironment)
    }

    @Test func anArgumentPinsTheSeed() {
        let result = stateMachineCheck(CounterChecks.machine(bugAtThree: false), cases: 5, seed: 5, corpus: .none)
        #expect(result.check.seed == 5 || Self.seedFromEnvironment)
    }

    /// The failure is saved under the check's name, and the next run finds it there first.
    @Test func theCorpusSavesTheFailureAndReplaysItFirst() throws {
        let root = (NSTemporaryDirectory() as NSString).appendingPathComponent("stateful-testing-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: root) }
        withKnownIssue {
            stateMachineCheck(CounterChecks.machine(), corpus: .directory(root))
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("Saved: \(root)/counter/") }
        }
        withKnownIssue {
            stateMachineCheck(CounterChecks.machine(), corpus: .directory(root))
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("Found in corpus file \(root)/counter/") }
        }
    }

    @Test func withoutARegressionExpressionTheReportSaysHowToGetOne() {
        var machine = CounterChecks.machine()
        machine.regressionExpression = nil
        withKnownIssue {
            stateMachineCheck(machine, corpus: .none)
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("Set the check's regressionExpression") }
        }
    }
}

/// The trait's corpus applies to checks that do not name one, and only to them.
@Suite(.corpus(.none)) struct CorpusTraitTests {
    @Test func theTraitKeepsNoCorpus() {
        let result = stateMachineCheck(CounterChecks.machine(bugAtThree: false), cases: 5)
        #expect(result.check.warnings.isEmpty)
        #expect(result.check.statistics.corpusFiles == 0)
    }
}

final class XCTestStatefulAdapterTests: XCTestCase {
    private var failures: [String] = []

    override func recordFailure(withDescription description: String, inFile filePath: String, atLine lineNumber: Int, expected: Bool) {
        failures.append(description)
    }

    func testAStatefulFailureIsReportedThroughXCTFail() {
        stateMachineCheck(CounterChecks.machine(), corpus: .none)
        XCTAssertEqual(failures.count, 1)
        XCTAssertTrue(failures.first?.contains("Counterexample:\n  1. .increment") == true, failures.first ?? "no failure")
        XCTAssertTrue(failures.first?.contains("swift test --filter 'testAStatefulFailureIsReportedThroughXCTFail'") == true)
    }
}
