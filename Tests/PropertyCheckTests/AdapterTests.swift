import PropertyCheckTesting
import Testing
import XCTest

/// The adapter must report through the framework that is running: on Swift 6.3 an
/// `Issue.record` inside XCTest, or an `XCTFail` inside Swift Testing, is silently dropped.
@Suite struct SwiftTestingAdapterTests {
    @Test func aFailureIsRecordedAsAnIssueWithTheCounterexample() {
        withKnownIssue {
            propertyCheck(Gen.int(in: 0...100), name: "adapter failure", corpus: .none) { n in n < 50 }
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("Counterexample:\n  50") }
                && issue.sourceLocation?.fileID == "PropertyCheckTests/AdapterTests.swift"
        }
    }

    @Test func aPassingCheckRecordsNothing() {
        let result = propertyCheck(Gen.int()) { n in n == n }
        #expect(result.passed)
        #expect(result.name == "AdapterTests.aPassingCheckRecordsNothing")
    }

    /// The default name (corpus directory and seed) is qualified by the file, so a test of the
    /// same name in another suite file keeps its own (issue 9 §4); the one below has the same
    /// function name in ``SameNameInAnotherSuite``, in another file.
    @Test func aPassingCheckInAnotherSuite() {
        let here = propertyCheck(Gen.int(in: 0...3)) { _ in true }
        let there = SameNameInAnotherSuite.run()
        #expect(here.name == "AdapterTests.aPassingCheckInAnotherSuite")
        #expect(there.name == "SameNameSuite.aPassingCheckInAnotherSuite")
        #expect(here.seed != there.seed || ProcessInfo.processInfo.environment["STRESSCHECK_SEED"] != nil)
    }

    @Test(.seed(1234)) func theSeedTraitPinsTheSeed() {
        let result = propertyCheck(Gen.bool, name: "pinned", corpus: .none) { _ in true }
        #expect(result.seed == 1234 || ProcessInfo.processInfo.environment["STRESSCHECK_SEED"] != nil)
    }

    @Test func anArgumentPinsTheSeed() {
        #expect(
            propertyCheck(Gen.bool, name: "pinned by argument", seed: 99, corpus: .none) { _ in true }.seed == 99
                || ProcessInfo.processInfo.environment["STRESSCHECK_SEED"] != nil)
    }

    @Test func theReplayHintNamesTheTest() {
        withKnownIssue {
            propertyCheck(Gen.int(in: 0...10), name: "hint", corpus: .none) { n in n < 5 }
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("swift test --filter 'SwiftTestingAdapterTests/theReplayHintNamesTheTest'") }
        }
    }
}

final class XCTestAdapterTests: XCTestCase {
    private var failures: [String] = []

    override func recordFailure(withDescription description: String, inFile filePath: String, atLine lineNumber: Int, expected: Bool) {
        failures.append(description)
    }

    func testAFailureIsReportedThroughXCTFail() {
        propertyCheck(Gen.int(in: 0...100), name: "xctest failure", corpus: .none) { n in n < 50 }
        XCTAssertEqual(failures.count, 1)
        XCTAssertTrue(failures.first?.contains("Counterexample:\n  50") == true, failures.first ?? "no failure")
    }

    func testAPassingCheckReportsNothing() {
        propertyCheck(Gen.int()) { n in n &+ n == 2 &* n }
        XCTAssertEqual(failures, [])
    }
}
