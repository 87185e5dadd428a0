import ExchangeVocabulary
import MarketSim
import TradingVocabulary

extension SimulatedExchange {
    /// Every order the venue has seen, sorted by id (allocates: for checks).
    public var venueOrders: [VenueOrderSnapshot] {
        var snapshots: [VenueOrderSnapshot] = []
        snapshots.reserveCapacity(venue.count)
        for order in venue { snapshots.append(order.snapshot) }
        snapshots.sort { $0.request.id < $1.request.id }
        return snapshots
    }

    /// Every order the client tracks, sorted by id (allocates: for checks).
    public var clientOrders: [ClientOrderSnapshot] {
        var snapshots: [ClientOrderSnapshot] = []
        snapshots.reserveCapacity(client.count)
        for order in client { snapshots.append(order.snapshot) }
        snapshots.sort { $0.id < $1.id }
        return snapshots
    }

    /// The fill log in booking order (empty when `keepsFillLog` is false; trimmed by
    /// `removeFills(through:)`).
    public var fills: [Fill] { fillLog }

    /// Drops the first `count` fills of the log (those already consumed by a long-running
    /// caller), keeping memory bounded; the books are unaffected.
    public mutating func removeFills(through count: Int) {
        fillLog.removeFirst(min(max(count, 0), fillLog.count))
    }

    /// The books: cash, fees and the holdings of every symbol that has had a fill, by symbol.
    public var account: AccountSnapshot {
        // Sized before it is filled, and not allocated when empty: a check reads this after every step.
        var rows: [HoldingSnapshot] = []
        let traded = holdings.reduce(0) { $1.hasTraded ? $0 + 1 : $0 }
        if traded > 0 { rows.reserveCapacity(traded) }
        for (position, holding) in holdings.enumerated() where holding.hasTraded {
            rows.append(
                HoldingSnapshot(
                    symbol: instruments[position].symbol, position: holding.position, cost: Cents(holding.cost),
                    realized: Cents(holding.realized), mark: Ticks(holding.mark)))
        }
        rows.sort { $0.symbol < $1.symbol }
        return AccountSnapshot(cash: Cents(cash), feesPaid: Cents(feesPaid), holdings: rows)
    }

    /// The cash and fees of the books, without building a snapshot (the executor compares its
    /// own books with these every step).
    public var booksCash: Cents { Cents(cash) }
    public var booksFeesPaid: Cents { Cents(feesPaid) }

    /// The instruments the venue lists, in the configuration's order.
    public var listedInstruments: [Instrument] { instruments }

    /// `symbol`'s row of ``account`` without building the snapshot: nil when it has had no fill
    /// or is not listed.
    public func holding(of symbol: Symbol) -> HoldingSnapshot? {
        guard let index = instrumentIndex(symbol) else { return nil }
        let holding = holdings[Int(index)]
        guard holding.hasTraded else { return nil }
        return HoldingSnapshot(
            symbol: symbol, position: holding.position, cost: Cents(holding.cost), realized: Cents(holding.realized),
            mark: Ticks(holding.mark))
    }

    /// ``holding(of:)`` for the instrument at `index` in the configuration's `instruments` (nil:
    /// no fill yet, or no such instrument): a driver that lists its symbols in that order
    /// compares every holding at every step, without a symbol lookup.
    public func holding(instrument index: Int) -> HoldingSnapshot? {
        guard instruments.indices.contains(index) else { return nil }
        let holding = holdings[index]
        guard holding.hasTraded else { return nil }
        return HoldingSnapshot(
            symbol: instruments[index].symbol, position: holding.position, cost: Cents(holding.cost),
            realized: Cents(holding.realized), mark: Ticks(holding.mark))
    }

    /// The quote the client last received for `symbol` (nil: none yet, or an unknown symbol).
    public func clientQuote(for symbol: Symbol) -> ClientQuote? {
        guard let index = instrumentIndex(symbol) else { return nil }
        return clientQuotes[Int(index)]
    }

    /// The client's latest quote of every instrument it has received one for, in the
    /// configuration's order of instruments: what `clientQuote(for:)` gives for each of them,
    /// without a symbol lookup each (a check observes them all after every step).
    public var receivedQuotes: [ClientQuote] {
        // Sized before it is filled, and not allocated when empty: a check reads this after every step.
        var quotes: [ClientQuote] = []
        let received = clientQuotes.reduce(0) { $1 == nil ? $0 : $0 + 1 }
        if received > 0 { quotes.reserveCapacity(received) }
        for case let quote? in clientQuotes { quotes.append(quote) }
        return quotes
    }

    /// When the client last received a quote for the instrument at `index` in the
    /// configuration's `instruments` (nil: none yet, or no such instrument). A driver that lists
    /// its symbols in that order asks this for every symbol at every step: no symbol lookup, and
    /// no quote copied out.
    public func clientQuoteReceivedAt(instrument index: Int) -> SimTime? {
        guard clientQuotes.indices.contains(index) else { return nil }
        return clientQuotes[index]?.receivedAt
    }
}
