@testable import PropertyCheck
import Testing

@Suite struct ReportTests {
    @Test func theFailureReportHasEverythingAPersonNeeds() throws {
        var configuration = CheckConfiguration(seed: 0x2A)
        configuration.replayHint = "swift test --filter reverse"
        let result = check("reverse", Gen.array(of: Gen.int()), configuration: configuration) { list in list.reversed() == list }
        let lines = result.report.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "✗ reverse failed (seed 0x000000000000002A)")
        #expect(lines[1] == "")
        #expect(lines[2] == "Counterexample:")
        #expect(lines[3] == "  [0, 1]")
        #expect(lines[4] == "")
        #expect(lines[5] == "Failure: property returned false")
        #expect(lines[6].hasPrefix("Found in generation, case "))
        #expect(lines[6].contains("; shrunk in "))
        #expect(lines[7] == "Replay: swift test --filter reverse")
    }

    @Test func aPassingReportSaysHowManyCases() {
        let result = check("trivial", Gen.bool, configuration: CheckConfiguration(cases: 10, seed: 1)) { _ in true }
        // Gen.bool has one draw: its one edge case is `true`.
        #expect(result.report == "✓ trivial: 10 cases passed, 1 edge case before them (seed 0x0000000000000001)")
    }

    @Test func prettyPrinting() {
        struct Point {
            let x: Int
            let y: Int
        }
        enum Shape {
            case circle(radius: Int)
            case square(Int)
            case empty
        }
        #expect(PrettyPrinter.describe([1, 2]) == "[1, 2]")
        #expect(PrettyPrinter.describe((1, "a")) == "(1, \"a\")")
        #expect(PrettyPrinter.describe(Point(x: 1, y: 2)) == "Point(x: 1, y: 2)")
        #expect(PrettyPrinter.describe(Shape.circle(radius: 3)) == ".circle(radius: 3)")
        #expect(PrettyPrinter.describe(Shape.square(2)) == ".square(2)")
        #expect(PrettyPrinter.describe(Shape.empty) == ".empty")
        #expect(PrettyPrinter.describe(Optional<Int>.none as Any) == "nil")
        #expect(PrettyPrinter.describe(["b": 2, "a": 1]) == "[\"a\": 1, \"b\": 2]")
        let long = PrettyPrinter.describe(Array(repeating: 123_456_789, count: 12))
        #expect(long.hasPrefix("[\n  123456789,\n"))
    }
}
