import ExchangeSim
import ExchangeVocabulary
import MarketSim
import Testing
import TradingVocabulary

@Suite struct LifecycleTests {
    @Test func acceptedThenPartiallyFilledThenFilled() throws {
        var venue = try Fixture.venue()
        try venue.submit(order(1, .buy, .limit(100), 10), latency: .zero, randomReject: false)
        #expect(venue.clientState(1) == .sent)
        #expect(venue.venueState(1) == nil)
        venue.advance(by: .zero)
        #expect(venue.venueState(1) == .accepted)
        #expect(venue.clientState(1) == .venue(.accepted))
        try venue.apply(quote(99, 100, askSize: 4))
        #expect(venue.venueState(1) == .partiallyFilled)
        #expect(venue.venueOrder(1)?.filled == 4)
        try venue.apply(quote(99, 100, askSize: 6))
        #expect(venue.venueState(1) == .filled)
        venue.advance(by: .zero)
        #expect(venue.clientOrder(1)?.filled == 10)
        #expect(venue.clientState(1) == .venue(.filled))
    }

    @Test func cancelConfirmedAfterHold() throws {
        var venue = try Fixture.venue()
        try venue.place(order(1, .buy, .limit(100), 10))
        try venue.cancel(1, latency: .zero, hold: .milliseconds(50), refuse: false)
        venue.advance(by: .milliseconds(10))
        #expect(venue.venueState(1) == .pendingCancel)
        #expect(venue.clientState(1) == .venue(.pendingCancel))
        venue.advance(by: .milliseconds(40))
        #expect(venue.venueState(1) == .canceled)
        #expect(venue.clientState(1) == .venue(.canceled))
    }

    @Test func cancelRefusedReturnsToAcceptedOrPartiallyFilled() throws {
        var venue = try Fixture.venue()
        try venue.place(order(1, .buy, .limit(100), 10))
        try venue.place(order(2, .buy, .limit(100), 10))
        try venue.apply(quote(99, 100, askSize: 3))  // #1 takes 3; #2 finds nothing left at 100
        try venue.cancel(1, latency: .zero, hold: .zero, refuse: true)
        try venue.cancel(2, latency: .zero, hold: .zero, refuse: true)
        venue.advance(by: .zero)
        #expect(venue.venueState(1) == .partiallyFilled)
        #expect(venue.venueState(2) == .accepted)
    }

    @Test func fillsContinueWhilePendingCancel() throws {
        var venue = try Fixture.venue()
        try venue.place(order(1, .buy, .limit(100), 10))
        try venue.cancel(1, latency: .zero, hold: .seconds(1), refuse: false)
        venue.advance(by: .zero)
        try venue.apply(quote(99, 100, askSize: 4))
        #expect(venue.venueState(1) == .pendingCancel)
        #expect(venue.venueOrder(1)?.filled == 4)
        try venue.apply(quote(99, 100, askSize: 6))
        #expect(venue.venueState(1) == .filled)
        venue.advance(by: .seconds(1))  // the decision finds it terminal: nothing happens
        #expect(venue.venueState(1) == .filled)
        #expect(venue.clientState(1) == .venue(.filled))
    }

    @Test func cancelOfTerminalOrPendingOrderIsRefusedAtTheVenue() throws {
        var venue = try Fixture.venue()
        try venue.place(order(1, .buy, .limit(100), 10))
        try venue.cancel(1, latency: .zero, hold: .seconds(1), refuse: false)
        try venue.cancel(1, latency: .zero, hold: .zero, refuse: false)  // arrives while PENDING_CANCEL
        venue.advance(by: .zero)
        #expect(venue.venueState(1) == .pendingCancel)
        venue.advance(by: .seconds(1))
        #expect(venue.venueState(1) == .canceled)
        #expect(throws: ClientError.alreadyTerminal(1, .canceled)) { try venue.cancel(1, latency: .zero, hold: .zero, refuse: false) }
    }

    @Test func iocRemainderExpiresAfterItsOnePricing() throws {
        var venue = try Fixture.venue()
        try venue.apply(quote(99, 100, askSize: 4))
        try venue.place(order(1, .buy, .limit(100), 10, ioc: true))
        #expect(venue.venueState(1) == .expired)
        #expect(venue.venueOrder(1)?.filled == 4)
        // Without a quote: waits for the next market event, here a bar's open point only.
        try venue.apply(bar(100, 100, 90, 95))  // clears the quote
        try venue.place(order(2, .buy, .limit(95), 10, ioc: true))
        try venue.apply(bar(100, 101, 90, 95, volume: 400))
        #expect(venue.venueState(2) == .expired)
        #expect(venue.venueOrder(2)?.filled == 0)  // open 100 > 95; the later low is not its point
    }

    @Test func iocStopWaitsForItsTrigger() throws {
        var venue = try Fixture.venue()
        try venue.apply(quote(99, 100))
        try venue.place(order(1, .buy, .stop(trigger: 105), 5, ioc: true))
        #expect(venue.venueState(1) == .accepted)
        try venue.apply(quote(104, 105, askSize: 2))
        #expect(venue.venueOrder(1)?.triggered == true)
        #expect(venue.trades == [[105, 2], [106, 2], [107, 1]])
        #expect(venue.venueState(1) == .filled)
    }

    @Test func terminalOrdersNeverChange() throws {
        var venue = try Fixture.venue()
        try venue.apply(quote(99, 100))
        try venue.place(order(1, .buy, .market, 5))
        #expect(venue.venueState(1) == .filled)
        let before = venue.venueOrders
        try venue.apply(quote(99, 100))
        try venue.apply(bar(100, 110, 90, 100))
        #expect(venue.venueOrders == before)
    }
}

@Suite struct ClientRefusalTests {
    @Test func submitChecksInOrderAndChangesNothing() throws {
        var venue = try Fixture.venue()
        try venue.place(order(1, .buy, .limit(100), 1))
        let before = (venue.clientOrders, venue.pendingMessages)
        #expect(throws: ClientError.invalidQuantity(0)) { try venue.submit(order(2, .buy, .limit(0), 0), latency: .zero, randomReject: false) }
        #expect(throws: ClientError.invalidQuantity(1_000_001)) { try venue.submit(order(2, .buy, .market, 1_000_001), latency: .zero, randomReject: false) }
        #expect(throws: ClientError.invalidPrice(0)) {
            try venue.submit(order(2, .buy, .limit(0), 1, Fixture.symbol("ZZZ")), latency: .zero, randomReject: false)
        }
        #expect(throws: ClientError.invalidPrice(100_000_001)) {
            try venue.submit(order(2, .sell, .stop(trigger: 100_000_001), 1), latency: .zero, randomReject: false)
        }
        #expect(throws: ClientError.unknownSymbol) { try venue.submit(order(1, .buy, .market, 1, Fixture.symbol("ZZZ")), latency: .zero, randomReject: false) }
        #expect(throws: ClientError.idInUse(1)) { try venue.submit(order(1, .buy, .market, 1), latency: .zero, randomReject: false) }
        venue.disconnect()
        #expect(throws: ClientError.disconnected) { try venue.submit(order(2, .buy, .market, 0), latency: .zero, randomReject: false) }
        #expect(venue.clientOrders == before.0)
        #expect(venue.pendingMessages == before.1)
    }

    @Test func resubmitCancelAndQueryRefusals() throws {
        var venue = try Fixture.venue()
        try venue.place(order(1, .buy, .limit(100), 1))
        #expect(throws: ClientError.unknownOrder(9)) { try venue.resubmit(9, latency: .zero, randomReject: false) }
        #expect(throws: ClientError.notResubmittable(1, .venue(.accepted))) { try venue.resubmit(1, latency: .zero, randomReject: false) }
        #expect(throws: ClientError.unknownOrder(9)) { try venue.cancel(9, latency: .zero, hold: .zero, refuse: false) }
        #expect(throws: ClientError.unknownOrder(9)) { try venue.query(9, latency: .zero) }
        venue.disconnect()
        #expect(throws: ClientError.disconnected) { try venue.resubmit(9, latency: .zero, randomReject: false) }
        #expect(throws: ClientError.disconnected) { try venue.cancel(9, latency: .zero, hold: .zero, refuse: false) }
        #expect(throws: ClientError.disconnected) { try venue.query(9, latency: .zero) }
        #expect(venue.pendingMessages == 1)  // only the first submit's deadline timer
    }

    /// A latency leg or a hold is taken from 0 to one day exactly; −1 ns and one day + 1 ns are
    /// refused, on each leg of each request, before anything is sent (no `now + delay` past the
    /// clock's range, no message arriving before it left).
    @Test func latencyAndHoldOutsideZeroToOneDayAreRefused() throws {
        var venue = try Fixture.venue()
        try venue.place(order(1, .buy, .limit(100), 1))
        let day = SimDuration(nanoseconds: VenueLimits.maxLatency)
        let outside = [SimDuration(nanoseconds: -1), day + SimDuration(nanoseconds: 1), SimDuration(nanoseconds: .max)]
        let before = (venue.clientOrders, venue.pendingMessages)
        for leg in outside {
            for latency in [LinkLatency(out: leg, back: .zero), LinkLatency(out: .zero, back: leg)] {
                let refused = ClientError.invalidLatency(latency)
                #expect(throws: refused) { try venue.submit(order(2, .buy, .market, 1), latency: latency, randomReject: false) }
                #expect(throws: refused) { try venue.resubmit(1, latency: latency, randomReject: false) }
                #expect(throws: refused) { try venue.cancel(1, latency: latency, hold: .zero, refuse: false) }
                #expect(throws: refused) { try venue.query(1, latency: latency) }
            }
            #expect(throws: ClientError.invalidHold(leg)) { try venue.cancel(1, latency: .zero, hold: leg, refuse: false) }
        }
        #expect(venue.clientOrders == before.0)
        #expect(venue.pendingMessages == before.1)
        try venue.submit(order(2, .buy, .limit(100), 1), latency: LinkLatency(out: day, back: day), randomReject: false)
        try venue.cancel(1, latency: LinkLatency(out: .zero, back: day), hold: day, refuse: false)
        try venue.query(1, latency: LinkLatency(out: day, back: .zero))
        #expect(venue.pendingMessages == before.1 + 4)  // submit 2 and its deadline, the cancel, the query
    }
}
