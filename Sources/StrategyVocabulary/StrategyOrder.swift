import ExchangeVocabulary
import TradingVocabulary

/// Why a strategy placed an order: the invariants treat quotes, legs and unwinds differently.
public enum OrderPurpose: String, Hashable, Sendable, CaseIterable {
    /// A market maker's resting bid or ask.
    case quote
    /// One leg of a two-leg position (arbitrage, hedges).
    case leg
    /// Completes or trims a leg to restore the balance.
    case rebalance
    /// Brings inventory or a leg back to flat (CLOSING, ERROR, STOP).
    case flatten
}

/// An order a strategy asks to place: a limit order when `limit` is set, else a market order.
public struct StrategyOrder: Hashable, Sendable, CustomStringConvertible {
    public var id: ClientOrderID
    public var venue: VenueID
    public var symbol: Symbol
    public var side: Side
    public var quantity: Lots
    /// The limit price; `nil` for a market order.
    public var limit: Ticks?
    public var purpose: OrderPurpose

    @inlinable
    public init(id: ClientOrderID, venue: VenueID, symbol: Symbol, side: Side, quantity: Lots, limit: Ticks?, purpose: OrderPurpose) {
        self.id = id
        self.venue = venue
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.limit = limit
        self.purpose = purpose
    }

    public var description: String {
        "\(id) \(purpose.rawValue) \(side.rawValue) \(quantity.value) @\(venue) \(limit.map { "limit \($0.value)" } ?? "market")"
    }
}

/// Where an order stands as the strategy knows it.
public enum TrackedOrderState: String, Hashable, Sendable, CaseIterable {
    /// Placed, not yet acknowledged.
    case sent
    /// Acknowledged and working (perhaps partly filled).
    case open
    /// A cancel is in flight; fills may still race it.
    case cancelRequested
    /// A cancel failed to reach the venue (a disconnect): still working, to be cancelled again.
    case cancelFailed
    case filled, canceled, rejected

    /// Nothing more happens to the order.
    @inlinable public var isTerminal: Bool { self == .filled || self == .canceled || self == .rejected }
}

/// An order the strategy placed and tracks until it is terminal.
public struct TrackedOrder: Hashable, Sendable, CustomStringConvertible {
    public var order: StrategyOrder
    public var filled: Lots
    public var state: TrackedOrderState

    @inlinable
    public init(order: StrategyOrder, filled: Lots = .zero, state: TrackedOrderState = .sent) {
        self.order = order
        self.filled = filled
        self.state = state
    }

    /// What may still fill.
    @inlinable public var remaining: Lots { Lots(order.quantity.value - filled.value) }

    public var description: String { "\(order) filled \(filled.value) \(state.rawValue)" }
}
