import MarketSim
import Testing

@Suite struct ScenarioLibraryTests {
    /// Every library scenario lands in every published range: on its reference seed and on 20
    /// other seeds, so the calibration is a property of the scenario, not of one lucky seed.
    @Test(arguments: ScenarioLibrary.all.map(\.name))
    func landsInItsPublishedRanges(name: String) throws {
        let entry = try #require(ScenarioLibrary.named(name))
        for seed in [entry.seed] + Array(1...20) {
            let result = try entry.run(seed: seed)
            for outcome in entry.calibrate(result) where !outcome.passed {
                Issue.record(
                    "\(name) seed \(seed): \(outcome.target.measure) = \(outcome.value.map { "\($0)" } ?? "n/a"), expected \(outcome.target.range) (\(outcome.target.published))"
                )
            }
        }
    }

    @Test func namesAreUniqueAndEveryKindIsCovered() {
        let names = ScenarioLibrary.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(ScenarioLibrary.all.allSatisfy { !$0.source.isEmpty && !$0.calibration.isEmpty })
    }

    @Test func referenceRunIsDeterministic() throws {
        for entry in ScenarioLibrary.all {
            #expect(try entry.run().fingerprint == entry.run().fingerprint, "\(entry.name)")
        }
    }
}
