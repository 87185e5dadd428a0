import Testing
@testable import TradingChecks
import TradingMachines

/// Production's entry numbers come from a process-wide counter; the observation renumbers them
/// by rank among the entries a case has seen.
@Suite struct EntryNumberingTests {
    static func held(_ entries: [UInt64]) -> [TradingMachines.HeldPosition] {
        entries.map { TradingMachines.HeldPosition(symbol: "BTC-USD", unrealizedPnL: 0, isMarked: false, entry: $0) }
    }

    @Test func entriesAreNumberedByRankAndKeepTheirNumber() {
        var numbering = EntryNumbering()
        #expect(numbering.observe(Self.held([100, 105])).map(\.entry) == [0, 1])
        #expect(numbering.observe(Self.held([105, 107])).map(\.entry) == [1, 2])
        #expect(numbering.observe(Self.held([100, 107, 230])).map(\.entry) == [0, 2, 3])
        #expect(numbering.observe([]).isEmpty)
    }

    @Test func anEntryBelowAKnownOneRenumbersConsistently() {
        var numbering = EntryNumbering()
        _ = numbering.observe(Self.held([100, 105]))
        // Never seen with production (its counter only grows): every number is still the rank.
        #expect(numbering.observe(Self.held([103, 105])).map(\.entry) == [1, 2])
        #expect(numbering.observe(Self.held([105, 100])).map(\.entry) == [2, 0])
    }
}
