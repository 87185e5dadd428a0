/// Why position management wants a position closed.
public enum CloseReason: String, Hashable, Sendable, Codable {
    case drain, forcedUnwind
}

/// A close order emitted by `cycle()`.
public struct ExitOrder: Hashable, Sendable, Codable {
    public var symbol: Symbol
    public var reason: CloseReason

    public init(symbol: Symbol, reason: CloseReason) {
        self.symbol = symbol
        self.reason = reason
    }
}

/// Where an order goes.
public enum OrderRoute: String, Hashable, Sendable, Codable {
    /// LIVE_ACTIVE: to the exchange.
    case exchange
    /// DRY_RUN: to the simulation.
    case simulation
}

/// What the trading mode does with an order.
public enum RoutingDecision: Hashable, Sendable {
    case routed(OrderRoute)
    case rejected(TradingModeRejection)
}

/// A request to add exposure to a symbol.
public struct OrderRequest: Hashable, Sendable {
    public var symbol: Symbol
    public var amount: Cents

    @inlinable
    public init(symbol: Symbol, amount: Cents) {
        self.symbol = symbol
        self.amount = amount
    }
}

/// The risk stack's answer to an order request.
public enum RiskDecision: Hashable, Sendable {
    case accepted(OrderRoute)
    case rejected(RiskRejection)
}
