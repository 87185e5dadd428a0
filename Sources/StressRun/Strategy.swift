import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// A trading strategy the executor drives: at every step it sees the market and the portfolio
/// and appends the orders it wants.
///
/// A strategy only *asks*: every buy passes the risk stack, every order the simulated venue, so a
/// reckless strategy (``BuyTheDipStrategy``) is how a run shows the stack stopping it. To keep a
/// run a function of (scenario, strategy, choices), a strategy must be deterministic: no wall
/// clock, no unseeded randomness, no iteration over dictionaries. `decide` is called once per
/// bar; it should not allocate (the executor hands it a buffer to append to).
public protocol Strategy: Sendable {
    /// A short name for reports, e.g. `momentum`.
    var name: String { get }

    /// Called once before the first step with the scenario's symbols, in the order every later
    /// step indexes them: size per-symbol state here, not in `decide`.
    mutating func prepare(symbols: [Symbol])

    /// Appends this step's order intents to `intents` (which arrives empty).
    mutating func decide(_ market: MarketStep, portfolio: PortfolioView, into intents: inout [OrderIntent])
}

/// What a strategy asks for: buy or sell a notional amount of one symbol.
public struct OrderIntent: Hashable, Sendable {
    /// The symbol's index in ``MarketStep/symbols``.
    public var symbol: Int
    public var side: Side
    /// The amount in minor units at the current price; a sell is capped at what is held, so
    /// ``exit(_:)`` asks for everything.
    public var notional: Cents

    public init(symbol: Int, side: Side, notional: Cents) {
        self.symbol = symbol
        self.side = side
        self.notional = notional
    }

    /// A buy of `notional`.
    public static func buy(_ symbol: Int, notional: Cents) -> OrderIntent { OrderIntent(symbol: symbol, side: .buy, notional: notional) }

    /// A sell of the whole position.
    public static func exit(_ symbol: Int) -> OrderIntent { OrderIntent(symbol: symbol, side: .sell, notional: Cents(.max)) }
}

/// The market data of one step: each symbol's bar that closed at `time`.
public struct MarketStep: Sendable {
    /// The step's index (bar index in the scenario).
    public let step: Int
    /// The virtual time at which the bars closed.
    public let time: SimTime
    public let symbols: [Symbol]
    /// Each symbol's bar; `nil` when the feed delivered no usable bar (a data-quality fault).
    public let bars: [Bar?]

    public init(step: Int, time: SimTime, symbols: [Symbol], bars: [Bar?]) {
        self.step = step
        self.time = time
        self.symbols = symbols
        self.bars = bars
    }
}

/// The portfolio as a strategy sees it, in the executor's own books (fills booked).
public struct PortfolioView: Sendable {
    /// Cash plus every position at its latest close.
    public let equity: Cents
    public let cash: Cents
    /// Lots held per symbol (spot, never negative), indexed as ``MarketStep/symbols``.
    public let positions: [Int64]

    public init(equity: Cents, cash: Cents, positions: [Int64]) {
        self.equity = equity
        self.cash = cash
        self.positions = positions
    }

    /// Whether any lots of the symbol at `index` are held.
    public func holds(_ index: Int) -> Bool { positions.indices.contains(index) && positions[index] > 0 }

    /// `share` (basis points) of the equity, for sizing.
    public func fraction(_ share: BasisPoints) -> Cents { Cents(equity.value / 10_000 * share.value) }
}
