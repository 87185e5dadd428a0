import TradingMachines
import TradingVocabulary

/// A risk stack as the scenario executor drives and reads it: the protocol through which a stack
/// is stress-run and certified (`docs/certification.md`, "Certifying your own risk stack").
///
/// The executor *drives* it — order requests, the market conditions it computes, the books it
/// reconciles with the venue, the emergency halt and the operator's switches — and *reads* it:
/// the portfolio state and trading mode with their transitions (the safety properties are
/// judged on them), positions, and sector exposure, health and hard caps. The project's
/// ``RiskStack`` is run through ``RiskStackGovernor``; a user's stack conforms by mapping its own
/// machines onto these operations, and is then run by ``ScenarioExecutor`` (`run(…, stack:)`)
/// and certified by a `CertificationRun` whose `riskStack` is its type.
///
/// Refusals are the stack's business, and the executor records them: an order `submit` throws
/// on is a rejection by the `riskStackError` layer, and a refused reconciliation call (a mark,
/// a close, the portfolio value, the conditions) is a `stackRefusal` event. An input the stack
/// refuses must change nothing.
///
/// To change a few calls of an existing stack (a test's faulty stack, a policy on top of the
/// project's), conform to ``ForwardingRiskGovernor``: every call you do not write is forwarded.
public protocol RiskGovernor: Sendable {
    /// A fresh stack for a portfolio of `portfolioValue`, symbols mapped to sectors by `table`,
    /// its trading mode OFF.
    init(portfolioValue: Cents, table: SymbolSectorTable) throws

    // MARK: Orders and exits

    /// Decides an order that adds exposure: routed to the exchange (LIVE), to the simulation
    /// (DRY_RUN), or rejected with the layer's reason. An accepted order's exposure is booked.
    mutating func submit(_ request: OrderRequest) throws -> RiskDecision
    /// The exits position management wants now (DRAIN, FORCED_UNWIND).
    func cycle() -> [ExitOrder]
    /// Whether every position is being unwound.
    var isForcedUnwind: Bool { get }
    mutating func setForcedUnwind(_ forced: Bool)
    /// Whether the stack holds a position in `symbol`.
    func holds(_ symbol: Symbol) -> Bool

    // MARK: The books, reconciled with the venue every step

    mutating func setPortfolioValue(_ value: Cents) throws
    /// The position is gone at the venue.
    mutating func close(_ symbol: Symbol) throws
    /// A position the venue holds and the stack does not know yet.
    mutating func adopt(_ symbol: Symbol, value: Cents) throws
    mutating func markToMarket(_ symbol: Symbol, value: Cents) throws
    mutating func mark(_ symbol: Symbol, unrealizedPnL: Cents) throws

    // MARK: Market conditions and the portfolio state

    /// This step's volatility, drawdown and liquidity (each clamped into its range).
    mutating func update(volatility: Double, drawdown: Double, liquidity: Double) throws
    /// NORMAL, STRESSED, CRISIS, RECOVERY or EMERGENCY_HALT.
    var portfolioState: PortfolioState { get }
    /// The classification of the last conditions, if any.
    var lastClassification: PortfolioState? { get }
    /// The latest portfolio-state transitions, oldest first (the executor reads the new ones).
    var portfolioTransitions: [SuperStateTransition] { get }
    /// How many earlier portfolio-state transitions `portfolioTransitions` no longer holds (a
    /// bounded history drops its oldest: `PortfolioSuperState.historyDropped`; 0 for a stack that
    /// keeps them all). No default: a stack that forwards a bounded history and answered 0 would
    /// stop the executor's log at its limit without a word.
    var portfolioTransitionsDropped: Int { get }
    /// The emergency halt; true when it halted now (false when already halted).
    mutating func halt() -> Bool
    /// Leaves the halt (the operator, after the cooldown).
    mutating func resume() throws

    // MARK: The trading mode (the operator's switches)

    mutating func enableDryRun()
    mutating func goLive(confirmed: Bool)
    /// OFF, DRY_RUN, LIVE_ACTIVE, …
    var tradingModeState: TradingModeState { get }
    /// Whether the mode is halted (with the portfolio state's EMERGENCY_HALT).
    var isTradingHalted: Bool { get }
    /// The latest trading-mode transitions, oldest first.
    var tradingModeTransitions: [TradingModeTransition] { get }
    /// How many earlier trading-mode transitions `tradingModeTransitions` no longer holds
    /// (`TradingMode.historyDropped`; no default, as above).
    var tradingModeTransitionsDropped: Int { get }

    // MARK: Sectors

    func exposure(of sector: Sector) -> Cents
    func health(of sector: Sector) -> SectorHealth
    /// The sector's hard cap, a share of the portfolio value.
    func hardCap(of sector: Sector) -> BasisPoints
    /// The portfolio value the sector caps are taken of, if set.
    var sectorPortfolioValue: Cents? { get }
}

/// The project's ``RiskStack`` as a ``RiskGovernor``: what the executor runs unless given another
/// stack. (A wrapper, not a conformance of `RiskStack` itself, so that the stack's own API —
/// `halt()` returning its transition, and the like — keeps its meaning everywhere else.)
public struct RiskStackGovernor: RiskGovernor {
    public private(set) var stack: RiskStack

    public init(portfolioValue: Cents, table: SymbolSectorTable) throws {
        stack = try RiskStack(portfolioValue: portfolioValue, table: table)
    }

    public mutating func submit(_ request: OrderRequest) throws -> RiskDecision { try stack.submit(request) }
    public func cycle() -> [ExitOrder] { stack.cycle() }
    public var isForcedUnwind: Bool { stack.positions.isForced }
    public mutating func setForcedUnwind(_ forced: Bool) { _ = stack.setForcedUnwind(forced) }
    public func holds(_ symbol: Symbol) -> Bool { stack.positions.holds(symbol) }
    public mutating func setPortfolioValue(_ value: Cents) throws { try stack.setPortfolioValue(value) }
    public mutating func close(_ symbol: Symbol) throws { try stack.close(symbol) }
    public mutating func adopt(_ symbol: Symbol, value: Cents) throws { try stack.adopt(symbol, value: value) }
    public mutating func markToMarket(_ symbol: Symbol, value: Cents) throws { try stack.markToMarket(symbol, value: value) }
    public mutating func mark(_ symbol: Symbol, unrealizedPnL: Cents) throws { try stack.mark(symbol, unrealizedPnL: unrealizedPnL) }
    public mutating func update(volatility: Double, drawdown: Double, liquidity: Double) throws {
        _ = try stack.update(volatility: volatility, drawdown: drawdown, liquidity: liquidity)
    }
    public var portfolioState: PortfolioState { stack.superState.state }
    public var lastClassification: PortfolioState? { stack.superState.lastClassification }
    public var portfolioTransitions: [SuperStateTransition] { stack.superState.history }
    public var portfolioTransitionsDropped: Int { stack.superState.historyDropped }
    public mutating func halt() -> Bool { stack.halt() != nil }
    public mutating func resume() throws { _ = try stack.resume() }
    public mutating func enableDryRun() { _ = stack.enableDryRun() }
    public mutating func goLive(confirmed: Bool) { _ = stack.goLive(confirmed: confirmed) }
    public var tradingModeState: TradingModeState { stack.tradingMode.state }
    public var isTradingHalted: Bool { stack.tradingMode.isHalted }
    public var tradingModeTransitions: [TradingModeTransition] { stack.tradingMode.history }
    public var tradingModeTransitionsDropped: Int { stack.tradingMode.historyDropped }
    public func exposure(of sector: Sector) -> Cents { stack.sectorCaps.exposure(of: sector) }
    public func health(of sector: Sector) -> SectorHealth { stack.sectorCaps.health(of: sector) }
    public func hardCap(of sector: Sector) -> BasisPoints { stack.sectorCaps.limits(for: sector).hard }
    public var sectorPortfolioValue: Cents? { stack.sectorCaps.portfolioValue }
}
