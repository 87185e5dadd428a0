import BugZoo
import TradingChecks
import Testing

/// Every broken variant is caught and shrunk to exactly its known minimum: a machine's on all its
/// seeds; a simulation's (stress: whole runs per case, slow in a debug build) on its first seed
/// here, and on all of them in CI's release run of `zoo-check`.
@Suite struct BugZooTests {
    @Test(arguments: BugZoo.variants.map(\.name))
    func caughtAndShrunkToItsKnownMinimum(_ name: String) throws {
        let variant = try #require(BugZoo.named(name))
        expectCaught(variant, seeds: variant.entry.defaultCases == nil ? variant.seeds : 1...1)
    }

    @Test func theZooHasAtLeastTenVariantsOverEveryMachine() {
        #expect(BugZoo.variants.count >= 10)
        #expect(Set(BugZoo.variants.map { String($0.name.prefix { $0 != "/" }) }) == Set(Machines.all.map(\.name)))
    }
}
