import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// Pricing against the quote in force (`docs/exchange.md`, quotes): buys walk the asks up, sells
/// the bids down, one fill per level, taking liquidity later orders no longer find.
extension SimulatedExchange {
    /// Prices one order that has just arrived against its symbol's quote in force.
    mutating func priceOnQuote(_ order: Int32) {
        let instrument = Int(venue[Int(order)].instrument)
        guard var book = markets[instrument].book else { return }
        price(order, on: &book)
        markets[instrument].book = book
    }

    /// Prices one open order against `book`; an IOC order's remainder then expires (a stop's
    /// only once it has triggered).
    @inline(__always)
    mutating func price(_ order: Int32, on book: inout QuoteBook) {
        let slot = Int(order)
        guard isPriceable(order) else { return }
        let side = venue[slot].request.side
        var limit: Int64?
        switch venue[slot].request.type {
        case .market: break
        case .limit(let price): limit = price.value
        case .stop(let trigger):
            if !venue[slot].triggered {
                let triggers = side == .buy ? book.quote.ask >= trigger : book.quote.bid <= trigger
                guard triggers else { return }
                venue[slot].triggered = true
                // Triggered, it is priced by every quote from now on: its symbol's reach says so
                // (on arrival it was included as an untriggered stop, out of the walks' recount).
                markets[Int(venue[slot].instrument)].reach.anyQuote = true
            }
        }
        let remainder = venue[slot].remainder
        var wanted = book.quote.thin ? (remainder + 1) / 2 : remainder
        while wanted > 0, let level = book.level(for: side) {
            if let limit, side == .buy ? level > limit : level < limit { break }
            let quantity = min(wanted, book.left(for: side))
            book.take(quantity, side: side)
            fill(order, quantity: quantity, price: level)
            wanted -= quantity
        }
        if venue[slot].request.timeInForce == .ioc { expireIfOpen(order) }
    }

    /// Whether pricing may fill the order: open (and, in the zoo's `fillAfterCancel`, a canceled
    /// limit order).
    @inline(__always)
    func isPriceable(_ order: Int32) -> Bool {
        let held = venue[Int(order)]
        if held.isOpen { return true }
        guard mutation == .fillAfterCancel, held.state == .canceled, case .limit = held.request.type else { return false }
        return true
    }

    /// An IOC order after its one pricing: the remainder expires.
    mutating func expireIfOpen(_ order: Int32) {
        guard venue[Int(order)].isOpen else { return }
        close(order, as: .expired)
        report(order, back: venue[Int(order)].back)
    }

    /// Takes the symbol's resting list out (so pricing can mutate the venue without copying it),
    /// for `body` to walk; then puts back only the orders still open, in the same order, and
    /// makes their reach exact. With none resting (most bars and quotes of a run) there is
    /// nothing to walk, so nothing is swapped.
    @inline(__always)
    mutating func withResting(_ instrument: Int, _ body: (inout SimulatedExchange, [Int32]) -> Void) {
        guard !markets[instrument].resting.isEmpty else { return }
        var list: [Int32] = []
        swap(&list, &markets[instrument].resting)
        body(&self, list)
        var kept = 0
        var reach = RestingReach()
        for position in list.indices where isPriceable(list[position]) {
            let slot = Int(list[position])
            reach.include(venue[slot].request, triggered: venue[slot].triggered)
            list[kept] = list[position]
            kept += 1
        }
        list.removeLast(list.count - kept)
        swap(&list, &markets[instrument].resting)
        markets[instrument].reach = reach
    }
}
