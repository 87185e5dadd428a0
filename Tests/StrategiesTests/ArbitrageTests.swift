import ExchangeVocabulary
import Strategies
import StrategyVocabulary
import Testing
import TradingVocabulary

/// Simple arbitrage on hand-written sequences (the differential check covers the rest).
@Suite struct ArbitrageTests {
    static let valid = ArbitrageParameters(symbol: FactoryTests.symbol, quantity: 2, feeA: 1, feeB: 1, minimumProfit: 1, legTimeout: 10)

    static func book(_ venue: VenueID, _ bid: Int64, _ ask: Int64) -> StrategyEvent {
        .book(venue, BookTicker(bid: Ticks(bid), bidSize: 1, ask: Ticks(ask), askSize: 1))
    }

    static func order(_ id: UInt64, _ venue: VenueID, _ side: Side, _ quantity: Int64, _ limit: Int64?, _ purpose: OrderPurpose) -> StrategyOrder {
        StrategyOrder(
            id: ClientOrderID(id), venue: venue, symbol: FactoryTests.symbol, side: side, quantity: Lots(quantity), limit: limit.map { Ticks($0) },
            purpose: purpose)
    }

    func run(_ events: [StrategyEvent], on machine: inout Arbitrage) -> [StrategyStep] {
        events.map { event in
            var step = StrategyStep()
            machine.handle(event, into: &step)
            return step
        }
    }

    @Test func aSpreadAtTheThresholdIsNotAnOpportunityOneTickMoreIs() throws {
        var machine = try StrategyFactory.arbitrage(Self.valid)
        let steps = run([Self.book(.a, 100, 101), Self.book(.b, 104, 105), Self.book(.b, 105, 106)], on: &machine)
        #expect(steps[1].placed.isEmpty)  // 104 − 101 = 3: not more than the fees and the profit
        #expect(steps[2].placed == [Self.order(1, .a, .buy, 2, 101, .leg), Self.order(2, .b, .sell, 2, 105, .leg)])
        #expect(machine.phase == .executing)
    }

    @Test func bothLegsFilledCompletes() throws {
        var machine = try StrategyFactory.arbitrage(Self.valid)
        _ = run(
            [Self.book(.a, 100, 101), Self.book(.b, 105, 106), .order(.filled(1, quantity: 2, price: 101)), .order(.filled(2, quantity: 2, price: 105))],
            on: &machine)
        #expect(machine.phase == .completed)
        #expect(machine.positionA == 2 && machine.positionB == -2)
    }

    @Test func oneLegFilledAndTheOtherRejectedIsUnwound() throws {
        var machine = try StrategyFactory.arbitrage(Self.valid)
        let steps = run(
            [
                Self.book(.a, 100, 101), Self.book(.b, 105, 106), .order(.filled(1, quantity: 2, price: 101)), .order(.rejected(2, .venue)),
                .order(.filled(3, quantity: 2, price: 100)),
            ],
            on: &machine)
        #expect(steps[3].transitions == [PhaseTransition(.executing, .closing)])
        #expect(steps[3].placed == [Self.order(3, .a, .sell, 2, nil, .flatten)])
        #expect(machine.phase == .completed)
        #expect(machine.positionA == 0)
    }

    @Test func theTimeoutCancelsAPartlyFilledLegAndItsPartner() throws {
        var machine = try StrategyFactory.arbitrage(Self.valid)
        let steps = run(
            [
                Self.book(.a, 100, 101), Self.book(.b, 105, 106), .order(.filled(2, quantity: 1, price: 105)), .timer(9), .timer(10), .order(.canceled(1)),
                .order(.canceled(2)),
            ],
            on: &machine)
        #expect(steps[3].actions.isEmpty)
        #expect(steps[4].actions == [.cancel(1, .a), .cancel(2, .b)])
        // B sold one lot and A bought none: the lot is bought back on B, where it is short.
        #expect(steps[6].placed == [Self.order(3, .b, .buy, 1, nil, .flatten)])
        #expect(machine.phase == .closing)
    }

    @Test func factoryReportsEveryProblem() {
        var bad = Self.valid
        bad.quantity = 0
        bad.feeA = -1
        bad.minimumProfit = 0
        bad.legTimeout = -5
        #expect(
            throws: StrategyConfigurationError(
                strategy: .arbitrage,
                problems: [
                    .outOfRange(.quantity, 0, allowed: 1...VenueLimits.maxQuantity.value), .outOfRange(.feeA, -1, allowed: 0...StrategyFactory.maxTicks),
                    .outOfRange(.minimumProfit, 0, allowed: 1...StrategyFactory.maxTicks), .notPositive(.legTimeout, -5),
                ])
        ) { try StrategyFactory.arbitrage(bad) }
    }

    @Test func startNeedsBothVenues() throws {
        let machine = Strategy.arbitrage(try StrategyFactory.arbitrage(Self.valid))
        #expect(throws: StrategyStartError(strategy: .arbitrage, missing: [.exchange(.b)])) {
            try StrategyValidation.validate(machine, listings: [.a: [DriverTests.listing]])
        }
    }
}
