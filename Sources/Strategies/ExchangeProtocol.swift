import ExchangeVocabulary
import StrategyVocabulary
import TradingVocabulary

/// A symbol as an exchange lists it: what it trades against what, and whether it is spot or a
/// futures contract with an expiry (a futures listing without one is a configuration error).
public struct ExchangeSymbol: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case spot
        /// `expiry` in the strategy clock's units; `nil` is invalid, and reported by validation.
        case futures(expiry: Int64?)
    }

    public var symbol: Symbol
    public var base: String
    public var quote: String
    public var kind: Kind

    public init(symbol: Symbol, base: String, quote: String, kind: Kind) {
        self.symbol = symbol
        self.base = base
        self.quote = quote
        self.kind = kind
    }
}

/// An order as an exchange reports it: the protocol's order (cumulative fills, average price).
public struct ExchangeOrder: Hashable, Sendable {
    public enum State: String, Hashable, Sendable, CaseIterable {
        /// Sent, not yet acknowledged by the venue (a venue with latency).
        case pending
        case new, partiallyFilled, filled, canceled, rejected

        public var isTerminal: Bool { self == .filled || self == .canceled || self == .rejected }
    }

    public var id: ClientOrderID
    public var symbol: Symbol
    public var side: Side
    public var quantity: Lots
    public var filled: Lots
    /// The limit; `nil` for a market order.
    public var price: Ticks?
    /// The average fill price (ticks, rounded down); `nil` before the first fill.
    public var averagePrice: Ticks?
    public var state: State
    /// Σ price × quantity of the fills so far (ticks × lots), when the exchange reports it (as
    /// Binance's cumulative quote quantity): the driver then prices each new fill exactly. `nil`
    /// otherwise: a new fill is reported at `averagePrice`.
    public var fillPriceTotal: Int64?

    public init(
        id: ClientOrderID, symbol: Symbol, side: Side, quantity: Lots, filled: Lots, price: Ticks?, averagePrice: Ticks?, state: State,
        fillPriceTotal: Int64? = nil
    ) {
        self.id = id
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.filled = filled
        self.price = price
        self.averagePrice = averagePrice
        self.state = state
        self.fillPriceTotal = fillPriceTotal
    }
}

/// Why an exchange call failed; nothing was created or changed.
public enum ExchangeError: Error, Hashable, Sendable {
    case unknownSymbol(Symbol)
    case unknownOrder(ClientOrderID)
    case idInUse(ClientOrderID)
    case invalidQuantity(Lots)
    case invalidPrice(Ticks)
    case disconnected
    /// The link's latency has a leg negative or above one day (`VenueLimits.maxLatency`).
    case invalidLatency(LinkLatency)
    /// The order is terminal: nothing to cancel.
    case alreadyTerminal(ClientOrderID)
    /// No book yet for the symbol.
    case noBook(Symbol)
    /// A book published for a listed symbol that the venue refuses (crossed, a price or size
    /// out of range): the venue's reason.
    case invalidBook(Symbol, MarketDataError)
}

/// The exchange protocol (`docs/strategies.md`): what a strategy's driver needs of a venue.
/// The simulated venue and the in-memory mock implement it; nothing heavier is required.
public protocol StrategyExchange: Sendable {
    /// The symbols the venue lists.
    var symbols: [ExchangeSymbol] { get }
    mutating func placeMarketOrder(id: ClientOrderID, symbol: Symbol, side: Side, quantity: Lots) throws(ExchangeError) -> ExchangeOrder
    mutating func placeLimitOrder(id: ClientOrderID, symbol: Symbol, side: Side, quantity: Lots, price: Ticks) throws(ExchangeError) -> ExchangeOrder
    func order(_ id: ClientOrderID) throws(ExchangeError) -> ExchangeOrder
    mutating func cancelOrder(_ id: ClientOrderID) throws(ExchangeError) -> ExchangeOrder
    func bookTicker(_ symbol: Symbol) throws(ExchangeError) -> BookTicker
}
