import Testing
@testable import StressCheckCommand

@Suite struct SummaryTableTests {
    static let passing = MachineReport(
        name: "position", passed: true, exitReason: "all cases passed", seed: "0x0000000000000001",
        cases: 2_000, steps: 101_234, seconds: 0.5, stepsPerSecond: 202_468,
        labels: ["DRAIN reached": 700, "at cap": 1_000, "command open": 1_900, "command close": 1_800])
    static let failing = MachineReport(
        name: "sector-caps", passed: false, exitReason: "found a failing case", seed: "0x0000000000000002",
        cases: 17, steps: 300, seconds: 0.25, stepsPerSecond: 1_200, labels: [:],
        counterexample: "open(AAPL)", savedPath: "corpus/sector-caps/00ab", regressionTest: "@Test func …")

    @Test func rendersAlignedColumns() {
        let expected = """
            machine      seed                cases    steps  commands/s  coverage (% of cases)           result
            -----------  ------------------  -----  -------  ----------  ------------------------------  --------------------------
            position     0x0000000000000001  2,000  101,234     202,468  at cap 50%, DRAIN reached 35%,  PASS
                                                                         commands: open 95%, close 90%
            sector-caps  0x0000000000000002     17      300       1,200  -                               FAIL: found a failing case
            """
        #expect(SummaryTable.render([Self.passing, Self.failing]) == expected)
    }

    @Test func noTrailingSpaces() {
        for line in SummaryTable.render([Self.passing, Self.failing]).split(separator: "\n") {
            #expect(line.last != " ")
        }
    }

    @Test func coverageWrapsAtTheColumnWidth() {
        var labels: [String: Int] = [:]
        for index in 0..<12 { labels["state number \(index)"] = 100 - index }
        let lines = SummaryTable.coverage(labels, cases: 100)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= SummaryTable.coverageWidth })
        #expect(lines.first == "state number 0 100%, state number 1 99%, state number 2 98%,")
        #expect(lines.last?.hasSuffix("state number 11 89%") == true)
    }

    @Test func labelFamiliesAndQualifiersAreCompacted() {
        #expect(SummaryTable.unqualified("rejected: sectorHardLimit(TradingVocabulary.Sector.layer1Alt)") == "rejected: sectorHardLimit(layer1Alt)")
        #expect(SummaryTable.unqualified("at cap 1.5") == "at cap 1.5")
        #expect(SummaryTable.family(of: "rejected: groupLimit(defi)") == "rejected: groupLimit(…)")
        #expect(SummaryTable.family(of: "halt()") == "halt()")
        #expect(SummaryTable.family(of: "DRAIN reached") == "DRAIN reached")
        let labels = ["rejected: limit(Sector.a)": 20, "rejected: limit(Sector.b)": 33, "critical": 44, "command open": 90, "command close": 95]
        #expect(SummaryTable.coverage(labels, cases: 100) == ["critical 44%, rejected: limit(…) 20–33%,", "commands: close 95%, open 90%"])
        #expect(SummaryTable.coverage([:], cases: 0) == ["-"])
    }
}
