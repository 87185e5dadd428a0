import ExchangeVocabulary
import Strategies
import StrategyModels
import StrategyVocabulary
import Testing
import TradingVocabulary

/// The alerts that tell a person what the machine may not fix itself, in arbitrage and the
/// hedges (the market maker's are in `MarketMakerTests` and `DriverTests`), production and
/// model alike: a stop's flatten that ends short, and a bad book while CLOSING.
@Suite struct StopAndClosingAlertsTests {
    static func book(_ venue: VenueID, _ bid: Int64) -> StrategyEvent {
        .book(venue, BookTicker(bid: Ticks(bid), bidSize: 1, ask: Ticks(bid + 1), askSize: 1))
    }

    static let badBook = BookTicker(bid: 0, bidSize: 1, ask: 4, askSize: 1)

    /// Runs `events` through an arbitrage and its model (`runProductionAndModel`).
    static func arbitrage(_ events: [StrategyEvent]) throws -> [StrategyStep] {
        var machine = try StrategyFactory.arbitrage(ArbitrageTests.valid)
        var model = ArbitrageModel(parameters: ArbitrageTests.valid)
        return runProductionAndModel(events, production: { machine.handle($0, into: &$1) }, model: { model.apply($0) })
    }

    static func hedge(_ kind: HedgeKind, _ events: [StrategyEvent]) throws -> [StrategyStep] {
        let parameters = try HedgeTests.parameters(kind)
        var machine = try StrategyFactory.hedge(parameters)
        var model = HedgeModel(parameters: parameters)
        return runProductionAndModel(events, production: { machine.handle($0, into: &$1) }, model: { model.apply($0) })
    }

    /// Both legs filled on A only (2 lots long), the stop unwinds them; the unwind is refused
    /// (the risk stack in EMERGENCY_HALT): `exposedAfterStop` with the 2 lots.
    @Test func arbitrageSaysSoWhenTheStopsUnwindIsRefused() throws {
        let steps = try Self.arbitrage([
            Self.book(.a, 100), Self.book(.b, 105), .order(.filled(1, quantity: 2, price: 101)), .emergencyStop, .order(.rejected(3, .riskStack)),
        ])
        #expect(steps[3].placed.map(\.purpose) == [.flatten])
        #expect(steps[4].actions == [.alert(.exposedAfterStop(inventory: 2))])
    }

    /// A hedge's legs both filled (3 long spot, 3 short futures); the stop flattens each on its
    /// venue; the spot one is rejected: the alert names that leg's 3 lots, not A + B = 0.
    @Test func aHedgesAlertNamesTheLegItsFlattenWasFor() throws {
        let steps = try Self.hedge(
            .spotFutures,
            [
                Self.book(.a, 100), Self.book(.b, 104), .order(.filled(1, quantity: 3, price: 101)), .order(.filled(2, quantity: 3, price: 104)),
                .emergencyStop, .order(.rejected(3, .venue)), .order(.canceled(4)),
            ])
        #expect(steps[4].placed.map(\.venue) == [.a, .b])
        #expect(steps[5].actions == [.alert(.exposedAfterStop(inventory: 3))])
        #expect(steps[6].actions == [.alert(.exposedAfterStop(inventory: -3))])
    }

    /// A flatten that filled completely before a late cancel report leaves nothing to alert on.
    @Test func aFilledFlattenRaisesNothing() throws {
        let steps = try Self.arbitrage([
            Self.book(.a, 100), Self.book(.b, 105), .order(.filled(1, quantity: 2, price: 101)), .emergencyStop,
            .order(.filled(3, quantity: 2, price: 100)), .order(.canceled(3)),
        ])
        #expect(steps[4].actions.isEmpty && steps[5].actions.isEmpty)
    }

    /// A bad book while CLOSING raises its alert and leaves the phase: arbitrage (an error on a
    /// stray report closes it) and the calendar spread (its roll point closes it).
    @Test func aBadBookWhileClosingIsTold() throws {
        let arbitrage = try Self.arbitrage([Self.book(.a, 100), .order(.accepted(9)), .book(.b, Self.badBook)])
        #expect(arbitrage[2].actions.contains(.alert(.badBook(.b, Self.badBook.problems))))
        #expect(arbitrage[2].transitions.first == PhaseTransition(.error, .closing))
        // The spread 110.5 − 100.5 = 10 is 5 over fair: legs out; the roll point (90) closes,
        // asking to cancel them, so CLOSING waits; a bad book then is told.
        let calendar = try Self.hedge(.calendarSpread, [Self.book(.a, 100), Self.book(.b, 110), .timer(90), .book(.a, Self.badBook)])
        #expect(calendar[1].placed.count == 2)
        #expect(calendar[2].transitions.last?.to == .closing)
        #expect(calendar[3].actions == [.alert(.badBook(.a, Self.badBook.problems))])
        #expect(calendar[3].transitions.isEmpty)
    }
}
