import ExchangeSim
import ExchangeVocabulary
import MarketSim
import Strategies
import StrategyVocabulary
import Testing
import TradingMachines
import TradingVocabulary

/// The drivers: every order through the risk stack, EMERGENCY_HALT stops the strategy, and on
/// virtual time the same inputs give the same actions, against the simulated venue and the mock.
@Suite struct DriverTests {
    static let listing = ExchangeSymbol(symbol: FactoryTests.symbol, base: "BTC", quote: "USD", kind: .spot)

    static func risk() throws -> RiskStack {
        var risk = try RiskStack(portfolioValue: Cents(1_000_000_000))
        risk.enableDryRun()
        return risk
    }

    static func venue() throws -> SimulatedVenueExchange {
        let configuration = VenueConfiguration(
            instruments: [Instrument(symbol: FactoryTests.symbol, kind: .spot, tickValue: 1)], initialCash: Cents(1_000_000),
            fees: FeeSchedule(maker: 0, taker: 0), slippage: .none, participation: BasisPoints(10_000), timeout: .seconds(1), cancelOnDisconnect: false)
        let latency = LinkLatency(out: .milliseconds(3), back: .milliseconds(2))
        return try SimulatedVenueExchange(venue: try SimulatedExchange(configuration: configuration), symbols: [listing], latency: latency)
    }

    /// The adapter refuses a latency leg outside 0 … one day when made and when changed, and a
    /// refused change keeps the latency it had.
    @Test func theVenueAdapterRefusesALatencyOutsideItsBounds() throws {
        var exchange = try Self.venue()
        let day = VenueLimits.maxLatency
        for bad in [LinkLatency(out: SimDuration(nanoseconds: -1), back: .zero), LinkLatency(out: .zero, back: SimDuration(nanoseconds: day + 1))] {
            #expect(throws: ExchangeError.invalidLatency(bad)) { try exchange.setLatency(bad) }
            #expect(throws: ExchangeError.invalidLatency(bad)) { try SimulatedVenueExchange(venue: exchange.venue, symbols: [Self.listing], latency: bad) }
        }
        #expect(exchange.latency == LinkLatency(out: .milliseconds(3), back: .milliseconds(2)))
        let longest = LinkLatency(out: SimDuration(nanoseconds: day), back: SimDuration(nanoseconds: day))
        try exchange.setLatency(longest)
        #expect(exchange.latency == longest)
        // A strategy clock near `Int64.max` ms: the conversion to nanoseconds overflowed; the
        // venue now stops at the end of its own clock.
        exchange.advance(to: .max)
        #expect(exchange.venue.now == SimTime(nanoseconds: VenueLimits.maxTime))
    }

    static func book(_ bid: Int64) -> BookTicker { BookTicker(bid: Ticks(bid), bidSize: 5, ask: Ticks(bid + 2), askSize: 5) }

    /// A session: markets moving, through the maker's quotes at times, the clock past its end.
    static let inputs: [DriverInput] =
        [.market(.a, book(19)), .clock(10), .clock(20), .market(.a, book(23)), .clock(30), .market(.a, book(17)), .clock(40)]
        + (5...25).map { .clock(Int64($0) * 10) } + [.market(.a, book(16)), .clock(300)]

    func session<Exchange: SimulatedMarketExchange>(_ exchange: Exchange, inputs: [DriverInput]) async throws -> (StrategyDriver<Exchange>, RiskStack) {
        let maker = Strategy.marketMaking(try StrategyFactory.marketMaker(FactoryTests.valid))
        let driver = try StrategyDriver(strategy: maker, exchanges: [.a: exchange])
        let stream = AsyncStream<DriverInput> { continuation in
            for input in inputs { continuation.yield(input) }
            continuation.finish()
        }
        return await AsyncStrategyDriver.run(driver, risk: try Self.risk(), inputs: stream)
    }

    @Test func theSameInputsGiveTheSameActionsOnTheSimulatedVenue() async throws {
        let (first, risk) = try await session(try Self.venue(), inputs: Self.inputs)
        let (second, _) = try await session(try Self.venue(), inputs: Self.inputs)
        #expect(first.actions == second.actions)
        #expect(first.actions.count > 4)
        // The end time (200) closed the maker: it flattened through the venue and completed.
        #expect(first.strategy.phase == .completed)
        // The jump to 23 traded through the maker's ask at the venue: inventory, flattened at the end.
        #expect(first.actions.contains { if case .place(let order) = $0 { order.purpose == .flatten } else { false } })
        // Every order went through the risk stack: it holds the symbol's exposure.
        #expect(risk.sectorCaps.totalExposure.value > 0)
    }

    /// A book the venue refuses (crossed here) is counted with the venue's reason, not dropped;
    /// the books before and after it are taken as usual.
    @Test func aBookTheVenueRefusesIsCountedWithItsReason() async throws {
        let crossed = BookTicker(bid: Ticks(25), bidSize: 5, ask: Ticks(20), askSize: 5)
        let inputs: [DriverInput] = [.market(.a, Self.book(19)), .clock(10), .market(.a, crossed), .clock(20), .market(.a, Self.book(21)), .clock(30)]
        let (driver, _) = try await session(try Self.venue(), inputs: inputs)
        #expect(driver.refusedBooks == 1)
        #expect(driver.lastRefusedBook == .invalidBook(FactoryTests.symbol, .crossedQuote(bid: Ticks(25), ask: Ticks(20))))
        let (clean, _) = try await session(try Self.venue(), inputs: Self.inputs)
        #expect(clean.refusedBooks == 0 && clean.lastRefusedBook == nil)
    }

    @Test func aHaltOfTheSuperStateStopsTheStrategy() async throws {
        let (driver, _) = try await session(try Self.venue(), inputs: [.market(.a, Self.book(19)), .clock(10), .halt, .clock(20), .market(.a, Self.book(30))])
        #expect(driver.strategy.phase == .stopped)
        let afterStop = driver.actions.drop { if case .cancel = $0 { false } else { true } }
        #expect(!afterStop.isEmpty)
        #expect(!afterStop.contains { if case .place(let order) = $0 { order.purpose == .quote } else { false } })
    }

    @Test func oneHaltStopsEveryStrategySharingTheStack() throws {
        var risk = try Self.risk()
        var mock = MockExchange(symbols: [Self.listing])
        try mock.setBook(Self.book(19), for: FactoryTests.symbol)
        let listings: [VenueID: MockExchange] = [.a: mock, .b: mock]
        var drivers = [
            try StrategyDriver(strategy: .marketMaking(try StrategyFactory.marketMaker(FactoryTests.valid)), exchanges: listings),
            try StrategyDriver(strategy: .arbitrage(try StrategyFactory.arbitrage(ArbitrageTests.valid)), exchanges: listings),
        ]
        for index in drivers.indices { drivers[index].poll(now: 1, risk: &risk) }
        #expect(drivers.allSatisfy { !$0.strategy.phase.isTerminal })
        risk.halt()
        for index in drivers.indices { drivers[index].poll(now: 2, risk: &risk) }
        #expect(drivers.allSatisfy { $0.strategy.phase == .stopped })
    }

    /// EMERGENCY_HALT stops the maker, and its stop's flatten goes through the stack, which
    /// refuses it in the halt: the inventory stays, and the maker says so (`exposedAfterStop`)
    /// instead of nothing.
    @Test func aHaltThatRefusesTheStopsFlattenRaisesTheAlert() throws {
        var (driver, risk) = try Self.makerHoldingInventory()
        let held = try #require(Self.maker(driver.strategy)).inventory
        #expect(held != 0)
        risk.halt()
        driver.poll(now: 3, risk: &risk)
        #expect(driver.strategy.phase == .stopped)
        #expect(try #require(Self.maker(driver.strategy)).inventory == held)
        #expect(driver.actions.contains(.alert(.exposedAfterStop(inventory: Lots(held)))), "\(driver.actions)")
    }

    @Test func aRiskStackRefusalComesBackAsARejectionAndNothingIsSent() throws {
        var risk = try Self.risk()
        risk.stop()  // trading mode OFF: the stack refuses every order
        var mock = MockExchange(symbols: [Self.listing])
        try mock.setBook(Self.book(19), for: FactoryTests.symbol)
        var driver = try StrategyDriver(strategy: .marketMaking(try StrategyFactory.marketMaker(FactoryTests.valid)), exchanges: [.a: mock])
        driver.poll(now: 1, risk: &risk)
        let maker = try #require(Self.maker(driver.strategy))
        #expect(maker.pull == .risk)
        #expect(maker.live.isEmpty)
        #expect(throws: ExchangeError.unknownOrder(1)) { try driver.exchange(.a)?.order(1) }
    }

    /// A question of `poll` the exchange does not answer (no book yet here) is counted with its
    /// reason, not dropped by `try?`; the strategy keeps what it was told, and the next poll asks
    /// again and is answered.
    @Test func aPollTheExchangeDoesNotAnswerIsCountedWithItsReason() throws {
        var risk = try Self.risk()
        var driver = try StrategyDriver(
            strategy: .marketMaking(try StrategyFactory.marketMaker(FactoryTests.valid)), exchanges: [.a: MockExchange(symbols: [Self.listing])])
        driver.poll(now: 1, risk: &risk)
        driver.poll(now: 2, risk: &risk)
        #expect(driver.failedQueries == 2 && driver.lastFailedQuery == .noBook(FactoryTests.symbol))
        #expect(driver.actions.isEmpty)
        driver.withExchange(.a) { try? $0.setBook(Self.book(19), for: FactoryTests.symbol) }
        driver.poll(now: 3, risk: &risk)
        #expect(driver.failedQueries == 2 && !driver.actions.isEmpty)
        #expect(driver.riskStackErrors == 0 && driver.lastRiskStackError == nil)
    }

    /// A driver keeps its latest actions, bounded, and counts the ones it dropped: the same
    /// session with a limit of 2 keeps the last of the actions an unbounded one records.
    @Test func theActionLogIsBoundedAndCountsWhatItDropped() async throws {
        let (whole, _) = try await session(try Self.venue(), inputs: Self.inputs)
        let maker = Strategy.marketMaking(try StrategyFactory.marketMaker(FactoryTests.valid))
        let small = try StrategyDriver(strategy: maker, exchanges: [.a: try Self.venue()], actionLimit: 2)
        let stream = AsyncStream<DriverInput> { continuation in
            for input in Self.inputs { continuation.yield(input) }
            continuation.finish()
        }
        let (bounded, _) = await AsyncStrategyDriver.run(small, risk: try Self.risk(), inputs: stream)
        #expect(whole.actionsDropped == 0 && whole.actions.count > 4)
        #expect((2..<4).contains(bounded.actions.count))
        #expect(bounded.actionsDropped + bounded.actions.count == whole.actions.count)
        #expect(bounded.actions == Array(whole.actions.suffix(bounded.actions.count)))
    }

    /// A flatten the risk stack keeps refusing (trading mode OFF once the maker holds inventory)
    /// is retried once a call, not in a loop that never returns; when the stack takes orders
    /// again, the next poll flattens and the maker completes. (Before the deferral, the first
    /// poll after the stop never returned.)
    @Test func aFlattenTheStackKeepsRefusingIsRetriedOnceACall() throws {
        var (driver, risk) = try Self.makerHoldingInventory()
        _ = risk.stop()
        let before = driver.actions.count
        driver.poll(now: 200, risk: &risk)  // the end: the maker closes and flattens, refused
        driver.poll(now: 201, risk: &risk)
        let stuck = try #require(Self.maker(driver.strategy))
        #expect(stuck.inventory != 0)
        #expect(driver.refusalsDeferred > 0)
        #expect(driver.refusalsWaiting == 1)  // the retry's refusal, for the next poll
        #expect(driver.actions.count - before < 20, "\(driver.actions.count - before) actions in two polls")
        _ = risk.enableDryRun()
        driver.poll(now: 202, risk: &risk)
        driver.poll(now: 203, risk: &risk)
        #expect(driver.refusalsWaiting == 0)
        #expect(try #require(Self.maker(driver.strategy)).inventory == 0)
        #expect(driver.strategy.phase == .completed)
    }

    /// A maker on the mock exchange whose quote a book through its ask has filled: it holds
    /// inventory, and the stack (dry run) takes orders.
    static func makerHoldingInventory() throws -> (StrategyDriver<MockExchange>, RiskStack) {
        var risk = try Self.risk()
        var mock = MockExchange(symbols: [Self.listing])
        try mock.setBook(Self.book(19), for: FactoryTests.symbol)
        var driver = try StrategyDriver(strategy: .marketMaking(try StrategyFactory.marketMaker(FactoryTests.valid)), exchanges: [.a: mock])
        driver.poll(now: 1, risk: &risk)
        driver.withExchange(.a) { try? $0.setBook(Self.book(23), for: FactoryTests.symbol) }  // through the ask: inventory
        driver.poll(now: 2, risk: &risk)
        return (driver, risk)
    }

    /// The market maker a strategy holds, if it is one.
    static func maker(_ strategy: Strategy) -> MarketMaker? {
        if case .marketMaking(let maker) = strategy { maker } else { nil }
    }

    @Test func aFullCycleWithTheMockCompletes() throws {
        var risk = try Self.risk()
        var mock = MockExchange(symbols: [Self.listing])
        try mock.setBook(Self.book(19), for: FactoryTests.symbol)
        var driver = try StrategyDriver(strategy: .marketMaking(try StrategyFactory.marketMaker(FactoryTests.valid)), exchanges: [.a: mock])
        driver.poll(now: 1, risk: &risk)
        driver.withExchange(.a) { try? $0.setBook(Self.book(23), for: FactoryTests.symbol) }  // through the ask: it fills
        driver.poll(now: 2, risk: &risk)
        driver.poll(now: 200, risk: &risk)
        #expect(driver.strategy.phase == .completed)
        let maker = try #require(Self.maker(driver.strategy))
        #expect(maker.inventory == 0)
        #expect(maker.placed == maker.finished)
    }
}
