import BugZoo
import TradingChecks
import Testing

/// Every machine's broken variant is caught and shrunk to exactly its known minimum, here on its
/// first seed, in a debug build. The simulation's variants (stress: a whole run per case, and
/// thousands of them to shrink — minutes in a debug build) and every variant on all its seeds
/// are asserted by `zoo-check` in release, which CI runs; `StressCheckTests` catches and shrinks
/// a broken executor here.
@Suite struct BugZooTests {
    @Test(arguments: BugZoo.variants.filter { $0.entry.defaultCases == nil }.map(\.name))
    func caughtAndShrunkToItsKnownMinimum(_ name: String) throws {
        let variant = try #require(BugZoo.named(name))
        expectCaught(variant, seeds: 1...1)
    }

    @Test func theZooHasAtLeastTenVariantsOverEveryMachine() {
        #expect(BugZoo.variants.count >= 10)
        #expect(Set(BugZoo.variants.map { String($0.name.prefix { $0 != "/" }) }) == Set(Machines.all.map(\.name)))
    }

    /// A zoo variant's replayed failure says how to rerun it: with the zoo's fuzz target, which
    /// builds the variant (the machines' own say `stresscheck replay`).
    @Test func aReplayedFailureNamesTheCommandThatRerunsIt() throws {
        let variant = try #require(BugZoo.named("position/drain-at-excess-0"))
        let zoo = variant.entry.replay([0x00, 0x01, 0x04], false)  // .setCap(0)
        #expect(!zoo.passed)
        #expect(zoo.report.contains("Replay: STRESSCHECK_ZOO=position/drain-at-excess-0 Fuzz/.build/release/fuzz-zoo <the input file>"), "\(zoo.report)")
        #expect(Machines.replayHint("position", shrink: true) == "swift run -c release stresscheck minimize position <the input file>")
    }
}
