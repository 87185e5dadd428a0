import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// The executor's own books: every fill booked once, average-cost method, integer minor units.
///
/// A bot keeps its books from the fills it is told of; the venue keeps its own. The
/// `booksReconcile` property compares the two and checks this side's books equation, so a fill
/// booked twice or dropped shows at the next step. Spot, long only (the venue refuses a sell
/// beyond the position), with the cost rule of `docs/exchange.md` (the books).
struct Ledger: Sendable {
    struct Position: Sendable, Equatable {
        var lots: Int64 = 0
        var cost: Int64 = 0
        var realized: Int64 = 0
        /// The last fill price (the venue's mark).
        var mark: Int64 = 0
        var hasTraded = false
    }

    let initialCash: Int64
    let tickValue: Int64
    private(set) var cash: Int64
    private(set) var fees: Int64 = 0
    private(set) var positions: [Position]
    /// How many fills the books have taken (the books change by nothing else).
    private(set) var entries = 0

    init(initialCash: Cents, symbols: Int, tickValue: Cents) {
        self.initialCash = initialCash.value
        cash = initialCash.value
        self.tickValue = tickValue.value
        positions = Array(repeating: Position(), count: symbols)
    }

    /// Books one fill of the symbol at `index`.
    mutating func book(_ fill: Fill, index: Int) {
        let quantity = fill.quantity.value
        let notional = fill.price.value * quantity * tickValue
        var p = positions[index]
        if fill.side == .buy {
            p.lots += quantity
            p.cost += notional
            cash -= notional + fill.fee.value
        } else {
            let closed = min(quantity, p.lots)
            let removed = p.lots == 0 ? 0 : Int64(Int128(p.cost) * Int128(closed) / Int128(p.lots))
            p.realized += closed * fill.price.value * tickValue - removed
            p.cost -= removed
            p.lots -= closed
            cash += notional - fill.fee.value
        }
        p.mark = fill.price.value
        p.hasTraded = true
        positions[index] = p
        fees += fill.fee.value
        entries += 1
    }

    /// Cash plus every position at `closes` (ticks per symbol; 0 = no price yet: at its mark).
    func equity(closes: [Int64]) -> Int64 {
        var total = cash
        for (i, p) in positions.enumerated() where p.lots > 0 {
            total += p.lots * (closes[i] > 0 ? closes[i] : p.mark) * tickValue
        }
        return total
    }

    /// The unrealized PnL of one position at `close`.
    func unrealized(_ index: Int, close: Int64) -> Int64 {
        let p = positions[index]
        return p.lots * close * tickValue - p.cost
    }

    var realized: Int64 { positions.reduce(0) { $0 + $1.realized } }

    /// The books equation at each position's mark: (cash + Σ value, initial + realized +
    /// unrealized − fees). Equal in correct books.
    var equation: (assets: Int64, accounted: Int64) {
        var assets = cash
        var accounted = initialCash - fees
        for p in positions {
            let value = p.lots * p.mark * tickValue
            assets += value
            accounted += p.realized + (value - p.cost)
        }
        return (assets, accounted)
    }

    /// One symbol's books as the venue's account snapshot shows them (nil: never traded).
    func holding(_ index: Int, symbol: Symbol) -> HoldingSnapshot? {
        let p = positions[index]
        guard p.hasTraded else { return nil }
        return HoldingSnapshot(symbol: symbol, position: p.lots, cost: Cents(p.cost), realized: Cents(p.realized), mark: Ticks(p.mark))
    }
}
