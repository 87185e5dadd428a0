import TradingChecks
import Testing

/// Broken variants of sector caps: each is caught and shrunk to its known minimum.
@Suite struct SectorCapsZooTests {
    /// The hard cap checked before adding the new amount: with a 5-cent portfolio the limit is
    /// 1 cent, and adding 2 cents (the generator's "one cent over the room" choice, the
    /// shortest encoding) starts from 0% and ends at 40%.
    @Test func capCheckedBeforeAdding() {
        expectCaught(SectorCapsChecks.machine(name: "zoo cap checked before adding") { SectorCapsMutants.CapCheckedBeforeAdding() },
                     .invariant("accepted add keeps sector ≤ hard limit", [".setPortfolioValue(5)", ".add(\"BTC-USD\", amount: 2)"]))
    }

    /// `<` instead of `≤`: 1 cent of a 5-cent portfolio is exactly 20%, the hard limit.
    @Test func limitExclusive() {
        expectCaught(SectorCapsChecks.machine(name: "zoo limit exclusive") { SectorCapsMutants.LimitExclusive() },
                     .invariant("rejection is justified", [".setPortfolioValue(5)", ".add(\"BTC-USD\", amount: 1)"]))
    }

    /// An exposure not released on `reduce`.
    @Test func reduceKeepsExposure() {
        expectCaught(SectorCapsChecks.machine(name: "zoo reduce keeps exposure") { SectorCapsMutants.ReduceKeepsExposure() },
                     .invariant("sector exposure = Σ holdings", [".adopt(\"BTC-USD\", value: 1)", ".reduce(\"BTC-USD\", amount: 1)"]))
    }
}
