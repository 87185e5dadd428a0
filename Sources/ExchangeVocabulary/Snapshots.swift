import MarketSim
import TradingVocabulary

/// The latencies of one client operation: `out` to the venue, `back` for every report about it.
public struct LinkLatency: Hashable, Sendable, CustomStringConvertible {
    public var out: SimDuration
    public var back: SimDuration
    public init(out: SimDuration, back: SimDuration) {
        self.out = out
        self.back = back
    }
    public static let zero = LinkLatency(out: .zero, back: .zero)
    /// True when both legs are in 0 … `VenueLimits.maxLatency`: a message cannot arrive before
    /// it was sent, nor so late that its time overflows the clock.
    public var isValid: Bool {
        (0...VenueLimits.maxLatency).contains(out.nanoseconds) && (0...VenueLimits.maxLatency).contains(back.nanoseconds)
    }
    public var description: String { "\(out.nanoseconds / 1_000_000)ms/\(back.nanoseconds / 1_000_000)ms" }
}

/// One order as the venue holds it.
public struct VenueOrderSnapshot: Hashable, Sendable, CustomStringConvertible {
    public var request: NewOrder
    public var state: VenueOrderState
    /// Σ of its fills.
    public var filled: Lots
    /// Σ price × quantity of its fills (ticks × lots): the average fill price is this over
    /// `filled` (`averagePrice`).
    public var fillPriceTotal: Int64
    /// Why it was rejected (REJECTED only).
    public var rejectReason: RejectReason?
    /// Maker (a limit not marketable on arrival) or taker, decided on arrival.
    public var liquidity: Liquidity
    /// A stop whose trigger has traded.
    public var triggered: Bool

    public init(
        request: NewOrder, state: VenueOrderState, filled: Lots, fillPriceTotal: Int64, rejectReason: RejectReason?, liquidity: Liquidity,
        triggered: Bool
    ) {
        self.request = request
        self.state = state
        self.filled = filled
        self.fillPriceTotal = fillPriceTotal
        self.rejectReason = rejectReason
        self.liquidity = liquidity
        self.triggered = triggered
    }

    /// The average fill price, rounded down; nil before the first fill.
    public var averagePrice: Ticks? { Ticks.average(fillPriceTotal, over: filled) }

    public var description: String {
        "\(request) \(state.rawValue) filled \(filled.value)\(rejectReason.map { " (\($0))" } ?? "")\(triggered ? " triggered" : "")"
    }
}

/// One order as the client knows it.
public struct ClientOrderSnapshot: Hashable, Sendable, CustomStringConvertible {
    public var id: ClientOrderID
    public var state: ClientOrderState
    /// The filled quantity the last applied report said.
    public var filled: Lots
    /// Σ price × quantity of those fills (ticks × lots), as the same report said.
    public var fillPriceTotal: Int64
    /// When the client stops waiting for an acknowledgement of the last (re)submit.
    public var deadline: SimTime

    public init(id: ClientOrderID, state: ClientOrderState, filled: Lots, fillPriceTotal: Int64, deadline: SimTime) {
        self.id = id
        self.state = state
        self.filled = filled
        self.fillPriceTotal = fillPriceTotal
        self.deadline = deadline
    }

    /// The average price of the fills the client knows of, rounded down; nil before the first.
    public var averagePrice: Ticks? { Ticks.average(fillPriceTotal, over: filled) }

    public var description: String { "\(id) \(state) filled \(filled.value)" }
}

/// The account's holding of one symbol (present once the symbol has had a fill).
public struct HoldingSnapshot: Hashable, Sendable, CustomStringConvertible {
    public var symbol: Symbol
    /// Signed lots: negative is short.
    public var position: Int64
    /// Signed cost basis (negative for a short), exact.
    public var cost: Cents
    /// Realized PnL, fees excluded.
    public var realized: Cents
    /// The last fill price.
    public var mark: Ticks

    public init(symbol: Symbol, position: Int64, cost: Cents, realized: Cents, mark: Ticks) {
        self.symbol = symbol
        self.position = position
        self.cost = cost
        self.realized = realized
        self.mark = mark
    }

    public var description: String { "\(symbol) \(position) cost \(cost.value) realized \(realized.value) mark \(mark.value)" }
}

/// The account's books.
public struct AccountSnapshot: Hashable, Sendable, CustomStringConvertible {
    public var cash: Cents
    public var feesPaid: Cents
    /// Sorted by symbol.
    public var holdings: [HoldingSnapshot]

    public init(cash: Cents, feesPaid: Cents, holdings: [HoldingSnapshot]) {
        self.cash = cash
        self.feesPaid = feesPaid
        self.holdings = holdings
    }

    public var description: String { "cash \(cash.value) fees \(feesPaid.value) [\(holdings.map(\.description).joined(separator: "; "))]" }
}

/// The quote the client sees for a symbol, and when it received it (a stale book keeps an old
/// one: the timestamp is how the client can tell).
public struct ClientQuote: Hashable, Sendable {
    public var quote: QuoteUpdate
    public var receivedAt: SimTime
    public init(quote: QuoteUpdate, receivedAt: SimTime) {
        self.quote = quote
        self.receivedAt = receivedAt
    }
}
