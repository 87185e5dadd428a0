@testable import ExchangeSim
import ExchangeVocabulary
import MarketSim
import Testing
import TradingVocabulary

@Suite struct BarPricingTests {
    @Test func pathVisitsTheNearerExtremeFirstTiesHigh() {
        #expect(bar(100, 103, 99, 101).path == (100, 99, 103, 101))
        #expect(bar(100, 101, 97, 99).path == (100, 101, 97, 99))
        #expect(bar(100, 102, 98, 100).path == (100, 102, 98, 100))
    }

    @Test func allowanceIsAQuarterOfVolumeTimesParticipationRoundedDownThinHalvesUp() {
        #expect(SimulatedExchange.allowance(volume: 1_000, participation: 10_000, thin: false) == 250)
        #expect(SimulatedExchange.allowance(volume: 1_001, participation: 3_333, thin: false) == 83)
        #expect(SimulatedExchange.allowance(volume: 1_001, participation: 3_333, thin: true) == 42)
        #expect(SimulatedExchange.allowance(volume: 3, participation: 10_000, thin: true) == 0)
    }

    @Test func largeOrderFillsInPartsAcrossPoints() throws {
        var venue = try Fixture.venue(participation: 1_000)  // 4 000 × 1 000 / 40 000 = 100 per point
        try venue.apply(bar(100, 100, 100, 100, volume: 0))
        try venue.place(order(1, .buy, .market, 350))
        try venue.apply(bar(100, 104, 99, 102, volume: 4_000))  // path 100 → 99 → 104 → 102
        #expect(venue.trades == [[100, 100], [99, 100], [104, 100], [102, 50]])
        #expect(venue.venueState(1) == .filled)
    }

    @Test func limitFillsAtTheOpenOrExactlyAtTheLimit() throws {
        var venue = try Fixture.venue()
        try venue.place(order(1, .buy, .limit(100), 1))
        try venue.place(order(2, .buy, .limit(97), 1))
        try venue.apply(bar(99, 101, 95, 98, volume: 400))  // #1 at the open 99; #2 at the low point, at exactly 97
        #expect(venue.trades == [[99, 1], [97, 1]])
        try venue.place(order(3, .buy, .limit(100), 1))
        try venue.apply(bar(100, 102, 98, 101, volume: 400))  // open exactly at the limit: at the open
        #expect(venue.trades.last == [100, 1])
    }

    @Test func limitSellMirrors() throws {
        var venue = try Fixture.venue()
        try venue.place(order(9, .buy, .limit(100), 2))
        try venue.apply(bar(100, 100, 100, 100, volume: 400))
        try venue.place(order(1, .sell, .limit(103), 1))
        try venue.place(order(2, .sell, .limit(99), 1))
        try venue.apply(bar(101, 104, 100, 102, volume: 400))  // path 101 → 100 → 104 → 102
        #expect(venue.trades.suffix(2) == [[101, 1], [103, 1]])
    }

    @Test func stopGapFillsAtTheOpenCrossAtTheTrigger() throws {
        var venue = try Fixture.venue()
        try venue.place(order(1, .buy, .stop(trigger: 105), 1, Fixture.future))
        try venue.place(order(2, .buy, .stop(trigger: 103), 1, Fixture.future))
        try venue.apply(bar(106, 107, 105, 106, volume: 400, Fixture.future))  // gap: both at the open
        #expect(venue.trades == [[106, 1], [106, 1]])
        try venue.place(order(3, .buy, .stop(trigger: 108), 2, Fixture.future))
        try venue.place(order(4, .sell, .stop(trigger: 100), 1, Fixture.future))
        try venue.apply(bar(104, 109, 99, 100, volume: 4, Fixture.future))  // allowance 1; a tie: 104 → 109 → 99 → 100
        // #3 crosses at the high point, at its trigger 108, then trades 1 more at the low point as
        // a market order (99); #4 triggers at the low point, where min(109, 99) ≤ 100, at its trigger.
        #expect(venue.trades.suffix(3) == [[108, 1], [99, 1], [100, 1]])
        #expect(venue.venueOrder(3)?.triggered == true)
    }

    @Test func fixedSlippageRoundsAgainstTheTaker() throws {
        var venue = try Fixture.venue(slippage: .fixed(10))
        try venue.apply(bar(1_001, 1_001, 1_001, 1_001, volume: 0, Fixture.future))
        try venue.place(order(1, .buy, .market, 1, Fixture.future))
        try venue.place(order(2, .sell, .market, 1, Fixture.future))
        try venue.apply(bar(1_000, 1_000, 1_000, 1_000, volume: 4, Fixture.future))  // ⌈1.0⌉ = 1
        #expect(venue.trades == [[1_001, 1], [999, 1]])
        try venue.place(order(3, .buy, .market, 1, Fixture.future))
        try venue.apply(bar(1_001, 1_001, 1_001, 1_001, volume: 4, Fixture.future))  // ⌈1.001⌉ = 2
        #expect(venue.trades.last == [1_003, 1])
    }

    @Test func volatilityRateIsRoundedDownBeforeTheCeiling() throws {
        // σ 251 × 50 / 100 = 125.5 → 125 bp; 1 000 × 125 / 10 000 = 12.5 → 13.
        var venue = try Fixture.venue(slippage: .volatility(percent: 50))
        try venue.apply(bar(1_000, 1_000, 1_000, 1_000, volume: 0, Fixture.future))
        try venue.place(order(1, .buy, .market, 1, Fixture.future))
        try venue.apply(bar(1_000, 1_000, 1_000, 1_000, volume: 4, sigma: 251, Fixture.future))
        #expect(venue.trades == [[1_013, 1]])
    }

    @Test func squareRootImpactUsesTheFillQuantityInDouble() throws {
        // k 100, σ 100, fill 25 of volume 10 000: 1 × 100 × 0.05 = 5 bp; 1 000 × 5 / 10 000 = 0.5 → 1.
        var venue = try Fixture.venue(slippage: .squareRoot(kPercent: 100), participation: 100)  // allowance 25
        try venue.apply(bar(1_000, 1_000, 1_000, 1_000, volume: 0, Fixture.future))
        try venue.place(order(1, .sell, .market, 25, Fixture.future))
        try venue.apply(bar(1_000, 1_000, 1_000, 1_000, volume: 10_000, sigma: 100, Fixture.future))
        #expect(venue.trades == [[999, 25]])
        #expect(SlippageModel.squareRoot(kPercent: 100).slip(price: 1_000, quantity: 1, volume: 0, sigma: 100) == 0)  // zero volume: no slip
        #expect(SlippageModel.none.slip(price: 1_000, quantity: 1, volume: 4, sigma: 100) == 0)
    }

    @Test func computedRatesAreCappedAtTheLargestRate() {
        // σ 10 000 × 10 000 / 100 = 10⁶ bp uncapped (a fill at 101 × the price); capped: 1 000 bp.
        let top = VenueLimits.maxPrice.value
        #expect(SlippageModel.volatility(percent: 10_000).slip(price: top, quantity: 1, volume: 4, sigma: 10_000) == top / 10)
        // σ 1 000 × 1 000 / 100 = 10 000 bp; just at the cap: σ 100 × 1 000 / 100 = 1 000; one under: 999.
        #expect(SlippageModel.volatility(percent: 1_000).slip(price: 1_000, quantity: 1, volume: 4, sigma: 1_000) == 100)
        #expect(SlippageModel.volatility(percent: 1_000).slip(price: 1_000, quantity: 1, volume: 4, sigma: 100) == 100)
        #expect(SlippageModel.volatility(percent: 1_000).slip(price: 1_000, quantity: 1, volume: 4, sigma: 99) == 99)
        // k 10 000 % × σ 10 000 × √(10⁶ / 1) = 10⁹ bp uncapped; capped: 1 000 bp.
        #expect(SlippageModel.squareRoot(kPercent: 10_000).slip(price: top, quantity: 1_000_000, volume: 1, sigma: 10_000) == top / 10)
    }

    @Test func slippedSellNeverBelowOneTick() throws {
        var venue = try Fixture.venue(slippage: .fixed(1_000))
        try venue.apply(bar(1, 1, 1, 1, volume: 0, Fixture.future))
        try venue.place(order(1, .sell, .market, 1, Fixture.future))
        try venue.apply(bar(1, 1, 1, 1, volume: 4, Fixture.future))
        #expect(venue.trades == [[1, 1]])
    }

    @Test func barClearsTheQuoteAndKeepsTheClientQuote() throws {
        var venue = try Fixture.venue()
        try venue.apply(quote(99, 100))
        try venue.apply(bar(100, 101, 99, 100, volume: 0))
        try venue.place(order(1, .buy, .limit(100), 1))
        #expect(venue.venueOrder(1)?.liquidity == .maker)  // no quote in force
        #expect(venue.fills.isEmpty)
        #expect(venue.clientQuote(for: Fixture.spot)?.quote == quote(99, 100))
    }
}
