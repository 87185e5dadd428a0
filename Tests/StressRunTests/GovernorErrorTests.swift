import MarketSim
import StressRun
import Testing
import TradingVocabulary

/// A `RiskGovernor` that throws from `submit` instead of deciding: the executor records each such
/// order as a rejection by the `riskStackError` layer (it was once dropped without a word).
@Suite struct GovernorErrorTests {
    struct OutOfService: Error, CustomStringConvertible {
        var description: String { "the risk service is out of service" }
    }

    /// The project's stack for everything but `submit`, which throws.
    struct ThrowingGovernor: RiskGovernor {
        var inner: RiskStackGovernor

        init(portfolioValue: Cents, table: SymbolSectorTable) throws {
            inner = try RiskStackGovernor(portfolioValue: portfolioValue, table: table)
        }

        mutating func submit(_ request: OrderRequest) throws -> RiskDecision { throw OutOfService() }
        func cycle() -> [ExitOrder] { inner.cycle() }
        var isForcedUnwind: Bool { inner.isForcedUnwind }
        mutating func setForcedUnwind(_ forced: Bool) { inner.setForcedUnwind(forced) }
        func holds(_ symbol: Symbol) -> Bool { inner.holds(symbol) }
        mutating func setPortfolioValue(_ value: Cents) throws { try inner.setPortfolioValue(value) }
        mutating func close(_ symbol: Symbol) throws { try inner.close(symbol) }
        mutating func adopt(_ symbol: Symbol, value: Cents) throws { try inner.adopt(symbol, value: value) }
        mutating func markToMarket(_ symbol: Symbol, value: Cents) throws { try inner.markToMarket(symbol, value: value) }
        mutating func mark(_ symbol: Symbol, unrealizedPnL: Cents) throws { try inner.mark(symbol, unrealizedPnL: unrealizedPnL) }
        mutating func update(volatility: Double, drawdown: Double, liquidity: Double) throws {
            try inner.update(volatility: volatility, drawdown: drawdown, liquidity: liquidity)
        }
        var portfolioState: PortfolioState { inner.portfolioState }
        var lastClassification: PortfolioState? { inner.lastClassification }
        var portfolioTransitions: [SuperStateTransition] { inner.portfolioTransitions }
        mutating func halt() -> Bool { inner.halt() }
        mutating func resume() throws { try inner.resume() }
        mutating func enableDryRun() { inner.enableDryRun() }
        mutating func goLive(confirmed: Bool) { inner.goLive(confirmed: confirmed) }
        var tradingModeState: TradingModeState { inner.tradingModeState }
        var isTradingHalted: Bool { inner.isTradingHalted }
        var tradingModeTransitions: [TradingModeTransition] { inner.tradingModeTransitions }
        func exposure(of sector: Sector) -> Cents { inner.exposure(of: sector) }
        func health(of sector: Sector) -> SectorHealth { inner.health(of: sector) }
        func hardCap(of sector: Sector) -> BasisPoints { inner.hardCap(of: sector) }
        var sectorPortfolioValue: Cents? { inner.sectorPortfolioValue }
    }

    /// The project's stack, but it refuses every mark to market and every conditions update.
    struct RefusingGovernor: RiskGovernor {
        var inner: ThrowingGovernor

        init(portfolioValue: Cents, table: SymbolSectorTable) throws {
            inner = try ThrowingGovernor(portfolioValue: portfolioValue, table: table)
        }

        mutating func submit(_ request: OrderRequest) throws -> RiskDecision { try inner.inner.submit(request) }
        func cycle() -> [ExitOrder] { inner.cycle() }
        var isForcedUnwind: Bool { inner.isForcedUnwind }
        mutating func setForcedUnwind(_ forced: Bool) { inner.setForcedUnwind(forced) }
        func holds(_ symbol: Symbol) -> Bool { inner.holds(symbol) }
        mutating func setPortfolioValue(_ value: Cents) throws { try inner.setPortfolioValue(value) }
        mutating func close(_ symbol: Symbol) throws { try inner.close(symbol) }
        mutating func adopt(_ symbol: Symbol, value: Cents) throws { try inner.adopt(symbol, value: value) }
        mutating func markToMarket(_ symbol: Symbol, value: Cents) throws { throw OutOfService() }
        mutating func mark(_ symbol: Symbol, unrealizedPnL: Cents) throws { try inner.mark(symbol, unrealizedPnL: unrealizedPnL) }
        mutating func update(volatility: Double, drawdown: Double, liquidity: Double) throws { throw OutOfService() }
        var portfolioState: PortfolioState { inner.portfolioState }
        var lastClassification: PortfolioState? { inner.lastClassification }
        var portfolioTransitions: [SuperStateTransition] { inner.portfolioTransitions }
        mutating func halt() -> Bool { inner.halt() }
        mutating func resume() throws { try inner.resume() }
        mutating func enableDryRun() { inner.enableDryRun() }
        mutating func goLive(confirmed: Bool) { inner.goLive(confirmed: confirmed) }
        var tradingModeState: TradingModeState { inner.tradingModeState }
        var isTradingHalted: Bool { inner.isTradingHalted }
        var tradingModeTransitions: [TradingModeTransition] { inner.tradingModeTransitions }
        func exposure(of sector: Sector) -> Cents { inner.exposure(of: sector) }
        func health(of sector: Sector) -> SectorHealth { inner.health(of: sector) }
        func hardCap(of sector: Sector) -> BasisPoints { inner.hardCap(of: sector) }
        var sectorPortfolioValue: Cents? { inner.sectorPortfolioValue }
    }

    /// The calls that keep the stack in line with the books, refused: each refusal is in the
    /// record (they were dropped by `try?`), once per bar it happens, with the symbol it was about.
    @Test func aGovernorThatRefusesToBeReconciledIsLoggedNotDropped() throws {
        let entry = try #require(ScenarioLibrary.named("btc-2021-05-19"))
        var choices = SeededChoices(seed: entry.seed)
        let record = try ScenarioExecutor().run(entry.scenario, strategy: BuyTheDipStrategy(), stack: RefusingGovernor.self, choices: &choices)
        let refusals = record.stackRefusals
        let updates = refusals.filter { $0.call == .updateConditions }
        #expect(updates.count == record.steps.count, "one refused update a bar")
        #expect(updates.allSatisfy { $0.symbol == nil && $0.error == "the risk service is out of service" })
        let marks = refusals.filter { $0.call == .markToMarket }
        #expect(!marks.isEmpty, "buy-the-dip holds something in this crash")
        #expect(marks.allSatisfy { $0.symbol.map(record.symbols.contains) == true })
        #expect(Set(refusals.map(\.call)) == [.updateConditions, .markToMarket])
        // The project's own stack refuses none of them.
        var again = SeededChoices(seed: entry.seed)
        #expect(try ScenarioExecutor().run(entry.scenario, strategy: BuyTheDipStrategy(), choices: &again).stackRefusals.isEmpty)
    }

    @Test func aGovernorThatThrowsOnSubmitIsRecordedAsARejectionNotDropped() throws {
        let entry = try #require(ScenarioLibrary.named("btc-2021-05-19"))
        var choices = SeededChoices(seed: entry.seed)
        let record = try ScenarioExecutor().run(entry.scenario, strategy: BuyTheDipStrategy(), stack: ThrowingGovernor.self, choices: &choices)
        let thrown = record.rejections.filter { $0.layer == .riskStackError }
        #expect(!thrown.isEmpty, "buy-the-dip tries to buy in this crash")
        #expect(thrown.allSatisfy { $0.reason == .stackError("the risk service is out of service") && $0.side == .buy })
        #expect(record.sentOrders.isEmpty, "nothing the stack never decided reaches the venue")
        #expect(record.rejectionsByLayer.contains { $0.layer == .riskStackError && $0.count == thrown.count })
        // The project's own stack decides every order: no such rejection.
        var again = SeededChoices(seed: entry.seed)
        let decided = try ScenarioExecutor().run(entry.scenario, strategy: BuyTheDipStrategy(), choices: &again)
        #expect(!decided.rejections.contains { $0.layer == .riskStackError })
        #expect(!decided.sentOrders.isEmpty)
    }
}
