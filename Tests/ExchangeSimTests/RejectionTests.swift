import ExchangeSim
import ExchangeVocabulary
import MarketSim
import Testing
import TradingVocabulary

@Suite struct RejectionTests {
    func reason(_ venue: SimulatedExchange, _ id: UInt64) -> RejectReason? { venue.venueOrder(id)?.rejectReason }

    @Test func expiredFuturesComeBeforeTheRandomFlag() throws {
        var venue = try Fixture.venue()
        try venue.apply(quote(99, 100, Fixture.future))
        venue.advance(by: .hours(1))  // exactly at expiry
        try venue.place(order(1, .buy, .limit(100), 1, Fixture.future), randomReject: true)
        #expect(venue.venueState(1) == .rejected)
        #expect(reason(venue, 1) == .instrumentExpired)
        #expect(venue.clientState(1) == .venue(.rejected))
    }

    @Test func randomFlagRejectsAsRandomOrStormBeforeFunds() throws {
        var venue = try Fixture.venue(cash: 0)
        try venue.place(order(1, .buy, .market, 1), randomReject: true)  // no reference price either
        #expect(reason(venue, 1) == .randomReject)
        venue.setRejectStorm(true)
        try venue.place(order(2, .buy, .market, 1), randomReject: true)
        #expect(reason(venue, 2) == .rejectStorm)
        try venue.place(order(3, .buy, .market, 1))
        #expect(reason(venue, 3) == .noReferencePrice)
    }

    @Test func spotBuyNeedsCashForNotionalAndTakerFee() throws {
        // 10 × 100 × 1 = 1 000 ¢, taker fee ⌈1 000 × 10 / 10 000⌉ = 1: needs 1 001.
        var venue = try Fixture.venue(cash: 1_000, taker: 10)
        try venue.place(order(1, .buy, .limit(100), 10))
        #expect(reason(venue, 1) == .insufficientCash)
        var enough = try Fixture.venue(cash: 1_001, taker: 10)
        try enough.place(order(1, .buy, .limit(100), 10))
        #expect(enough.venueState(1) == .accepted)
    }

    @Test func openSpotBuysReserveAcrossSymbols() throws {
        var venue = try Fixture.venue(cash: 1_500)
        try venue.place(order(1, .buy, .limit(100), 10))  // reserves 1 000
        try venue.place(order(2, .buy, .limit(50), 11, Fixture.other))  // 550 > 500
        #expect(reason(venue, 2) == .insufficientCash)
        try venue.place(order(3, .buy, .limit(50), 10, Fixture.other))  // 500 ≤ 500
        #expect(venue.venueState(3) == .accepted)
    }

    @Test func marketBuyReferenceIsTheAskThenTheLastClose() throws {
        var venue = try Fixture.venue(cash: 1_000)
        try venue.apply(bar(100, 100, 100, 100, volume: 0))  // close 100, no volume: nothing trades
        try venue.place(order(1, .buy, .market, 10))  // 10 × 100 ≤ 1 000
        #expect(venue.venueState(1) == .accepted)
        try venue.apply(quote(100, 101, bidSize: 1, askSize: 1, Fixture.other))
        try venue.place(order(2, .buy, .market, 1, Fixture.other))  // the first reserves its arrival reference
        #expect(reason(venue, 2) == .insufficientCash)
    }

    @Test func spotSellNeedsUnreservedPosition() throws {
        var venue = try Fixture.venue()
        try venue.apply(quote(99, 100))
        try venue.place(order(1, .buy, .market, 5))
        try venue.apply(bar(100, 100, 100, 100, volume: 0))  // clears the quote
        try venue.place(order(2, .sell, .limit(120), 3))
        try venue.place(order(3, .sell, .limit(120), 3))
        #expect(reason(venue, 3) == .insufficientPosition)
        try venue.place(order(4, .sell, .limit(120), 2))
        #expect(venue.venueState(4) == .accepted)
    }

    @Test func futuresMarginCoversPositionOpenOrdersAndTheNewOrder() throws {
        // (0 + 3 + 2) × 100 × 10 × 1 000 / 10 000 = 500 ≤ 500; one lot more is 600.
        var venue = try Fixture.venue(cash: 500)
        try venue.place(order(1, .sell, .limit(100), 3, Fixture.future))
        try venue.place(order(2, .buy, .limit(100), 2, Fixture.future))
        #expect(venue.venueState(2) == .accepted)
        try venue.place(order(3, .buy, .limit(100), 1, Fixture.future))
        #expect(reason(venue, 3) == .insufficientMargin)
        // Rounded up: 1 × 1 × 10 × 1 000 / 10 000 = 1 ¢ exactly; 1 × 3 × 10 / 10 = 3; odd case below.
        var tight = try Fixture.venue(cash: 0)
        try tight.place(order(1, .buy, .limit(1), 1, Fixture.future))  // ⌈1 × 1 × 10 × 1 000 / 10 000⌉ = 1 > 0
        #expect(reason(tight, 1) == .insufficientMargin)
    }

    @Test func rejectedOrdersNeverFill() throws {
        var venue = try Fixture.venue(cash: 0)
        try venue.place(order(1, .buy, .limit(100), 1))
        try venue.apply(quote(99, 100))
        #expect(venue.venueOrder(1)?.filled == 0)
        #expect(venue.fills.isEmpty)
    }
}
