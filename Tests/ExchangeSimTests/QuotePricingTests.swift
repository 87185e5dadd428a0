import ExchangeSim
import ExchangeVocabulary
import MarketSim
import Testing
import TradingVocabulary

@Suite struct QuotePricingTests {
    @Test func marketBuyWalksTheAsksOneFillPerLevel() throws {
        var venue = try Fixture.venue()
        try venue.apply(quote(99, 100, askSize: 5))
        try venue.place(order(1, .buy, .market, 12))
        #expect(venue.trades == [[100, 5], [101, 5], [102, 2]])
        // Consumed for later orders until the next quote: 3 left at 102.
        try venue.place(order(2, .buy, .market, 4))
        #expect(venue.trades.suffix(2) == [[102, 3], [103, 1]])
        try venue.apply(quote(99, 100, askSize: 5))
        try venue.place(order(3, .buy, .market, 1))
        #expect(venue.trades.last == [100, 1])
    }

    @Test func limitWalksWhileAtOrBetterAndRests() throws {
        var venue = try Fixture.venue()
        try venue.apply(quote(99, 100, askSize: 5))
        try venue.place(order(1, .buy, .limit(101), 12))
        #expect(venue.trades == [[100, 5], [101, 5]])
        #expect(venue.venueState(1) == .partiallyFilled)
        try venue.apply(quote(100, 101, bidSize: 7, askSize: 7))
        #expect(venue.trades.last == [101, 2])
    }

    @Test func sellWalksTheBidsDownToOneTick() throws {
        var venue = try Fixture.venue()
        try venue.apply(quote(99, 100, askSize: 10))
        try venue.place(order(1, .buy, .market, 10))
        try venue.apply(quote(2, 3, bidSize: 3))
        try venue.place(order(2, .sell, .market, 10))
        #expect(venue.trades.suffix(2) == [[2, 3], [1, 3]])
        #expect(venue.venueOrder(2)?.filled == 6)
        #expect(venue.venueState(2) == .partiallyFilled)
    }

    @Test func thinQuoteTakesAtMostHalfTheRemainderRoundedUp() throws {
        var venue = try Fixture.venue()
        try venue.apply(quote(99, 100, thin: true))
        try venue.place(order(1, .buy, .market, 7))
        #expect(venue.venueOrder(1)?.filled == 4)
        try venue.apply(quote(99, 100, thin: true))
        #expect(venue.venueOrder(1)?.filled == 6)
    }

    @Test func restingOrdersArePricedInArrivalOrder() throws {
        var venue = try Fixture.venue()
        try venue.place(order(2, .buy, .limit(100), 3))
        try venue.place(order(1, .buy, .limit(100), 3))
        try venue.apply(quote(99, 100, askSize: 4))
        #expect(venue.venueOrder(2)?.filled == 3)
        #expect(venue.venueOrder(1)?.filled == 1)
    }

    @Test func stopTriggersOnTheQuoteAndWalksAsMarket() throws {
        var venue = try Fixture.venue()
        let future = Fixture.future
        try venue.apply(quote(99, 100, future))
        try venue.place(order(1, .sell, .stop(trigger: 95), 4, future))
        try venue.place(order(2, .buy, .stop(trigger: 102), 4, future))
        #expect(venue.fills.isEmpty)
        try venue.apply(quote(95, 96, bidSize: 3, future))
        #expect(venue.trades == [[95, 3], [94, 1]])
        #expect(venue.venueOrder(1)?.triggered == true)
        #expect(venue.venueOrder(2)?.triggered == false)
    }

    @Test func makerOnlyWhenNotMarketableOnArrival() throws {
        var venue = try Fixture.venue(maker: -5, taker: 10)
        try venue.place(order(1, .buy, .limit(100), 20))  // no quote: maker
        try venue.apply(quote(99, 101))
        try venue.place(order(2, .buy, .limit(101), 1))  // reaches the ask: taker
        try venue.place(order(3, .buy, .limit(100), 1))  // below the ask: maker
        try venue.apply(quote(99, 100))
        #expect(venue.venueOrder(1)?.liquidity == .maker)
        #expect(venue.venueOrder(2)?.liquidity == .taker)
        #expect(venue.venueOrder(3)?.liquidity == .maker)
        // #1: 20 × 100 = 2 000 ¢ at −5 bp → −⌊1.0⌋ = −1; #2: 101 ¢ at 10 bp → ⌈0.101⌉ = 1; #3: 100 ¢ → −⌊0.05⌋ = 0.
        #expect(venue.fills.map(\.fee.value) == [1, -1, 0])
        #expect(venue.account.feesPaid == 0)
    }

    @Test func feesRoundUpAndRebatesDown() throws {
        var venue = try Fixture.venue(maker: -5, taker: 10)
        try venue.apply(quote(1_000, 1_001))
        try venue.place(order(1, .buy, .market, 1))  // 1 001 × 10 / 10 000 = 1.001 → 2
        #expect(venue.fills.last?.fee == 2)
        try venue.apply(bar(1_000, 1_000, 1_000, 1_000, volume: 0))
        try venue.place(order(2, .buy, .limit(1_999), 1))  // maker
        try venue.apply(quote(1_998, 1_999))  // 1 999 × 5 / 10 000 = 0.9995 → −0
        #expect(venue.fills.last?.fee == 0)
        #expect(venue.fills.last?.liquidity == .maker)
        try venue.apply(bar(1_000, 1_000, 1_000, 1_000, volume: 0))
        try venue.place(order(3, .buy, .limit(2_000), 1))
        try venue.apply(quote(1_999, 2_000))  // exactly 1.0 → −1
        #expect(venue.fills.last?.fee == -1)
    }
}
