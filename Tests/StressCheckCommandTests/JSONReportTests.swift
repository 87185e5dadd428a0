import Foundation
import Testing
@testable import StressCheckCommand

@Suite struct JSONReportTests {
    @Test func roundTrips() throws {
        let document = JSONReport(machines: [SummaryTableTests.passing, SummaryTableTests.failing])
        #expect(!document.passed)
        let decoded = try JSONDecoder().decode(JSONReport.self, from: Data(document.encoded().utf8))
        #expect(decoded == document)
    }

    @Test func everyKeyIsPresentSortedAndNullWhenMissing() throws {
        let text = JSONReport(machines: [SummaryTableTests.passing]).encoded()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["passed"] as? Bool == true)
        let machine = try #require((object["machines"] as? [[String: Any]])?.first)
        #expect(
            Set(machine.keys) == [
                "name", "passed", "exitReason", "seed", "cases", "steps", "seconds", "stepsPerSecond",
                "labels", "counterexample", "savedPath", "regressionTest", "failureKind", "corpus", "warnings",
            ])
        #expect(machine["failureKind"] is NSNull)
        #expect(machine["corpus"] is NSNull)
        #expect((machine["warnings"] as? [Any])?.isEmpty == true)
        #expect((object["warnings"] as? [Any])?.isEmpty == true)
        #expect(machine["counterexample"] is NSNull)
        #expect(machine["savedPath"] is NSNull)
        #expect(machine["regressionTest"] is NSNull)
        #expect(machine["seed"] as? String == "0x0000000000000001")
        #expect((machine["labels"] as? [String: Int])?["at cap"] == 1_000)
        // Sorted keys: "cases" comes before "counterexample", which comes before "exitReason".
        let cases = try #require(text.range(of: "\"cases\""))
        let exitReason = try #require(text.range(of: "\"exitReason\""))
        #expect(cases.lowerBound < exitReason.lowerBound)
        #expect(text.hasSuffix("}\n"))
    }

    @Test func emptyDocumentPasses() {
        #expect(JSONReport(machines: []).passed)
    }
}
