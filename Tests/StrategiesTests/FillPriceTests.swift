import ExchangeSim
import ExchangeVocabulary
import MarketSim
@testable import Strategies
import StrategyVocabulary
import Testing
import TradingMachines
import TradingVocabulary

/// Fill prices through the simulated venue: a market order's fills have a price (it was reported
/// as 0: a market order has no limit and the adapter gave no average), and each new fill is
/// reported at its own price, not the order's running average.
@Suite struct FillPriceTests {
    /// A buy of 8 at market against an ask of 5 lots at 102: the venue walks the book, 5 at 102
    /// and 3 at 103.
    func marketBuy() throws -> (SimulatedVenueExchange, ClientOrderID) {
        var exchange = try DriverTests.venue()
        try exchange.publish(BookTicker(bid: 100, bidSize: 5, ask: 102, askSize: 5), for: DriverTests.listing.symbol)
        let id = ClientOrderID(1)
        _ = try exchange.placeMarketOrder(id: id, symbol: DriverTests.listing.symbol, side: .buy, quantity: 8)
        exchange.advance(to: 10)
        return (exchange, id)
    }

    @Test func theVenueReportsTheAveragePriceOfAMarketOrder() throws {
        let (exchange, id) = try marketBuy()
        #expect(exchange.venue.fills.map { "\($0.quantity.value)@\($0.price.value)" } == ["5@102", "3@103"])
        let order = try exchange.order(id)
        // (5 × 102 + 3 × 103) / 8 = 102.375, rounded down; the adapter said nil, and the driver
        // then reported the fill at 0 (a market order has no limit to fall back on).
        #expect(order.filled == 8 && order.state == .filled && order.price == nil)
        #expect(order.averagePrice == 102 && order.fillPriceTotal == 819)
        let venueOrder = try #require(exchange.venue.venueOrders.first { $0.request.id == id })
        #expect(venueOrder.fillPriceTotal == 819 && venueOrder.averagePrice == 102)
        #expect(StrategyDriver<SimulatedVenueExchange>.price(of: 8, order, told: 0) == 102)
    }

    @Test func theDriverReportsEachFillAtItsOwnPrice() throws {
        // 5 lots at 102 reported, then 3 more at 110: 840 in all, 105 on average.
        var later = ExchangeOrder(
            id: ClientOrderID(1), symbol: DriverTests.listing.symbol, side: .buy, quantity: 8, filled: 8, price: nil, averagePrice: 105, state: .filled,
            fillPriceTotal: 840)
        // The 3 lots since: (840 − 510) / 3 = 110, not the running average 105.
        #expect(StrategyDriver<SimulatedVenueExchange>.price(of: 3, later, told: 510) == 110)
        // An exchange that reports no price total: the average, then the limit, then 0.
        later.fillPriceTotal = nil
        #expect(StrategyDriver<SimulatedVenueExchange>.price(of: 3, later, told: 510) == 105)
        later.averagePrice = nil
        later.price = 99
        #expect(StrategyDriver<SimulatedVenueExchange>.price(of: 3, later, told: nil) == 99)
    }

    @Test func theDriverTellsEachPartialFillAtItsOwnPrice() throws {
        let maker = Strategy.marketMaking(try StrategyFactory.marketMaker(FactoryTests.valid))
        var driver = try StrategyDriver(strategy: maker, exchanges: [.a: try DriverTests.venue()])
        let id = ClientOrderID(7)
        driver.known[id] = (.a, .zero, 0)
        var order = ExchangeOrder(
            id: id, symbol: DriverTests.listing.symbol, side: .buy, quantity: 8, filled: 5, price: nil, averagePrice: 102, state: .partiallyFilled,
            fillPriceTotal: 510)
        var reports: [StrategyEvent] = []
        driver.record(order, venue: .a, into: &reports)
        #expect(reports.contains(.order(.filled(id, quantity: 5, price: 102))))
        // Three more at 110: told at 110, not at the running average 105.
        (order.filled, order.averagePrice, order.fillPriceTotal, order.state) = (8, 105, 840, .filled)
        reports.removeAll()
        driver.record(order, venue: .a, into: &reports)
        #expect(reports.contains(.order(.filled(id, quantity: 3, price: 110))), "\(reports)")
        // A stale total (no growth) from some other adapter: the average, never 0.
        driver.known[id] = (.a, 5, 840)
        reports.removeAll()
        driver.record(order, venue: .a, into: &reports)
        #expect(reports.contains(.order(.filled(id, quantity: 3, price: 105))), "\(reports)")
        #expect(StrategyDriver<SimulatedVenueExchange>.price(of: 0, order, told: 0) == 105, "no lots: the average, not a division by 0")
    }
}
