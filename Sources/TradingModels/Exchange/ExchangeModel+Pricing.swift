import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// Market events: quotes walk a synthetic book, bars trade along their path.
extension ExchangeModel {
    func validate(_ quote: QuoteUpdate) -> MarketDataError? {
        guard configuration.instrument(quote.symbol) != nil else { return .unknownSymbol }
        for price in [quote.bid, quote.ask] where !(1...VenueLimits.maxPrice.value).contains(price.value) { return .invalidPrice(price) }
        for size in [quote.bidSize, quote.askSize] where !(1...VenueLimits.maxQuoteSize.value).contains(size.value) { return .invalidSize(size) }
        if quote.bid >= quote.ask { return .crossedQuote(bid: quote.bid, ask: quote.ask) }
        return nil
    }

    func validate(_ bar: BarUpdate) -> MarketDataError? {
        guard configuration.instrument(bar.symbol) != nil else { return .unknownSymbol }
        for price in [bar.open, bar.high, bar.low, bar.close] where !(1...VenueLimits.maxPrice.value).contains(price.value) {
            return .invalidPrice(price)
        }
        if !(0...VenueLimits.maxVolume.value).contains(bar.volume.value) { return .invalidSize(bar.volume) }
        if bar.low > min(bar.open, bar.close) || bar.high < max(bar.open, bar.close) { return .inconsistentBar }
        if !(0...10_000).contains(bar.sigma.value) { return .invalidSigma(bar.sigma) }
        return nil
    }

    mutating func apply(_ quote: QuoteUpdate) {
        quotes[quote.symbol] = LiveQuote(quote: quote, askLeft: quote.askSize.value, bidLeft: quote.bidSize.value)
        if !isBookStale {
            let received = ClientQuote(quote: quote, receivedAt: now)
            let slot = clientQuotes.firstIndex { $0.quote.symbol >= quote.symbol } ?? clientQuotes.count
            if slot < clientQuotes.count, clientQuotes[slot].quote.symbol == quote.symbol {
                clientQuotes[slot] = received
            } else {
                clientQuotes.insert(received, at: slot)
            }
        }
        for index in orders.indices where orders[index].isOpen && orders[index].request.symbol == quote.symbol {
            priceOnQuote(index)
        }
    }

    /// Prices one open order against the quote in force; an IOC expires afterwards (a stop only
    /// once triggered).
    mutating func priceOnQuote(_ index: Int) {
        let symbol = orders[index].request.symbol
        guard var live = quotes[symbol] else { return }
        let side = orders[index].request.side
        if case .stop(let trigger) = orders[index].request.type, !orders[index].triggered {
            let touched = side == .buy ? live.quote.ask >= trigger : live.quote.bid <= trigger
            guard touched else { return }
            orders[index].triggered = true
        }
        var limit: Ticks?
        if case .limit(let price) = orders[index].request.type { limit = price }
        let remaining = orders[index].remaining
        var wanted = live.quote.thin ? (remaining + 1) / 2 : remaining
        while wanted > 0 {
            let offset = side == .buy ? live.askOffset : live.bidOffset
            if offset >= VenueLimits.bookDepth { break }
            let level = side == .buy ? live.quote.ask.value + offset : live.quote.bid.value - offset
            if level < 1 { break }
            if let limit, side == .buy ? level > limit.value : level < limit.value { break }
            let available = side == .buy ? live.askLeft : live.bidLeft
            let taken = min(wanted, available)
            fill(index, quantity: taken, at: Ticks(level))
            wanted -= taken
            if side == .buy {
                live.askLeft -= taken
                if live.askLeft == 0 {
                    live.askOffset += 1
                    live.askLeft = live.quote.askSize.value
                }
            } else {
                live.bidLeft -= taken
                if live.bidLeft == 0 {
                    live.bidOffset += 1
                    live.bidLeft = live.quote.bidSize.value
                }
            }
        }
        quotes[symbol] = live
        expireIfIOC(index)
    }

    mutating func apply(_ bar: BarUpdate) {
        quotes[bar.symbol] = nil
        lastClose[bar.symbol] = bar.close
        let path = bar.path
        let points = [path.0, path.1, path.2, path.3]
        let quarter = Int128(bar.volume.value) * Int128(configuration.participation.value) / 40_000
        let allowance = bar.thin ? (Int64(quarter) + 1) / 2 : Int64(quarter)
        for point in 0..<4 {
            let price = points[point]
            let previous = point == 0 ? price : points[point - 1]
            for index in orders.indices where orders[index].isOpen && orders[index].request.symbol == bar.symbol {
                self.price(index, atPoint: point, price: price, previous: previous, allowance: allowance, bar: bar)
            }
        }
    }

    private mutating func price(_ index: Int, atPoint point: Int, price: Ticks, previous: Ticks, allowance: Int64, bar: BarUpdate) {
        let order = orders[index]
        let side = order.request.side
        let quantity = min(order.remaining, allowance)
        switch order.request.type {
        case .market:
            fill(index, quantity: quantity, at: slipped(price, side: side, quantity: quantity, bar: bar))
            if point == 0 { expireIfIOC(index) }
        case .limit(let limit):
            if point == 0 {
                if side == .buy ? price <= limit : price >= limit { fill(index, quantity: quantity, at: price) }
                expireIfIOC(index)
            } else if side == .buy ? min(previous, price) <= limit : max(previous, price) >= limit {
                fill(index, quantity: quantity, at: limit)
            }
        case .stop(let trigger):
            if order.triggered {
                fill(index, quantity: quantity, at: slipped(price, side: side, quantity: quantity, bar: bar))
                return
            }
            let base: Ticks
            if point == 0 {
                guard side == .buy ? price >= trigger : price <= trigger else { return }
                base = price
            } else {
                guard side == .buy ? max(previous, price) >= trigger : min(previous, price) <= trigger else { return }
                base = trigger
            }
            orders[index].triggered = true
            fill(index, quantity: quantity, at: slipped(base, side: side, quantity: quantity, bar: bar))
            expireIfIOC(index)
        }
    }

    /// The price after slippage, rounded against the taker; a sell keeps at least one tick. A
    /// computed rate (volatility, square root) counts at most 1 000 bp, the bound on every rate.
    func slipped(_ price: Ticks, side: Side, quantity: Int64, bar: BarUpdate) -> Ticks {
        let slip: Int64
        switch configuration.slippage {
        case .none: slip = 0
        case .fixed(let rate): slip = (price.value * rate.value + 9_999) / 10_000
        case .volatility(let percent): slip = (price.value * min(bar.sigma.value * percent / 100, 1_000) + 9_999) / 10_000
        case .squareRoot(let k):
            if bar.volume.value == 0 {
                slip = 0
            } else {
                let rate = Double(k) / 100 * Double(bar.sigma.value) * (Double(quantity) / Double(bar.volume.value)).squareRoot()
                slip = Int64((Double(price.value) * min(rate, 1_000) / 10_000).rounded(.up))
            }
        }
        return side == .buy ? Ticks(price.value + slip) : Ticks(max(1, price.value - slip))
    }
}
