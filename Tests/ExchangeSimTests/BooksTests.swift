import ExchangeSim
import ExchangeVocabulary
import MarketSim
import Testing
import TradingVocabulary

@Suite struct BooksTests {
    /// Fills at chosen prices: each quote fills the one resting order at its ask or bid.
    func trade(_ venue: inout SimulatedExchange, _ id: UInt64, _ side: Side, _ quantity: Int64, at price: Int64, _ symbol: Symbol) throws {
        try venue.apply(side == .buy ? quote(price - 1, price, symbol) : quote(price, price + 1, symbol))
        try venue.place(order(id, side, .market, quantity, symbol))
    }

    @Test func partialCloseRemovesCostTruncatedTowardZero() throws {
        var venue = try Fixture.venue(cash: 10_000)
        try trade(&venue, 1, .buy, 1, at: 100, Fixture.spot)
        try trade(&venue, 2, .buy, 2, at: 101, Fixture.spot)  // position 3, cost 302
        try trade(&venue, 3, .sell, 1, at: 110, Fixture.spot)  // removed ⌊302 / 3⌋ = 100, realized 10
        #expect(venue.holding(Fixture.spot) == HoldingSnapshot(symbol: Fixture.spot, position: 2, cost: 202, realized: 10, mark: 110))
        // Spot cash: 10 000 − 100 − 202 + 110.
        #expect(venue.account.cash == 9_808)
        #expect(venue.invariantViolations().isEmpty)
    }

    @Test func shortCostTruncatesTowardZeroAndThroughFlatOpensTheOtherSide() throws {
        var venue = try Fixture.venue(cash: 100_000)
        let future = Fixture.future  // tick value 10
        try trade(&venue, 1, .sell, 1, at: 100, future)
        try trade(&venue, 2, .sell, 2, at: 101, future)  // position −3, cost −3 020
        try trade(&venue, 3, .buy, 1, at: 90, future)  // removed −3 020 / 3 = −1 006 (toward zero); realized −900 + 1 006 = 106
        #expect(venue.holding(future) == HoldingSnapshot(symbol: future, position: -2, cost: -2_014, realized: 106, mark: 90))
        try trade(&venue, 4, .buy, 5, at: 95, future)  // closes 2: removed −2 014, realized += −1 900 + 2 014 = 114; opens +3 at 95
        #expect(venue.holding(future) == HoldingSnapshot(symbol: future, position: 3, cost: 2_850, realized: 220, mark: 95))
        // Futures cash moves only by realized PnL (and fees): 100 000 + 220.
        #expect(venue.account.cash == 100_220)
        #expect(venue.invariantViolations().isEmpty)
    }

    @Test func spotCashPaysNotionalAndFees() throws {
        var venue = try Fixture.venue(cash: 10_000, taker: 100)  // 1%
        try trade(&venue, 1, .buy, 10, at: 101, Fixture.spot)  // 1 010 + ⌈10.1⌉ = 11
        #expect(venue.account.cash.value == 10_000 - 1_010 - 11)
        #expect(venue.account.feesPaid == 11)
        try trade(&venue, 2, .sell, 10, at: 99, Fixture.spot)  // +990 − ⌈9.9⌉ = 10
        #expect(venue.account.cash.value == 8_979 + 990 - 10)
        #expect(venue.holding(Fixture.spot) == HoldingSnapshot(symbol: Fixture.spot, position: 0, cost: 0, realized: -20, mark: 99))
        #expect(venue.invariantViolations().isEmpty)
    }

    @Test func holdingsListOnlyTradedSymbolsSortedBySymbol() throws {
        var venue = try Fixture.venue()
        try trade(&venue, 1, .buy, 1, at: 100, Fixture.other)
        try trade(&venue, 2, .buy, 1, at: 100, Fixture.spot)
        #expect(venue.account.holdings.map(\.symbol) == [Fixture.spot, Fixture.other])
    }

    @Test func fillLogCanBeOffOrTrimmedWithoutTouchingTheBooks() throws {
        var kept = try Fixture.venue()
        var unlogged = try SimulatedExchange(configuration: Fixture.configuration(), keepsFillLog: false)
        for venue in [0, 1] {
            if venue == 0 { try trade(&kept, 1, .buy, 3, at: 100, Fixture.spot) } else { try trade(&unlogged, 1, .buy, 3, at: 100, Fixture.spot) }
        }
        #expect(unlogged.fills.isEmpty)
        #expect(unlogged.account == kept.account)
        kept.removeFills(through: 1)
        #expect(kept.fills.isEmpty)
        #expect(kept.invariantViolations().isEmpty)
    }

    @Test func configurationErrorsAreTyped() {
        var configuration = Fixture.configuration()
        configuration.instruments = []
        #expect(throws: VenueConfigurationError.noInstruments) { try SimulatedExchange(configuration: configuration) }
        configuration = Fixture.configuration()
        configuration.instruments.append(Instrument(symbol: Fixture.spot, kind: .spot, tickValue: 1))
        #expect(throws: VenueConfigurationError.duplicateSymbol(Fixture.spot)) { try SimulatedExchange(configuration: configuration) }
        configuration = Fixture.configuration()
        configuration.instruments[0].tickValue = 101
        #expect(throws: VenueConfigurationError.invalidTickValue(Fixture.spot, 101)) { try SimulatedExchange(configuration: configuration) }
        #expect(throws: VenueConfigurationError.invalidFeeRate(1_001)) { try SimulatedExchange(configuration: Fixture.configuration(taker: 1_001)) }
        #expect(throws: VenueConfigurationError.invalidParticipation(0)) { try SimulatedExchange(configuration: Fixture.configuration(participation: 0)) }
        #expect(throws: VenueConfigurationError.invalidSlippage(.fixed(1_001))) {
            try SimulatedExchange(configuration: Fixture.configuration(slippage: .fixed(1_001)))
        }
        #expect(throws: VenueConfigurationError.negativeTimeout(.milliseconds(-1))) {
            try SimulatedExchange(configuration: Fixture.configuration(timeout: .milliseconds(-1)))
        }
        #expect(throws: VenueConfigurationError.negativeCash(-1)) { try SimulatedExchange(configuration: Fixture.configuration(cash: -1)) }
        // The largest values the books and the clock stay exact with, and one unit beyond.
        let day = SimDuration(nanoseconds: VenueLimits.maxTimeout)
        #expect(throws: Never.self) { try SimulatedExchange(configuration: Fixture.configuration(timeout: day)) }
        #expect(throws: VenueConfigurationError.timeoutTooLong(day + SimDuration(nanoseconds: 1))) {
            try SimulatedExchange(configuration: Fixture.configuration(timeout: day + SimDuration(nanoseconds: 1)))
        }
        #expect(throws: VenueConfigurationError.timeoutTooLong(SimDuration(nanoseconds: .max))) {
            try SimulatedExchange(configuration: Fixture.configuration(timeout: SimDuration(nanoseconds: .max)))
        }
        #expect(throws: Never.self) { try SimulatedExchange(configuration: Fixture.configuration(cash: VenueLimits.maxCash.value)) }
        #expect(throws: VenueConfigurationError.cashTooLarge(Cents(VenueLimits.maxCash.value + 1))) {
            try SimulatedExchange(configuration: Fixture.configuration(cash: VenueLimits.maxCash.value + 1))
        }
        var atTheEnd = Fixture.configuration()
        atTheEnd.start = SimTime(nanoseconds: VenueLimits.maxTime)
        #expect(throws: Never.self) { try SimulatedExchange(configuration: atTheEnd) }
        atTheEnd.start = SimTime(nanoseconds: VenueLimits.maxTime + 1)
        #expect(throws: VenueConfigurationError.startTooLate(atTheEnd.start)) { try SimulatedExchange(configuration: atTheEnd) }
    }

    @Test func badMarketDataChangesNothing() throws {
        var venue = try Fixture.venue()
        try venue.place(order(1, .buy, .limit(100), 5))
        let before = (venue.venueOrders, venue.fills, venue.account, venue.clientQuote(for: Fixture.spot))
        #expect(throws: MarketDataError.unknownSymbol) { try venue.apply(quote(99, 100, Fixture.symbol("ZZZ"))) }
        #expect(throws: MarketDataError.invalidPrice(0)) { try venue.apply(quote(0, 100)) }
        #expect(throws: MarketDataError.invalidSize(0)) { try venue.apply(quote(99, 100, bidSize: 0)) }
        #expect(throws: MarketDataError.crossedQuote(bid: 100, ask: 100)) { try venue.apply(quote(100, 100)) }
        #expect(throws: MarketDataError.invalidPrice(100_000_001)) { try venue.apply(bar(99, 100_000_001, 90, 95)) }
        #expect(throws: MarketDataError.invalidSize(-1)) { try venue.apply(bar(99, 100, 90, 95, volume: -1)) }
        #expect(throws: MarketDataError.inconsistentBar) { try venue.apply(bar(99, 98, 90, 95)) }
        #expect(throws: MarketDataError.invalidSigma(10_001)) { try venue.apply(bar(99, 100, 90, 95, sigma: 10_001)) }
        #expect(venue.venueOrders == before.0)
        #expect(venue.fills == before.1)
        #expect(venue.account == before.2)
        #expect(venue.clientQuote(for: Fixture.spot) == before.3)
    }
}
