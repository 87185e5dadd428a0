import PropertyCheckTesting
import TradingChecks
import Testing

/// Every machine's differential check against production: thousands of command sequences of
/// up to 100 steps, the corpus replayed first.
@Suite struct ProductionAgreesTests {
    static let corpus = CallSite.corpusRoot

    @Test(arguments: Machines.all.map(\.name))
    func productionAgreesWithTheModel(_ name: String) throws {
        let machine = try #require(Machines.named(name))
        // A check with a budget of its own (stress: each case a whole run, slow in debug) runs
        // a debug-sized share of it; StressCheckTests covers it further.
        let cases = machine.defaultCases == nil ? 2_000 : 30
        let run = machine.check(MachineRunOptions(cases: cases, corpusDirectory: Self.corpus))
        #expect(run.passed, "\(run.report)")
        #expect(run.cases >= cases)
    }
}

enum CallSite {
    /// `corpus/` at the package root, found from this file's path.
    static let corpusRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url.appendingPathComponent("corpus").path
            }
        }
        return "corpus"
    }()
}

import Foundation
