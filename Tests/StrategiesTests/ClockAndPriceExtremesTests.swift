import ExchangeVocabulary
import Strategies
import StrategyModels
import StrategyVocabulary
import Testing
import TradingVocabulary

/// The strategies, and their models alike, at the ends of their number ranges: a leg timeout of
/// `Int64.max` ("never"), legs opened near the end of the clock, and books at the top of the
/// venue's prices and of `Int64`. Each of these trapped before (`now + legTimeout`,
/// `mid + halfSpread`).
@Suite struct ClockAndPriceExtremesTests {
    static func book(_ venue: VenueID, _ bid: Int64, _ ask: Int64) -> StrategyEvent {
        .book(venue, BookTicker(bid: Ticks(bid), bidSize: 1, ask: Ticks(ask), askSize: 1))
    }

    static func arbitrage(legTimeout: Int64) -> ArbitrageParameters {
        ArbitrageParameters(symbol: FactoryTests.symbol, quantity: 2, feeA: 1, feeB: 1, minimumProfit: 1, legTimeout: legTimeout)
    }

    /// Runs `events` through production and the model; both must place the same orders.
    static func arbitrageRun(_ parameters: ArbitrageParameters, _ events: [StrategyEvent]) throws -> (Arbitrage, ArbitrageModel, [StrategyStep]) {
        var machine = try StrategyFactory.arbitrage(parameters)
        var model = ArbitrageModel(parameters: parameters)
        let steps = runProductionAndModel(events, production: { machine.handle($0, into: &$1) }, model: { model.apply($0) })
        return (machine, model, steps)
    }

    @Test func aLegTimeoutOfInt64MaxMeansTheEndOfTheClock() throws {
        let (machine, model, steps) = try Self.arbitrageRun(
            Self.arbitrage(legTimeout: .max), [.timer(1), Self.book(.a, 100, 101), Self.book(.b, 105, 106), .timer(.max - 1), .timer(.max)])
        #expect(steps[2].placed.count == 2)
        #expect(machine.deadline == .max)
        #expect(model.deadline == .max)
        #expect(steps[3].actions.isEmpty)  // one tick before the end: the legs still work
        #expect(steps[4].actions == [.cancel(1, .a), .cancel(2, .b)])  // the end of the clock is the deadline
    }

    @Test func legsOpenedFiveTicksBeforeTheEndOfTheClock() throws {
        let (machine, model, steps) = try Self.arbitrageRun(
            Self.arbitrage(legTimeout: 10), [Self.book(.a, 100, 101), .timer(.max - 5), Self.book(.b, 105, 106), .timer(.max - 1), .timer(.max)])
        #expect(steps[2].placed.count == 2)
        #expect(machine.deadline == .max)
        #expect(model.deadline == .max)
        #expect(steps[3].actions.isEmpty)
        #expect(steps[4].actions == [.cancel(1, .a), .cancel(2, .b)])
    }

    @Test func aHedgeWithALegTimeoutOfInt64MaxOpensItsLegs() throws {
        var parameters = try HedgeTests.parameters(.spotFutures)
        parameters.legTimeout = .max
        var machine = try StrategyFactory.hedge(parameters)
        var model = HedgeModel(parameters: parameters)
        let steps = runProductionAndModel(
            [.timer(5), Self.book(.a, 100, 101), Self.book(.b, 104, 105)], production: { machine.handle($0, into: &$1) }, model: { model.apply($0) })
        #expect(steps[2].placed.count == 2)
        #expect(machine.deadline == .max)
        #expect(model.deadline == .max)
    }

    /// The maker's quotes stay on the venue's price grid: at a mid of `VenueLimits.maxPrice` the
    /// bid is quoted and the ask (two ticks above the top) is not; at the top of `Int64` neither is.
    @Test func quotesStayInsideTheVenuesPrices() throws {
        let top = VenueLimits.maxPrice.value
        let cases: [(BookTicker, [Side])] = [
            (BookTicker(bid: Ticks(top - 1), bidSize: 1, ask: Ticks(top + 1), askSize: 1), [.buy]),
            (BookTicker(bid: Ticks(top - 3), bidSize: 1, ask: Ticks(top - 1), askSize: 1), [.buy, .sell]),  // ask quote at the top exactly
            (BookTicker(bid: Ticks(top - 2), bidSize: 1, ask: Ticks(top), askSize: 1), [.buy]),  // one tick past it
            (BookTicker(bid: Ticks(.max - 1), bidSize: 1, ask: Ticks(.max), askSize: 1), []),
        ]
        for (book, sides) in cases {
            var maker = try StrategyFactory.marketMaker(FactoryTests.valid)
            var model = MarketMakingModel(parameters: FactoryTests.valid)
            var step = StrategyStep()
            maker.handle(.book(.a, book), into: &step)
            let expected = model.apply(.book(.a, book))
            #expect(step.placed.map(\.side) == sides, "\(book)")
            #expect(step.placed == expected.placed, "\(book)")
            #expect(step.placed.allSatisfy { ($0.limit?.value ?? 0) <= top })
        }
    }

    /// A hedge whose books sit at opposite ends of `Int64`: B's mid − A's mid − the fair spread
    /// overflowed. Now the deviation is held to ±`Int64.max`: the calendar opens the way the sign
    /// says, cash and carry only on a rich basis, production and model alike.
    @Test func hedgeBooksAtOppositeEndsOfInt64() throws {
        let top = Self.book(.a, .max - 1, .max)
        let bottom = Self.book(.b, 1, 2)
        let cases: [(HedgeKind, [StrategyEvent], [Side])] = [
            (.calendarSpread, [top, bottom], [.sell, .buy]),  // far below fair: sell A, buy B
            (.calendarSpread, [Self.book(.a, 1, 2), Self.book(.b, .max - 1, .max)], [.buy, .sell]),
            (.spotFutures, [top, bottom], []),  // a negative basis: cash and carry never opens
            (.spotFutures, [Self.book(.a, 1, 2), Self.book(.b, .max - 1, .max)], [.buy, .sell]),
        ]
        for (kind, events, sides) in cases {
            let parameters = try HedgeTests.parameters(kind)
            var machine = try StrategyFactory.hedge(parameters)
            var model = HedgeModel(parameters: parameters)
            let steps = runProductionAndModel(events, production: { machine.handle($0, into: &$1) }, model: { model.apply($0) })
            #expect(steps.flatMap(\.placed).map(\.side) == sides, "\(kind)")
        }
    }
}
