import ExchangeSim
import ExchangeVocabulary
import MarketSim
import StrategyVocabulary
import TradingVocabulary

/// The exchange protocol over the simulated venue (`ExchangeSim`): orders really go through its
/// latency, partial fills and books. Its clock is the strategy clock in milliseconds from the
/// venue's start; a placed order is SENT (`new`) until the venue's report reaches the client.
public struct SimulatedVenueExchange: SimulatedMarketExchange {
    public private(set) var venue: SimulatedExchange
    public let symbols: [ExchangeSymbol]
    /// The link's latency for every request: each leg in 0 … `VenueLimits.maxLatency`, checked
    /// when set (a bad value showed only as every later order refused by the venue).
    public private(set) var latency: LinkLatency
    let start: SimTime

    /// - Throws: `invalidLatency` for a leg outside 0 … one day.
    public init(venue: SimulatedExchange, symbols: [ExchangeSymbol], latency: LinkLatency = .zero) throws(ExchangeError) {
        guard latency.isValid else { throw .invalidLatency(latency) }
        self.venue = venue
        self.symbols = symbols
        self.latency = latency
        start = venue.now
    }

    /// Changes the link's latency for the requests after this one.
    /// - Throws: `invalidLatency` for a leg outside 0 … one day; the latency is then unchanged.
    public mutating func setLatency(_ latency: LinkLatency) throws(ExchangeError) {
        guard latency.isValid else { throw .invalidLatency(latency) }
        self.latency = latency
    }

    public mutating func placeMarketOrder(id: ClientOrderID, symbol: Symbol, side: Side, quantity: Lots) throws(ExchangeError) -> ExchangeOrder {
        try submit(NewOrder(id: id, symbol: symbol, side: side, type: .market, quantity: quantity))
    }

    public mutating func placeLimitOrder(id: ClientOrderID, symbol: Symbol, side: Side, quantity: Lots, price: Ticks) throws(ExchangeError) -> ExchangeOrder {
        try submit(NewOrder(id: id, symbol: symbol, side: side, type: .limit(price), quantity: quantity))
    }

    public func order(_ id: ClientOrderID) throws(ExchangeError) -> ExchangeOrder {
        guard let snapshot = venue.clientOrder(withID: id), let request = requests[id] else {
            throw .unknownOrder(id)
        }
        return Self.order(request, snapshot)
    }

    public mutating func cancelOrder(_ id: ClientOrderID) throws(ExchangeError) -> ExchangeOrder {
        do {
            try venue.cancel(id, latency: latency, hold: .zero, refuse: false)
        } catch {
            throw Self.translate(error, symbol: nil, id: id)
        }
        return try order(id)
    }

    public func bookTicker(_ symbol: Symbol) throws(ExchangeError) -> BookTicker {
        guard symbols.contains(where: { $0.symbol == symbol }) else { throw .unknownSymbol(symbol) }
        guard let quote = venue.clientQuote(for: symbol)?.quote else { throw .noBook(symbol) }
        return BookTicker(bid: quote.bid, bidSize: quote.bidSize, ask: quote.ask, askSize: quote.askSize)
    }

    public mutating func publish(_ book: BookTicker, for symbol: Symbol) throws(ExchangeError) {
        do throws(MarketDataError) {
            try venue.apply(QuoteUpdate(symbol: symbol, bid: book.bid, ask: book.ask, bidSize: book.bidSize, askSize: book.askSize))
        } catch .unknownSymbol {
            throw .unknownSymbol(symbol)
        } catch {
            throw .invalidBook(symbol, error)
        }
    }

    public mutating func advance(to time: Int64) {
        // In 128 bits: a strategy clock near `Int64.max` ms overflowed the conversion; the venue
        // stops at the end of its own clock.
        let target = Int128(start.nanoseconds) + Int128(time) * 1_000_000
        let step = target - Int128(venue.now.nanoseconds)
        if step > 0 { venue.advance(by: SimDuration(nanoseconds: Int64(clamping: step))) }
    }

    /// The requests sent, for orders the venue never saw (rejected on the way, or not arrived).
    var requests: [ClientOrderID: NewOrder] = [:]

    mutating func submit(_ request: NewOrder) throws(ExchangeError) -> ExchangeOrder {
        do {
            try venue.submit(request, latency: latency, randomReject: false)
        } catch {
            throw Self.translate(error, symbol: request.symbol, id: request.id)
        }
        requests[request.id] = request
        return try order(request.id)
    }

    static func order(_ request: NewOrder, _ snapshot: ClientOrderSnapshot) -> ExchangeOrder {
        let state: ExchangeOrder.State
        switch snapshot.state {
        case .sent, .unknown: state = .pending
        case .notFound: state = .rejected
        case .venue(let venueState):
            switch venueState {
            case .accepted: state = .new
            case .partiallyFilled, .pendingCancel: state = snapshot.filled.value > 0 ? .partiallyFilled : .new
            case .filled: state = .filled
            case .canceled, .expired: state = .canceled
            case .rejected: state = .rejected
            }
        }
        let price: Ticks? = if case .limit(let limit) = request.type { limit } else { nil }
        return ExchangeOrder(
            id: request.id, symbol: request.symbol, side: request.side, quantity: request.quantity, filled: snapshot.filled, price: price,
            averagePrice: snapshot.averagePrice, state: state, fillPriceTotal: snapshot.fillPriceTotal)
    }

    /// The protocol's error for the venue client's (a cancel names no symbol, and the venue
    /// does not look one up for it: an unknown symbol without one is a bug, and traps).
    static func translate(_ error: ClientError, symbol: Symbol?, id: ClientOrderID) -> ExchangeError {
        switch error {
        case .disconnected: .disconnected
        case .invalidQuantity(let quantity): .invalidQuantity(quantity)
        case .invalidPrice(let price): .invalidPrice(price)
        case .unknownSymbol:
            if let symbol { .unknownSymbol(symbol) } else { preconditionFailure("the venue answered a cancel of \(id) with an unknown symbol") }
        case .idInUse(let id): .idInUse(id)
        case .unknownOrder(let id), .notFound(let id), .notResubmittable(let id, _): .unknownOrder(id)
        case .alreadyTerminal(let id, _): .alreadyTerminal(id)
        case .invalidLatency(let latency): .invalidLatency(latency)
        case .invalidHold(let hold): preconditionFailure("this adapter cancels with no hold, yet the venue refused a hold of \(hold.nanoseconds) ns")
        }
    }
}
