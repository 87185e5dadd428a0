import ExchangeVocabulary
import Strategies
import StrategyVocabulary
import Testing
import TradingVocabulary

/// The market maker's rules on hand-written sequences (the differential check covers the rest).
@Suite struct MarketMakerTests {
    static func book(_ bid: Int64, _ ask: Int64) -> StrategyEvent {
        .book(.a, BookTicker(bid: Ticks(bid), bidSize: 1, ask: Ticks(ask), askSize: 1))
    }

    /// An order of the maker's, as it places them (the symbol of the valid parameters, venue A).
    static func order(_ id: UInt64, _ side: Side, _ quantity: Int64, _ limit: Int64?, _ purpose: OrderPurpose = .quote) -> StrategyOrder {
        StrategyOrder(
            id: ClientOrderID(id), venue: .a, symbol: FactoryTests.symbol, side: side, quantity: Lots(quantity), limit: limit.map { Ticks($0) },
            purpose: purpose)
    }

    func run(_ events: [StrategyEvent], on maker: inout MarketMaker) -> [StrategyStep] {
        events.map { event in
            var step = StrategyStep()
            maker.handle(event, into: &step)
            return step
        }
    }

    @Test func quotesAroundTheMidSkewedByInventory() throws {
        var maker = try StrategyFactory.marketMaker(FactoryTests.valid)
        let steps = run([Self.book(19, 21), .order(.accepted(1)), .order(.accepted(2)), .order(.filled(1, quantity: 1, price: 18))], on: &maker)
        #expect(steps[0].placed == [Self.order(1, .buy, 2, 18), Self.order(2, .sell, 2, 22)])
        #expect(steps[0].transitions == [PhaseTransition(.idle, .analyzing), PhaseTransition(.analyzing, .executing)])
        #expect(steps[2].transitions == [PhaseTransition(.executing, .monitoring)])
        // One lot bought: both quotes are one tick lower, so both are cancelled first.
        #expect(steps[3].actions == [.cancel(1, .a), .cancel(2, .a)])
        #expect(maker.inventory == 1)
        // Once both are gone, the skewed quotes: bid 17 for 2 (room 2), ask 21 for 2.
        let after = run([.order(.canceled(1)), .order(.canceled(2))], on: &maker)
        #expect(after[0].placed.isEmpty)
        #expect(after[1].placed == [Self.order(3, .buy, 2, 17), Self.order(4, .sell, 2, 21)])
    }

    /// In CLOSING a bad book is told (the alert) and changes nothing: the unwind's market
    /// orders need no book. It was dropped without a word.
    @Test func aBadBookWhileClosingRaisesTheAlertAndChangesNothing() throws {
        var maker = try StrategyFactory.marketMaker(FactoryTests.valid)
        let steps = run([Self.book(19, 21), .timer(200), Self.book(21, 19)], on: &maker)
        #expect(steps[1].transitions.last?.to == .closing)
        #expect(steps[2].actions == [.alert(.badBook(.a, BookTicker(bid: 21, bidSize: 1, ask: 19, askSize: 1).problems))])
        #expect(steps[2].transitions.isEmpty && steps[2].placed.isEmpty)
        #expect(maker.phase == .closing)
    }

    @Test func aJumpPastTheVolatilityLimitPullsEveryQuote() throws {
        var maker = try StrategyFactory.marketMaker(FactoryTests.valid)
        let steps = run([Self.book(19, 21), Self.book(26, 28), .order(.canceled(1)), .order(.canceled(2))], on: &maker)
        #expect(steps[1].actions == [.cancel(1, .a), .cancel(2, .a)])
        #expect(maker.pull == .volatility)
        #expect(steps[3].placed.isEmpty)
        #expect(maker.phase == .analyzing)
        // A calm book (a move within the limit) quotes again.
        let calm = run([Self.book(27, 29)], on: &maker)
        #expect(calm[0].placed.count == 2)
    }

    @Test func theEmergencyStopCancelsEveryQuoteAndFlattens() throws {
        var maker = try StrategyFactory.marketMaker(FactoryTests.valid)
        let steps = run([Self.book(19, 21), .order(.filled(2, quantity: 1, price: 22)), .emergencyStop, Self.book(19, 21)], on: &maker)
        // The sell quote's fill moved the wanted prices: both quotes were already being cancelled.
        #expect(steps[1].actions == [.cancel(1, .a), .cancel(2, .a)])
        #expect(steps[2].transitions == [PhaseTransition(.executing, .stopped)])
        #expect(steps[2].actions == [.place(Self.order(3, .buy, 1, nil, .flatten))])
        #expect(steps[3].actions.isEmpty)
    }

    @Test func aCrossedBookIsAnErrorAndTheMakerCloses() throws {
        var maker = try StrategyFactory.marketMaker(FactoryTests.valid)
        let steps = run([Self.book(19, 21), Self.book(21, 21), .timer(1), .order(.canceled(1)), .order(.canceled(2))], on: &maker)
        #expect(steps[1].actions.first == .alert(.badBook(.a, [.crossed(bid: 21, ask: 21)])))
        #expect(steps[1].transitions == [PhaseTransition(.executing, .error)])
        #expect(steps[2].transitions == [PhaseTransition(.error, .closing)])
        #expect(steps[4].transitions == [PhaseTransition(.closing, .completed)])
        #expect(maker.checkInvariants().isEmpty)
    }

    @Test func aFillRacingTheCancelIsCountedAndFlattenedAtTheEnd() throws {
        var maker = try StrategyFactory.marketMaker(FactoryTests.valid)
        let steps = run(
            [Self.book(19, 21), .timer(200), .order(.filled(1, quantity: 2, price: 18)), .order(.canceled(2)), .order(.filled(3, quantity: 2, price: 20))],
            on: &maker)
        #expect(maker.racingFills == 1)
        #expect(steps[3].placed == [Self.order(3, .sell, 2, nil, .flatten)])
        #expect(maker.phase == .completed)
        #expect(maker.inventory == 0)
    }
}
