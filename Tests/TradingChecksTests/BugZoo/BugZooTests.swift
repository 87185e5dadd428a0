import BugZoo
import TradingChecks
import Testing

/// Every broken variant is caught, on several seeds, and shrunk to exactly its known minimum.
@Suite struct BugZooTests {
    @Test(arguments: BugZoo.variants.map(\.name))
    func caughtAndShrunkToItsKnownMinimum(_ name: String) throws {
        let variant = try #require(BugZoo.named(name))
        expectCaught(variant)
    }

    @Test func theZooHasAtLeastTenVariantsOverEveryMachine() {
        #expect(BugZoo.variants.count >= 10)
        #expect(Set(BugZoo.variants.map { String($0.name.prefix { $0 != "/" }) }) == Set(Machines.all.map(\.name)))
    }
}
