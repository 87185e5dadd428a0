import ExchangeVocabulary

/// The quote in force for a symbol and what orders have taken from it since it arrived.
///
/// The synthetic book shows the displayed size again at every further tick, so the state of
/// each side is the level the walk has reached (ticks beyond the top) and what is left there.
struct QuoteBook: Sendable {
    let quote: QuoteUpdate
    /// Ticks above the ask of the level buys take from next, and what is left at it.
    var askOffset: Int64 = 0
    var askLeft: Int64
    /// Ticks below the bid of the level sells take from next, and what is left at it (0 once
    /// the 1-tick level is used up: the book has no lower level).
    var bidOffset: Int64 = 0
    var bidLeft: Int64

    init(_ quote: QuoteUpdate) {
        self.quote = quote
        askLeft = quote.askSize.value
        bidLeft = quote.bidSize.value
    }

    /// The price of the next level a `side` order takes from, or nil when the book has none
    /// (beyond `VenueLimits.bookDepth` levels, or below 1 tick).
    func level(for side: Side) -> Int64? {
        switch side {
        case .buy: return askOffset < VenueLimits.bookDepth ? quote.ask.value + askOffset : nil
        case .sell: return bidLeft > 0 && bidOffset < VenueLimits.bookDepth ? quote.bid.value - bidOffset : nil
        }
    }

    /// What is left at the next level of `side`.
    func left(for side: Side) -> Int64 { side == .buy ? askLeft : bidLeft }

    /// Takes `quantity` (≤ what is left) from the next level; moves to a fresh level once it is
    /// used up.
    mutating func take(_ quantity: Int64, side: Side) {
        switch side {
        case .buy:
            askLeft -= quantity
            if askLeft == 0 {
                askOffset += 1
                askLeft = quote.askSize.value
            }
        case .sell:
            bidLeft -= quantity
            if bidLeft == 0, quote.bid.value - bidOffset > 1 {
                bidOffset += 1
                bidLeft = quote.bidSize.value
            }
        }
    }
}

/// What the venue knows of one symbol's market: the quote in force and the last price.
struct SymbolMarket: Sendable {
    var book: QuoteBook?
    /// The last bar's close.
    var lastClose: Int64?
    /// Open orders in arrival order (slot indices); terminal ones are swept out lazily.
    var resting: [Int32] = []
}
