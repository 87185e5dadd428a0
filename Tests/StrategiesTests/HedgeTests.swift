import ExchangeVocabulary
import Strategies
import StrategyVocabulary
import Testing
import TradingVocabulary

/// The hedges on hand-written sequences (the differential checks cover the rest).
@Suite struct HedgeTests {
    static func parameters(_ kind: HedgeKind) throws -> HedgeParameters {
        HedgeParameters(
            kind: kind, legA: Symbol("BTC-MAR"), legB: Symbol("BTC-JUN"), quantity: 3, fairSpread: kind == .spotFutures ? 0 : 5, entry: 4, exit: 1,
            tolerance: 1, legTimeout: 10, expiry: 100, rollBuffer: 10)
    }

    static func book(_ venue: VenueID, _ bid: Int64) -> StrategyEvent {
        .book(venue, BookTicker(bid: Ticks(bid), bidSize: 1, ask: Ticks(bid + 1), askSize: 1))
    }

    func run(_ events: [StrategyEvent], on machine: inout Hedge) -> [StrategyStep] {
        events.map { event in
            var step = StrategyStep()
            machine.handle(event, into: &step)
            return step
        }
    }

    @Test func cashAndCarryOpensOnlyOnARichBasis() throws {
        var machine = try StrategyFactory.hedge(try Self.parameters(.spotFutures))
        let steps = run([Self.book(.a, 100), Self.book(.b, 93), Self.book(.b, 103), Self.book(.b, 104)], on: &machine)
        #expect(steps[1].placed.isEmpty)  // a basis of −7: the calendar would sell A; cash and carry never does
        #expect(steps[2].placed.isEmpty)  // 3: below the entry
        #expect(steps[3].placed.map(\.side) == [.buy, .sell])  // 4: buy spot, sell futures
    }

    @Test func aLegShortBeyondTheBandIsRebalancedOnTheLaggingLeg() throws {
        var machine = try StrategyFactory.hedge(try Self.parameters(.spotFutures))
        let steps = run(
            [
                Self.book(.a, 100), Self.book(.b, 104), .order(.filled(1, quantity: 3, price: 101)), .order(.filled(2, quantity: 1, price: 104)), .timer(10),
                .order(.canceled(2)),
            ],
            on: &machine)
        #expect(steps[4].actions == [.cancel(2, .b)])
        // A long 3, B short 1: |A + B| = 2 > the band 1; B is the lagging leg: sell 2 more.
        #expect(
            steps[5].placed.map { ($0.venue, $0.side, $0.quantity, $0.purpose) }.elementsEqual([(VenueID.b, Side.sell, Lots(2), OrderPurpose.rebalance)]) {
                $0 == $1
            })
        #expect(machine.phase == .monitoring)
    }

    @Test func theCalendarClosesAtTheRollPointAndUnwindsBothLegs() throws {
        var machine = try StrategyFactory.hedge(try Self.parameters(.calendarSpread))
        let steps = run(
            [
                Self.book(.a, 100), Self.book(.b, 96), .order(.filled(1, quantity: 3, price: 100)), .order(.filled(2, quantity: 3, price: 97)), .timer(89),
                .timer(90),
            ],
            on: &machine)
        #expect(steps[1].placed.map(\.side) == [.sell, .buy])  // the spread −4 − fair 5 = −9: sell near, buy far
        #expect(steps[4].actions.isEmpty)
        #expect(steps[5].transitions == [PhaseTransition(.monitoring, .closing)])
        #expect(steps[5].placed.map(\.side) == [.buy, .sell])
        #expect(steps[5].placed.allSatisfy { $0.purpose == .flatten && $0.limit == nil })
    }

    @Test func factoryReportsEveryProblem() throws {
        var bad = try Self.parameters(.calendarSpread)
        bad.legB = bad.legA
        bad.exit = 4
        bad.tolerance = 3
        bad.rollBuffer = 100
        #expect(
            throws: StrategyConfigurationError(
                strategy: .calendarSpread,
                problems: [
                    .sameSymbolOnBothLegs(bad.legA), .notBelow(.exit, 4, .entry, 4), .notBelow(.tolerance, 3, .quantity, 3),
                    .outOfRange(.rollBuffer, 100, allowed: 0...99),
                ])
        ) { try StrategyFactory.hedge(bad) }
    }
}
