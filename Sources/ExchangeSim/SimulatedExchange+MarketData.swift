import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// Market data (`docs/exchange.md`, pricing): validated first, so a bad event changes nothing.
extension SimulatedExchange {
    /// Replaces the symbol's quote (fresh sizes), shows it to the client unless the book is
    /// stale, and prices every open order of the symbol in arrival order.
    ///
    /// - Throws: `unknownSymbol`, `invalidPrice` (bid, then ask), `invalidSize` (bid, then ask
    ///   size), `crossedQuote`, in that order.
    public mutating func apply(_ quote: QuoteUpdate) throws(MarketDataError) {
        defer { checkInvariantsIfEnabled() }
        guard let index = instrumentIndex(quote.symbol) else { throw .unknownSymbol }
        // Checked one by one, not through an array: this is the hot path and must not allocate.
        guard Self.isValidPrice(quote.bid) else { throw .invalidPrice(quote.bid) }
        guard Self.isValidPrice(quote.ask) else { throw .invalidPrice(quote.ask) }
        guard Self.isValidQuoteSize(quote.bidSize) else { throw .invalidSize(quote.bidSize) }
        guard Self.isValidQuoteSize(quote.askSize) else { throw .invalidSize(quote.askSize) }
        guard quote.bid < quote.ask else { throw .crossedQuote(bid: quote.bid, ask: quote.ask) }
        let instrument = Int(index)
        if !staleBook { clientQuotes[instrument] = ClientQuote(quote: quote, receivedAt: now) }
        var book = QuoteBook(quote)
        if markets[instrument].reach.reaches(bid: quote.bid.value, ask: quote.ask.value) {
            withResting(instrument) { venue, list in
                for order in list { venue.price(order, on: &book) }
            }
        }
        markets[instrument].book = book
    }

    /// Prices every open order of the symbol along the bar's path, clears the quote in force
    /// and makes the close the last price. The client's quote is unchanged.
    ///
    /// - Throws: `unknownSymbol`, `invalidPrice` (open, high, low, close), `invalidSize`
    ///   (volume), `inconsistentBar`, `invalidSigma`, in that order.
    public mutating func apply(_ bar: BarUpdate) throws(MarketDataError) {
        defer { checkInvariantsIfEnabled() }
        guard let index = instrumentIndex(bar.symbol) else { throw .unknownSymbol }
        guard Self.isValidPrice(bar.open) else { throw .invalidPrice(bar.open) }
        guard Self.isValidPrice(bar.high) else { throw .invalidPrice(bar.high) }
        guard Self.isValidPrice(bar.low) else { throw .invalidPrice(bar.low) }
        guard Self.isValidPrice(bar.close) else { throw .invalidPrice(bar.close) }
        guard (0...VenueLimits.maxVolume.value).contains(bar.volume.value) else { throw .invalidSize(bar.volume) }
        guard bar.low <= bar.open, bar.low <= bar.close, bar.open <= bar.high, bar.close <= bar.high else { throw .inconsistentBar }
        guard (0...BasisPoints.whole.value).contains(bar.sigma.value) else { throw .invalidSigma(bar.sigma) }
        let instrument = Int(index)
        markets[instrument].book = nil
        markets[instrument].lastClose = bar.close.value
        priceAlongPath(bar, instrument: instrument)
    }

    @inline(__always)
    static func isValidPrice(_ price: Ticks) -> Bool { price.value >= 1 && price.value <= VenueLimits.maxPrice.value }

    @inline(__always)
    static func isValidQuoteSize(_ size: Lots) -> Bool { size.value >= 1 && size.value <= VenueLimits.maxQuoteSize.value }
}
