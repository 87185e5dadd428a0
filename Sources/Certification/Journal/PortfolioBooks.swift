import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// The portfolio's state, kept from its transactions: positions, average cost, cash, realized
/// PnL and fees in integer minor units, exactly; and the orders still open.
///
/// The cost rule is the venue's (`docs/exchange.md`, the books): average cost, a partial close
/// removes cost × closed / size truncated toward zero, a fill through flat opens the other side
/// at the fill price; spot cash pays the notional, futures cash moves by realized PnL; fees are
/// paid from cash. So books kept from the venue's fills equal the venue's own, to the unit.
///
/// Both the live state a bot keeps and the state replayed from the journal are `PortfolioBooks`.
/// `apply` checks everything first and changes nothing when it throws; every sum is checked for
/// overflow (a typed error, never a trap: the journal reader meets arbitrary bytes).
public struct PortfolioBooks: Hashable, Sendable {
    /// One symbol's books, as the venue's `HoldingSnapshot`.
    public struct Holding: Hashable, Sendable {
        /// Signed lots: negative is short.
        public var position: Int64 = 0
        /// Signed cost basis.
        public var cost: Int64 = 0
        /// Realized PnL, fees excluded.
        public var realized: Int64 = 0
        /// The last fill price, in ticks.
        public var mark: Int64 = 0
        public init() {}
    }

    /// An acknowledged order not yet filled or cancelled.
    public struct OpenOrder: Hashable, Sendable {
        public var order: NewOrder
        public var filled: Int64
    }

    public private(set) var instruments: [Symbol: Instrument] = [:]
    /// Symbols that have had a fill.
    public private(set) var holdings: [Symbol: Holding] = [:]
    public private(set) var cash: Int64 = 0
    public private(set) var fees: Int64 = 0
    public private(set) var openOrders: [ClientOrderID: OpenOrder] = [:]
    /// Every order id acknowledged so far (an id is never reused), as ranges: ids handed out in
    /// sequence take one range however many orders there were.
    public private(set) var knownOrders = OrderIDSet()
    public private(set) var transactionCount = 0
    public private(set) var fillCount = 0

    public init() {}

    /// Σ realized PnL over the symbols, fees excluded.
    public var realized: Int64 { holdings.values.reduce(0) { $0 &+ $1.realized } }

    /// The books in the venue's shape: cash, fees, and a row per symbol that has had a fill,
    /// sorted by symbol.
    public var account: AccountSnapshot {
        let rows = holdings.map { symbol, holding in
            HoldingSnapshot(
                symbol: symbol, position: holding.position, cost: Cents(holding.cost), realized: Cents(holding.realized),
                mark: Ticks(holding.mark))
        }.sorted { $0.symbol < $1.symbol }
        return AccountSnapshot(cash: Cents(cash), feesPaid: Cents(fees), holdings: rows)
    }

    /// Applies one transaction, or throws and changes nothing.
    public mutating func apply(_ transaction: JournalTransaction) throws(BooksError) {
        let change = try prepare(transaction)
        commit(change)
    }

    /// Whether `transaction` would apply (what the journal checks before writing it).
    public func check(_ transaction: JournalTransaction) throws(BooksError) {
        _ = try prepare(transaction)
    }

    /// What a transaction changes, computed without changing anything.
    enum Change {
        case instrument(Instrument)
        case cash(Int64)
        case acknowledge(NewOrder)
        case fill(Fill, holding: Holding, cash: Int64, fees: Int64, order: OpenOrder)
        case cancel(ClientOrderID)
    }

    func prepare(_ transaction: JournalTransaction) throws(BooksError) -> Change {
        // (Counts restored from a checkpoint can be anything an Int holds.)
        guard transactionCount < Int.max else { throw .overflow("transaction count") }
        switch transaction {
        case .instrumentListed(let instrument):
            guard instruments[instrument.symbol] == nil else { throw .duplicateInstrument(instrument.symbol) }
            guard (1...VenueLimits.maxTickValue.value).contains(instrument.tickValue.value) else {
                throw .invalidInstrument(instrument.symbol, "tick value \(instrument.tickValue.value)")
            }
            return .instrument(instrument)
        case .cashAdjusted(let amount, _):
            return .cash(try checkedAdd(cash, amount.value, "cash"))
        case .orderAcknowledged(let order):
            guard instruments[order.symbol] != nil else { throw .unknownInstrument(order.symbol) }
            guard !knownOrders.contains(order.id) else { throw .duplicateOrder(order.id) }
            guard order.quantity.value > 0 else { throw .invalidQuantity(order.id, order.quantity.value) }
            return .acknowledge(order)
        case .fillBooked(let fill):
            return try prepareFill(fill)
        case .orderCancelled(let id, _):
            guard openOrders[id] != nil else { throw knownOrders.contains(id) ? .orderNotOpen(id) : .unknownOrder(id) }
            return .cancel(id)
        }
    }

    private func prepareFill(_ fill: Fill) throws(BooksError) -> Change {
        guard let instrument = instruments[fill.symbol] else { throw .unknownInstrument(fill.symbol) }
        guard var order = openOrders[fill.orderID] else { throw knownOrders.contains(fill.orderID) ? .orderNotOpen(fill.orderID) : .unknownOrder(fill.orderID) }
        guard order.order.symbol == fill.symbol, order.order.side == fill.side else { throw .fillDoesNotMatchOrder(fill.orderID) }
        let quantity = fill.quantity.value
        guard quantity > 0 else { throw .invalidQuantity(fill.orderID, quantity) }
        guard fill.price.value > 0 else { throw .invalidPrice(fill.orderID, fill.price.value) }
        guard fillCount < Int.max else { throw .overflow("fill count") }
        guard quantity <= order.order.quantity.value - order.filled else {
            throw .overfill(fill.orderID, filled: order.filled, fill: quantity, ordered: order.order.quantity.value)
        }
        order.filled += quantity
        let tickValue = instrument.tickValue.value
        let notional = try Self.notional(price: fill.price.value, quantity: quantity, tickValue: tickValue)
        let direction = fill.side.sign
        var holding = holdings[fill.symbol] ?? Holding()
        let realizedBefore = holding.realized
        if holding.position == 0 || (holding.position > 0) == (direction > 0) {
            // Opening or adding: the cost grows by the notional, on the position's side.
            holding.position = try checkedAdd(holding.position, direction * quantity, "position")
            holding.cost = try checkedAdd(holding.cost, direction * notional, "cost")
        } else {
            // Reducing: the closed part takes its share of the cost, the rest (if any) opens
            // the other side at the fill price.
            let size = holding.position.magnitude
            let closed = min(UInt64(quantity), size)
            let removed = Int64(Int128(holding.cost) * Int128(closed) / Int128(size))  // |removed| ≤ |cost|
            let held: Int64 = holding.position > 0 ? 1 : -1
            let closedValue = try Self.notional(price: fill.price.value, quantity: Int64(closed), tickValue: tickValue)
            let pnl = try checkedSubtract(held * closedValue, removed, "realized")
            holding.realized = try checkedAdd(holding.realized, pnl, "realized")
            holding.cost -= removed
            holding.position += direction * Int64(closed)
            let rest = quantity - Int64(closed)
            if rest > 0 {
                holding.position = direction * rest
                holding.cost = direction * (try Self.notional(price: fill.price.value, quantity: rest, tickValue: tickValue))
            }
        }
        holding.mark = fill.price.value
        let cashChange: Int64 =
            if instrument.isSpot {
                try checkedSubtract(-direction * notional, fill.fee.value, "cash")
            } else {
                try checkedSubtract(try checkedSubtract(holding.realized, realizedBefore, "cash"), fill.fee.value, "cash")
            }
        return .fill(
            fill, holding: holding, cash: try checkedAdd(cash, cashChange, "cash"), fees: try checkedAdd(fees, fill.fee.value, "fees"),
            order: order)
    }

    private mutating func commit(_ change: Change) {
        switch change {
        case .instrument(let instrument):
            instruments[instrument.symbol] = instrument
        case .cash(let newCash):
            cash = newCash
        case .acknowledge(let order):
            knownOrders.insert(order.id)
            openOrders[order.id] = OpenOrder(order: order, filled: 0)
        case .fill(let fill, let holding, let newCash, let newFees, let order):
            holdings[fill.symbol] = holding
            cash = newCash
            fees = newFees
            if order.filled == order.order.quantity.value {
                openOrders[fill.orderID] = nil
            } else {
                openOrders[fill.orderID] = order
            }
            fillCount += 1
        case .cancel(let id):
            openOrders[id] = nil
        }
        transactionCount += 1
    }

    /// price × quantity × tick value, or `.overflow`.
    static func notional(price: Int64, quantity: Int64, tickValue: Int64) throws(BooksError) -> Int64 {
        let product = Int128(price) * Int128(quantity) * Int128(tickValue)
        guard let value = Int64(exactly: product) else { throw .overflow("notional") }
        return value
    }
}

extension PortfolioBooks {
    // Books restored from a checkpoint, part by part. Only `CheckpointReader` calls these, after
    // checking each part against what transactions could make; each asserts what it relies on.

    mutating func restore(cash: Int64, fees: Int64, transactionCount: Int, fillCount: Int) {
        precondition(0 <= fillCount && fillCount <= transactionCount, "restored counts out of range")
        self.cash = cash
        self.fees = fees
        self.transactionCount = transactionCount
        self.fillCount = fillCount
    }

    mutating func restore(_ instrument: Instrument) {
        precondition(instruments[instrument.symbol] == nil, "instrument \(instrument.symbol) restored twice")
        instruments[instrument.symbol] = instrument
    }

    /// Ids above (and not touching) every id restored so far.
    mutating func restoreOrderIDs(_ range: ClosedRange<UInt64>) { knownOrders.appendAbove(range) }

    mutating func restore(_ holding: Holding, of symbol: Symbol) {
        precondition(instruments[symbol] != nil && holdings[symbol] == nil, "holding \(symbol) restored twice or unlisted")
        holdings[symbol] = holding
    }

    mutating func restore(_ open: OpenOrder) {
        precondition(knownOrders.contains(open.order.id) && openOrders[open.order.id] == nil, "open order \(open.order.id) restored twice or unknown")
        openOrders[open.order.id] = open
    }
}

private func checkedAdd(_ a: Int64, _ b: Int64, _ field: String) throws(BooksError) -> Int64 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    if overflow { throw .overflow(field) }
    return sum
}

private func checkedSubtract(_ a: Int64, _ b: Int64, _ field: String) throws(BooksError) -> Int64 {
    let (difference, overflow) = a.subtractingReportingOverflow(b)
    if overflow { throw .overflow(field) }
    return difference
}

/// Why the books refuse a transaction.
public enum BooksError: Error, Hashable, Sendable, CustomStringConvertible {
    case duplicateInstrument(Symbol)
    case invalidInstrument(Symbol, String)
    case unknownInstrument(Symbol)
    case duplicateOrder(ClientOrderID)
    case unknownOrder(ClientOrderID)
    /// Acknowledged once, but already filled or cancelled.
    case orderNotOpen(ClientOrderID)
    /// A fill whose symbol or side is not its order's.
    case fillDoesNotMatchOrder(ClientOrderID)
    case invalidQuantity(ClientOrderID, Int64)
    case invalidPrice(ClientOrderID, Int64)
    case overfill(ClientOrderID, filled: Int64, fill: Int64, ordered: Int64)
    /// A sum beyond `Int64` (the field named).
    case overflow(String)

    public var description: String {
        switch self {
        case .duplicateInstrument(let symbol): "instrument \(symbol) listed twice"
        case .invalidInstrument(let symbol, let detail): "instrument \(symbol): \(detail)"
        case .unknownInstrument(let symbol): "unknown instrument \(symbol)"
        case .duplicateOrder(let id): "order \(id) acknowledged twice"
        case .unknownOrder(let id): "order \(id) was never acknowledged"
        case .orderNotOpen(let id): "order \(id) is no longer open"
        case .fillDoesNotMatchOrder(let id): "a fill of \(id) with another symbol or side"
        case .invalidQuantity(let id, let quantity): "order \(id): quantity \(quantity)"
        case .invalidPrice(let id, let price): "order \(id): price \(price)"
        case .overfill(let id, let filled, let fill, let ordered): "order \(id): a fill of \(fill) after \(filled) of \(ordered)"
        case .overflow(let field): "\(field) beyond Int64"
        }
    }
}
