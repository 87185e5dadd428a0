import TradingMachines
import TradingVocabulary

/// A ``RiskGovernor`` that wraps another, `inner`, and forwards to it every call it does not
/// write itself: a stack that changes one rule of the project's (a user's policy on top of it, a
/// test's stack that refuses or throws) is the calls it changes and nothing else.
public protocol ForwardingRiskGovernor: RiskGovernor {
    associatedtype Inner: RiskGovernor
    /// The stack every other call goes to.
    var inner: Inner { get set }
    /// Wraps `inner`.
    init(wrapping inner: Inner)
}

extension ForwardingRiskGovernor {
    public init(portfolioValue: Cents, table: SymbolSectorTable) throws {
        self.init(wrapping: try Inner(portfolioValue: portfolioValue, table: table))
    }

    public mutating func submit(_ request: OrderRequest) throws -> RiskDecision { try inner.submit(request) }
    public func cycle() -> [ExitOrder] { inner.cycle() }
    public var isForcedUnwind: Bool { inner.isForcedUnwind }
    public mutating func setForcedUnwind(_ forced: Bool) { inner.setForcedUnwind(forced) }
    public func holds(_ symbol: Symbol) -> Bool { inner.holds(symbol) }
    public mutating func setPortfolioValue(_ value: Cents) throws { try inner.setPortfolioValue(value) }
    public mutating func close(_ symbol: Symbol) throws { try inner.close(symbol) }
    public mutating func adopt(_ symbol: Symbol, value: Cents) throws { try inner.adopt(symbol, value: value) }
    public mutating func markToMarket(_ symbol: Symbol, value: Cents) throws { try inner.markToMarket(symbol, value: value) }
    public mutating func mark(_ symbol: Symbol, unrealizedPnL: Cents) throws { try inner.mark(symbol, unrealizedPnL: unrealizedPnL) }
    public mutating func update(volatility: Double, drawdown: Double, liquidity: Double) throws {
        try inner.update(volatility: volatility, drawdown: drawdown, liquidity: liquidity)
    }
    public var portfolioState: PortfolioState { inner.portfolioState }
    public var lastClassification: PortfolioState? { inner.lastClassification }
    public var portfolioTransitions: [SuperStateTransition] { inner.portfolioTransitions }
    public var portfolioTransitionsDropped: Int { inner.portfolioTransitionsDropped }
    public mutating func halt() -> Bool { inner.halt() }
    public mutating func resume() throws { try inner.resume() }
    public mutating func enableDryRun() { inner.enableDryRun() }
    public mutating func goLive(confirmed: Bool) { inner.goLive(confirmed: confirmed) }
    public var tradingModeState: TradingModeState { inner.tradingModeState }
    public var isTradingHalted: Bool { inner.isTradingHalted }
    public var tradingModeTransitions: [TradingModeTransition] { inner.tradingModeTransitions }
    public var tradingModeTransitionsDropped: Int { inner.tradingModeTransitionsDropped }
    public func exposure(of sector: Sector) -> Cents { inner.exposure(of: sector) }
    public func health(of sector: Sector) -> SectorHealth { inner.health(of: sector) }
    public func hardCap(of sector: Sector) -> BasisPoints { inner.hardCap(of: sector) }
    public var sectorPortfolioValue: Cents? { inner.sectorPortfolioValue }
}
