import BugZoo
import TradingChecks
import Testing

/// Every broken variant is caught and shrunk to exactly its known minimum: here, in a debug build,
/// a machine's on its first two seeds and a simulation's (whole runs per case) on its first; on
/// all their seeds (five and three) in CI's release run of `zoo-check`, which keeps `swift test`
/// within its time.
@Suite struct BugZooTests {
    @Test(arguments: BugZoo.variants.map(\.name))
    func caughtAndShrunkToItsKnownMinimum(_ name: String) throws {
        let variant = try #require(BugZoo.named(name))
        expectCaught(variant, seeds: variant.entry.defaultCases == nil ? 1...2 : 1...1)
    }

    @Test func theZooHasAtLeastTenVariantsOverEveryMachine() {
        #expect(BugZoo.variants.count >= 10)
        #expect(Set(BugZoo.variants.map { String($0.name.prefix { $0 != "/" }) }) == Set(Machines.all.map(\.name)))
    }
}
