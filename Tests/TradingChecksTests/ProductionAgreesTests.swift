import PropertyCheckTesting
import TradingChecks
import Testing

/// Every machine's differential check against production: hundreds of command sequences of up
/// to 100 steps, the corpus replayed first. (The main job, `stresscheck` in release, runs each
/// with its full budget in CI; here, in a debug build, the sanity of the wiring.)
@Suite struct ProductionAgreesTests {
    static let corpus = CallSite.corpusRoot

    /// The machines' checks; a check with a budget of its own (stress: each case a whole run,
    /// slow in debug) is run by its own suite (`StressCheckTests`) and in release by the main job.
    @Test(arguments: Machines.all.filter { $0.defaultCases == nil }.map(\.name))
    func productionAgreesWithTheModel(_ name: String) throws {
        let machine = try #require(Machines.named(name))
        let cases = 500
        let run = machine.check(MachineRunOptions(cases: cases, corpusDirectory: Self.corpus))
        #expect(run.passed, "\(run.report)")
        #expect(run.cases >= cases)
        // The committed corpus replays clean: every file decodes and is read to its end (a file
        // written by the fuzzer or for an older generator is trimmed or replaced, never left to
        // warn in the main job out of the box).
        #expect(run.corpusSkipped == 0, "\(run.report)")
        #expect(run.warnings.isEmpty, "\(run.warnings.map(\.message))")
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
