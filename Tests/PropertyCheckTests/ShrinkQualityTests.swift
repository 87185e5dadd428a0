import PropertyCheck
import ShrinkChallenges
import Testing

/// The shrink quality suite: every problem must be found and reach its exact known minimum on
/// every one of 20 seeds, and on average take no more property calls than Hypothesis does.
/// (Shrink times are measured in release by `engine-benchmark`, not here.)
@Suite struct ShrinkQualityTests {
    static let seeds: [UInt64] = Array(1...20)

    @Test(arguments: Challenge.all.map(\.name))
    func reachesTheKnownMinimumOnEverySeed(_ name: String) throws {
        let challenge = try #require(Challenge.all.first { $0.name == name })
        var calls = 0
        for seed in Self.seeds {
            let outcome = challenge.run(seed)
            #expect(outcome.found, "seed \(seed): no failure found")
            #expect(outcome.shrunk == challenge.expected, "seed \(seed): shrunk to \(outcome.shrunk)")
            calls += outcome.propertyCalls
        }
        if let hypothesis = challenge.hypothesisCalls {
            let mean = Double(calls) / Double(Self.seeds.count)
            #expect(mean <= Double(hypothesis), "mean \(mean) property calls; Hypothesis needs \(hypothesis)")
        }
    }

    @Test func theExpectedMinimaAreWrittenOutExactly() {
        let expected = Dictionary(uniqueKeysWithValues: Challenge.all.map { ($0.name, $0.expected) })
        #expect(expected["bound"] == "101")
        #expect(expected["sum"] == "[1001]")
        #expect(expected["reverse"] == "[0, 1]")
        #expect(expected["lengthlist"] == "[900]")
        #expect(expected["distinct"] == "[0, 1, -1]")
        #expect(expected["nestedlists"] == "[[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]")
        #expect(expected["deletion"] == "([0, 0], 0)")
        #expect(expected["difference"] == "(10, 9)")
        #expect(expected["calculator"] == ".div(.lit(0), .add(.lit(0), .lit(0)))")
    }
}
