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
}
