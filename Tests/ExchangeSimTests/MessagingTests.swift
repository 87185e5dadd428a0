import ExchangeSim
import ExchangeVocabulary
import MarketSim
import Testing
import TradingVocabulary

@Suite struct MessagingTests {
    @Test func ordersArePricedInTheOrderTheyArrive() throws {
        var venue = try Fixture.venue()
        try venue.submit(order(1, .buy, .limit(100), 3), latency: latency(10, 0), randomReject: false)
        try venue.submit(order(2, .buy, .limit(100), 3), latency: latency(5, 0), randomReject: false)
        venue.advance(by: .milliseconds(10))
        #expect(venue.now == Fixture.start + .milliseconds(10))
        try venue.apply(quote(99, 100, askSize: 4))
        #expect(venue.venueOrder(2)?.filled == 3)
        #expect(venue.venueOrder(1)?.filled == 1)
    }

    @Test func lateSubmitIsDroppedUnseenThenNotFoundAndResubmitted() throws {
        var venue = try Fixture.venue(timeout: .seconds(1))
        try venue.submit(order(1, .buy, .limit(100), 1), latency: LinkLatency(out: .milliseconds(1_001), back: .zero), randomReject: false)
        venue.advance(by: .seconds(1))
        #expect(venue.clientState(1) == .unknown)
        venue.advance(by: .milliseconds(1))
        #expect(venue.venueOrders.isEmpty)  // arrived after the receive window
        try venue.query(1, latency: .zero)
        venue.advance(by: .zero)
        #expect(venue.clientState(1) == .notFound)
        #expect(throws: ClientError.notFound(1)) { try venue.cancel(1, latency: .zero, hold: .zero, refuse: false) }
        try venue.resubmit(1, latency: .zero, randomReject: false)
        #expect(venue.clientState(1) == .sent)
        venue.advance(by: .zero)
        #expect(venue.venueState(1) == .accepted)
        #expect(venue.clientState(1) == .venue(.accepted))
        #expect(venue.clientOrder(1)?.deadline == Fixture.start + .milliseconds(2_001))
    }

    @Test func submitArrivingExactlyAtTheDeadlineIsAcceptedAndTheReportIsLate() throws {
        var venue = try Fixture.venue(timeout: .seconds(1))
        try venue.submit(order(1, .buy, .limit(100), 1), latency: LinkLatency(out: .seconds(1), back: .zero), randomReject: false)
        venue.advance(by: .seconds(1))
        #expect(venue.venueState(1) == .accepted)
        #expect(venue.clientState(1) == .venue(.accepted))  // the timer ran before the report, which then applied
    }

    @Test func deadlineMakesUnknownAndALateReportResolves() throws {
        var venue = try Fixture.venue(timeout: .seconds(1))
        try venue.submit(order(1, .buy, .limit(100), 1), latency: LinkLatency(out: .zero, back: .seconds(2)), randomReject: false)
        venue.advance(by: .seconds(1))
        #expect(venue.clientState(1) == .unknown)
        venue.advance(by: .seconds(1))
        #expect(venue.clientState(1) == .venue(.accepted))
    }

    @Test func notFoundBeforeTheDeadlineIsIgnored() throws {
        var venue = try Fixture.venue(timeout: .seconds(1))
        try venue.submit(order(1, .buy, .limit(100), 1), latency: LinkLatency(out: .milliseconds(900), back: .zero), randomReject: false)
        try venue.query(1, latency: .zero)
        venue.advance(by: .zero)
        #expect(venue.clientState(1) == .sent)
        venue.advance(by: .milliseconds(900))
        #expect(venue.clientState(1) == .venue(.accepted))
    }

    @Test func queryResolvesUnknownToTheVenueState() throws {
        var venue = try Fixture.venue(timeout: .seconds(1))
        try venue.submit(order(1, .buy, .limit(100), 4), latency: LinkLatency(out: .zero, back: .seconds(60)), randomReject: false)
        try venue.apply(quote(99, 100, askSize: 1))  // in force when the submit arrives: 1 lot on arrival
        venue.advance(by: .zero)
        try venue.apply(quote(99, 100, askSize: 1))  // and 1 more
        venue.advance(by: .seconds(1))
        #expect(venue.clientState(1) == .unknown)
        try venue.query(1, latency: .zero)
        venue.advance(by: .zero)
        #expect(venue.clientState(1) == .venue(.partiallyFilled))
        #expect(venue.clientOrder(1)?.filled == 2)
    }

    @Test func overtakenReportIsIgnored() throws {
        var venue = try Fixture.venue(timeout: .seconds(10))
        try venue.submit(order(1, .buy, .limit(100), 1), latency: LinkLatency(out: .zero, back: .seconds(5)), randomReject: false)
        venue.advance(by: .zero)
        try venue.cancel(1, latency: .zero, hold: .seconds(60), refuse: false)
        venue.advance(by: .zero)
        #expect(venue.clientState(1) == .venue(.pendingCancel))
        venue.advance(by: .seconds(5))  // the ACCEPTED report (sequence 1) arrives after PENDING_CANCEL (2)
        #expect(venue.clientState(1) == .venue(.pendingCancel))
    }

    @Test func disconnectLosesMessagesBothWays() throws {
        var venue = try Fixture.venue(timeout: .seconds(1))
        try venue.submit(order(1, .buy, .limit(100), 1), latency: latency(10, 0), randomReject: false)
        try venue.submit(order(2, .buy, .limit(100), 1), latency: latency(0, 10), randomReject: false)
        venue.advance(by: .zero)
        venue.disconnect()
        venue.disconnect()  // idempotent
        venue.advance(by: .milliseconds(20))
        venue.reconnect()
        #expect(venue.venueState(1) == nil)  // lost on the way in
        #expect(venue.venueState(2) == .accepted)
        #expect(venue.clientState(2) == .sent)  // its report was lost on the way back
        venue.advance(by: .seconds(1))
        #expect(venue.clientState(2) == .unknown)
        #expect(venue.pendingMessages == 0)
    }

    @Test func cancelOnDisconnectCancelsOpenOrdersNow() throws {
        var venue = try Fixture.venue(cancelOnDisconnect: true)
        try venue.place(order(1, .buy, .limit(100), 5))
        try venue.apply(quote(99, 100, askSize: 2))
        try venue.place(order(2, .buy, .limit(90), 5))
        venue.disconnect()
        #expect(venue.venueState(1) == .canceled)
        #expect(venue.venueState(2) == .canceled)
        #expect(venue.venueOrder(1)?.filled == 2)
        venue.advance(by: .zero)
        #expect(venue.clientState(1) == .venue(.partiallyFilled))  // the report was lost
        venue.reconnect()
        try venue.query(1, latency: .zero)
        venue.advance(by: .zero)
        #expect(venue.clientState(1) == .venue(.canceled))
        #expect(venue.invariantViolations().isEmpty)
    }

    /// `receivedQuotes` (what the differential check observes) is `clientQuote(for:)` of every
    /// instrument, in the configuration's order, skipping those with no quote yet.
    @Test func receivedQuotesAreEachInstrumentsClientQuoteInOrder() throws {
        var venue = try Fixture.venue()
        let symbols = [Fixture.spot, Fixture.other, Fixture.future]
        #expect(venue.receivedQuotes.isEmpty)
        try venue.apply(quote(200, 201, Fixture.other))
        venue.advance(by: .seconds(1))
        #expect(venue.receivedQuotes == symbols.compactMap { venue.clientQuote(for: $0) })
        #expect(venue.receivedQuotes.map(\.quote.symbol) == [Fixture.other])
        try venue.apply(quote(99, 100))
        venue.advance(by: .seconds(1))
        #expect(venue.receivedQuotes == symbols.compactMap { venue.clientQuote(for: $0) })
        #expect(venue.receivedQuotes.map(\.quote.symbol) == [Fixture.spot, Fixture.other])
    }

    @Test func staleBookFreezesTheClientQuoteNotTheVenue() throws {
        var venue = try Fixture.venue()
        try venue.apply(quote(99, 100))
        venue.advance(by: .seconds(1))
        venue.setStaleBook(true)
        try venue.apply(quote(109, 110))
        #expect(venue.clientQuote(for: Fixture.spot) == ClientQuote(quote: quote(99, 100), receivedAt: Fixture.start))
        try venue.place(order(1, .buy, .market, 1))
        #expect(venue.trades == [[110, 1]])
        venue.setStaleBook(false)
        try venue.apply(quote(111, 112))
        #expect(venue.clientQuote(for: Fixture.spot)?.receivedAt == Fixture.start + .seconds(1))
    }

    @Test func negativeAdvanceIsClampedToZero() throws {
        var venue = try Fixture.venue()
        try venue.submit(order(1, .buy, .limit(100), 1), latency: .zero, randomReject: false)
        venue.advance(by: .seconds(-5))
        #expect(venue.now == Fixture.start)
        #expect(venue.venueState(1) == .accepted)
    }

    @Test func sameInputsGiveTheSameFillLog() throws {
        func run() throws -> ([Fill], AccountSnapshot) {
            var venue = try Fixture.venue(maker: -2, taker: 7, slippage: .fixed(15), participation: 2_500)
            var choices = SeededChoices(seed: 7)
            for step in UInt64(1)...300 {
                let price = 1_000 + Int64(choices.choose(upTo: 40))
                let side: Side = choices.choose(upTo: 1) == 0 ? .buy : .sell
                let type: OrderType = [.market, .limit(Ticks(price)), .stop(trigger: Ticks(price))][Int(choices.choose(upTo: 2))]
                try? venue.submit(
                    order(step, side, type, 1 + Int64(choices.choose(upTo: 9)), Fixture.future),
                    latency: latency(Int64(choices.choose(upTo: 20)), 3), randomReject: false)
                if step % 3 == 0 { try venue.apply(quote(price - 1, price + 1, bidSize: 4, askSize: 4, Fixture.future)) }
                if step % 5 == 0 { try venue.apply(bar(price, price + 8, price - 8, price + 1, volume: 100, sigma: 50, Fixture.future)) }
                venue.advance(by: .milliseconds(7))
                #expect(venue.invariantViolations().isEmpty)
            }
            return (venue.fills, venue.account)
        }
        let first = try run()
        #expect(!first.0.isEmpty)
        #expect(try run() == first)
    }
}
