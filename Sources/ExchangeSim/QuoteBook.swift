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
    /// How far the orders in `resting` reach: a quote beyond it trades none of them, and is
    /// not walked.
    var reach = RestingReach()
}

/// The prices at which some resting order of a symbol could trade or trigger, kept as an outer
/// bound: widened by every order that starts resting, made exact again after every walk of the
/// list (terminal and cancelled orders only leave it then, so between walks it may be wider,
/// never narrower). A quote outside it cannot touch a resting order, so its walk is skipped:
/// the quotes of a run with many orders resting away from the touch walked them all, about a
/// third of the venue's instructions.
struct RestingReach: Sendable {
    /// The highest limit of a resting limit buy: it trades once the ask is at or below it.
    var buyLimit = Int64.min
    /// The lowest limit of a resting limit sell: it trades once the bid is at or above it.
    var sellLimit = Int64.max
    /// The lowest trigger of an untriggered stop buy: it triggers once the ask is at or above it.
    var buyTrigger = Int64.max
    /// The highest trigger of an untriggered stop sell: it triggers once the bid is at or below it.
    var sellTrigger = Int64.min
    /// A resting order any quote prices: a market order (it rested for want of a book), a
    /// triggered stop, an IOC order (priced once, then expired, whatever the quote).
    var anyQuote = false

    /// Widens the bound by `order`.
    mutating func include(_ order: NewOrder, triggered: Bool) {
        if order.timeInForce == .ioc { anyQuote = true }
        switch order.type {
        case .market: anyQuote = true
        case .limit(let price):
            if order.side == .buy { buyLimit = max(buyLimit, price.value) } else { sellLimit = min(sellLimit, price.value) }
        case .stop(let trigger):
            if triggered {
                anyQuote = true
            } else if order.side == .buy {
                buyTrigger = min(buyTrigger, trigger.value)
            } else {
                sellTrigger = max(sellTrigger, trigger.value)
            }
        }
    }

    /// Whether a quote of `bid` and `ask` may trade or trigger a resting order.
    func reaches(bid: Int64, ask: Int64) -> Bool {
        anyQuote || ask <= buyLimit || bid >= sellLimit || ask >= buyTrigger || bid <= sellTrigger
    }
}
