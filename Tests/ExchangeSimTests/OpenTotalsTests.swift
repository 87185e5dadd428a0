@testable import ExchangeSim
import ExchangeVocabulary
import Testing
import TradingVocabulary

/// The running totals of open orders (the funds checks read them) against the recount that
/// `invariantViolations` makes: they agree on a book with every kind of open order, and one
/// unit off in any of them is reported.
@Suite struct OpenTotalsTests {
    /// Holds 5 spot lots, and rests a spot buy (3 at 90), a spot sell (2 at 120) and a futures
    /// buy (4 at 90).
    func restingBook() throws -> SimulatedExchange {
        var venue = try Fixture.venue(cash: 1_000_000, taker: 100)
        try venue.apply(quote(99, 100))
        try venue.place(order(1, .buy, .market, 5))
        try venue.place(order(2, .buy, .limit(90), 3))
        try venue.place(order(3, .sell, .limit(120), 2))
        try venue.place(order(4, .buy, .limit(90), 4, Fixture.future))
        return venue
    }

    @Test func totalsAddUpEveryKindOfOpenOrder() throws {
        let venue = try restingBook()
        let spot = try #require(venue.instrumentIndex(Fixture.spot))
        let future = try #require(venue.instrumentIndex(Fixture.future))
        #expect(venue.totals.remainders[Int(spot)] == 5)
        #expect(venue.totals.sellRemainders[Int(spot)] == 2)
        #expect(venue.totals.remainders[Int(future)] == 4)
        #expect(venue.totals.sellRemainders[Int(future)] == 0)
        // The spot buy: 3 × 90 × 1 ¢, plus the 1% taker fee on it, rounded up.
        #expect(venue.totals.spotBuyReservations == 270 + 3)
        #expect(venue.invariantViolations().isEmpty)
        #expect(venue.totalsMatchRecount())
    }

    @Test func oneUnitOffInAnyTotalIsReported() throws {
        let venue = try restingBook()
        let spot = Int(try #require(venue.instrumentIndex(Fixture.spot)))
        let future = Int(try #require(venue.instrumentIndex(Fixture.future)))
        let breaks: [(String, (inout OpenTotals) -> Void)] = [
            ("a spot remainder", { $0.remainders[spot] += 1 }),
            ("a futures remainder", { $0.remainders[future] -= 1 }),
            ("a sell remainder", { $0.sellRemainders[spot] -= 1 }),
            ("a sell remainder where none rests", { $0.sellRemainders[future] += 1 }),
            ("the spot buy reservations", { $0.spotBuyReservations += 1 }),
        ]
        for (what, change) in breaks {
            var broken = venue
            change(&broken.totals)
            #expect(!broken.totalsMatchRecount(), "\(what)")
            #expect(broken.invariantViolations().contains(.openTotals), "\(what)")
        }
    }

    @Test func totalsFollowFillsAndCancels() throws {
        var venue = try restingBook()
        try venue.apply(quote(89, 90))  // fills the spot buy at 90
        try venue.cancel(ClientOrderID(3), latency: .zero, hold: .zero, refuse: false)
        venue.advance(by: .zero)
        #expect(venue.venueState(2) == .filled)
        #expect(venue.venueState(3) == .canceled)
        let spot = Int(try #require(venue.instrumentIndex(Fixture.spot)))
        #expect(venue.totals.remainders[spot] == 0)
        #expect(venue.totals.sellRemainders[spot] == 0)
        #expect(venue.totals.spotBuyReservations == 0)
        #expect(venue.invariantViolations().isEmpty)
    }
}
