import ExchangeVocabulary
import StrategyVocabulary
import TradingVocabulary

/// A deterministic in-memory exchange: market orders fill at once at the touch (whole, any
/// size), limit orders fill whole when placed marketable or when a later book reaches their
/// limit, at their limit. No latency, no faults: the cheapest exchange a strategy can run against.
public struct MockExchange: StrategyExchange {
    public let symbols: [ExchangeSymbol]
    var books: [Symbol: BookTicker] = [:]
    var orders: [ClientOrderID: ExchangeOrder] = [:]
    /// Ids of resting limit orders, in arrival order.
    var resting: [ClientOrderID] = []

    public init(symbols: [ExchangeSymbol]) {
        self.symbols = symbols
    }

    /// Sets a symbol's book and fills every resting limit order it reaches.
    public mutating func setBook(_ book: BookTicker, for symbol: Symbol) throws(ExchangeError) {
        guard lists(symbol) else { throw .unknownSymbol(symbol) }
        books[symbol] = book
        var stillResting: [ClientOrderID] = []
        for id in resting {
            guard var order = orders[id], order.symbol == symbol, let limit = order.price, reaches(limit, order.side, book) else {
                stillResting.append(id)
                continue
            }
            order.filled = order.quantity
            order.averagePrice = limit
            order.fillPriceTotal = Self.priceTotal(limit, order.quantity)
            order.state = .filled
            orders[id] = order
        }
        resting = stillResting
    }

    public mutating func placeMarketOrder(id: ClientOrderID, symbol: Symbol, side: Side, quantity: Lots) throws(ExchangeError) -> ExchangeOrder {
        let book = try checkNew(id: id, symbol: symbol, quantity: quantity)
        let price = side == .buy ? book.ask : book.bid
        let order = ExchangeOrder(
            id: id, symbol: symbol, side: side, quantity: quantity, filled: quantity, price: nil, averagePrice: price, state: .filled,
            fillPriceTotal: Self.priceTotal(price, quantity))
        orders[id] = order
        return order
    }

    public mutating func placeLimitOrder(id: ClientOrderID, symbol: Symbol, side: Side, quantity: Lots, price: Ticks) throws(ExchangeError) -> ExchangeOrder {
        let book = try checkNew(id: id, symbol: symbol, quantity: quantity)
        guard price.value > 0 else { throw .invalidPrice(price) }
        var order = ExchangeOrder(
            id: id, symbol: symbol, side: side, quantity: quantity, filled: .zero, price: price, averagePrice: nil, state: .new, fillPriceTotal: 0)
        if reaches(price, side, book) {
            let fillPrice = side == .buy ? min(price, book.ask) : max(price, book.bid)
            order.filled = quantity
            order.averagePrice = fillPrice
            order.fillPriceTotal = Self.priceTotal(fillPrice, quantity)
            order.state = .filled
        } else {
            resting.append(id)
        }
        orders[id] = order
        return order
    }

    public func order(_ id: ClientOrderID) throws(ExchangeError) -> ExchangeOrder {
        guard let order = orders[id] else { throw .unknownOrder(id) }
        return order
    }

    public mutating func cancelOrder(_ id: ClientOrderID) throws(ExchangeError) -> ExchangeOrder {
        guard var order = orders[id] else { throw .unknownOrder(id) }
        guard !order.state.isTerminal else { throw .alreadyTerminal(id) }
        order.state = .canceled
        orders[id] = order
        resting.removeAll { $0 == id }
        return order
    }

    public func bookTicker(_ symbol: Symbol) throws(ExchangeError) -> BookTicker {
        guard lists(symbol) else { throw .unknownSymbol(symbol) }
        guard let book = books[symbol] else { throw .noBook(symbol) }
        return book
    }

    func lists(_ symbol: Symbol) -> Bool { symbols.contains { $0.symbol == symbol } }

    func checkNew(id: ClientOrderID, symbol: Symbol, quantity: Lots) throws(ExchangeError) -> BookTicker {
        guard quantity.value > 0 else { throw .invalidQuantity(quantity) }
        guard orders[id] == nil else { throw .idInUse(id) }
        return try bookTicker(symbol)
    }

    /// The price total of `quantity` lots filled at `price`; nil when it does not fit in `Int64`
    /// (the mock fills any size: the driver then prices the fill at the average).
    static func priceTotal(_ price: Ticks, _ quantity: Lots) -> Int64? {
        let (total, overflow) = price.value.multipliedReportingOverflow(by: quantity.value)
        return overflow ? nil : total
    }

    /// Whether a limit at `limit` on `side` trades against `book`.
    func reaches(_ limit: Ticks, _ side: Side, _ book: BookTicker) -> Bool {
        side == .buy ? limit >= book.ask : limit <= book.bid
    }
}
