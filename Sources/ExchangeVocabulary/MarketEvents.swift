import TradingVocabulary

/// A top-of-book quote. A buy takes the ask, a sell the bid, at most the displayed size at each
/// price; beyond it the synthetic book shows the same size again at every further tick.
public struct QuoteUpdate: Hashable, Sendable {
    public var symbol: Symbol
    public var bid: Ticks
    public var ask: Ticks
    public var bidSize: Lots
    public var askSize: Lots
    /// A crisis phase: every order takes at most half (rounded up) of its remainder from this quote.
    public var thin: Bool

    public init(symbol: Symbol, bid: Ticks, ask: Ticks, bidSize: Lots, askSize: Lots, thin: Bool = false) {
        self.symbol = symbol
        self.bid = bid
        self.ask = ask
        self.bidSize = bidSize
        self.askSize = askSize
        self.thin = thin
    }
}

/// A completed bar: resting orders trade along its path (`docs/exchange.md`, bars).
public struct BarUpdate: Hashable, Sendable {
    public var symbol: Symbol
    public var open: Ticks
    public var high: Ticks
    public var low: Ticks
    public var close: Ticks
    public var volume: Lots
    /// The bar's volatility in basis points, for the volatility-scaled and square-root slippage.
    public var sigma: BasisPoints
    /// A crisis phase: every order takes at most half (rounded up) of its per-point allowance.
    public var thin: Bool

    public init(symbol: Symbol, open: Ticks, high: Ticks, low: Ticks, close: Ticks, volume: Lots, sigma: BasisPoints = 0, thin: Bool = false) {
        self.symbol = symbol
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.sigma = sigma
        self.thin = thin
    }

    /// The four points the bar's path visits: the extreme nearer the open first (ties: high).
    @inlinable public var path: (Ticks, Ticks, Ticks, Ticks) {
        high.value - open.value <= open.value - low.value ? (open, high, low, close) : (open, low, high, close)
    }
}

/// Why a market event was refused (nothing changes).
public enum MarketDataError: Error, Hashable, Sendable {
    case unknownSymbol
    /// A price ≤ 0 or above `VenueLimits.maxPrice`.
    case invalidPrice(Ticks)
    /// A size ≤ 0 (a quote) or < 0 (a bar's volume), or above its limit.
    case invalidSize(Lots)
    /// bid ≥ ask.
    case crossedQuote(bid: Ticks, ask: Ticks)
    /// low ≤ open, close ≤ high violated.
    case inconsistentBar
    /// σ < 0 or above 10 000 bp.
    case invalidSigma(BasisPoints)
}
