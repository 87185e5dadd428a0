import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// The venue's side: arrivals, rejections, cancels, and every state change with its report.
extension ExchangeModel {
    /// Sets an order's state, counts the change and reports it.
    mutating func change(_ index: Int, to state: VenueOrderState, back: SimDuration) {
        orders[index].state = state
        report(index, back: back)
    }

    mutating func report(_ index: Int, back: SimDuration) {
        orders[index].sequence += 1
        let order = orders[index]
        schedule(.report(order.request.id, order.state, order.filled, fillPriceTotal: order.fillPriceTotal, sequence: order.sequence), at: now + back)
    }

    /// A submit reaches the venue.
    mutating func arrive(_ request: NewOrder, randomReject: Bool, back: SimDuration) {
        // The client never sends a tracked id twice (a resubmit follows a NOT_FOUND, whose
        // original can no longer arrive), so a duplicate is refused without a new order.
        guard !orders.contains(where: { $0.request.id == request.id }) else { return }
        guard let instrument = configuration.instrument(request.symbol) else { return }
        let live = quotes[request.symbol]
        let liquidity: Liquidity
        if case .limit(let limit) = request.type, !isMarketable(limit: limit, side: request.side, quote: live?.quote) {
            liquidity = .maker
        } else {
            liquidity = .taker
        }
        let reference = referencePrice(of: request, quote: live?.quote)
        var order = Order(request: request, state: .accepted, liquidity: liquidity, reference: reference ?? Ticks(0), back: back)
        if let reason = rejection(of: request, instrument: instrument, reference: reference, randomReject: randomReject) {
            order.state = .rejected
            order.rejectReason = reason
        }
        orders.append(order)
        let index = orders.count - 1
        schedule(.report(request.id, order.state, order.filled, fillPriceTotal: order.fillPriceTotal, sequence: order.sequence), at: now + back)
        if order.state == .accepted, live != nil {
            priceOnQuote(index)
        }
    }

    func isMarketable(limit: Ticks, side: Side, quote: QuoteUpdate?) -> Bool {
        guard let quote else { return false }
        return side == .buy ? quote.ask <= limit : quote.bid >= limit
    }

    func referencePrice(of request: NewOrder, quote: QuoteUpdate?) -> Ticks? {
        switch request.type {
        case .limit(let price), .stop(let price): return price
        case .market:
            if let quote { return request.side == .buy ? quote.ask : quote.bid }
            return lastClose[request.symbol]
        }
    }

    /// The first rejection rule the order breaks, in the documented order.
    func rejection(of request: NewOrder, instrument: Instrument, reference: Ticks?, randomReject: Bool) -> RejectReason? {
        if case .futures(let expiry) = instrument.kind, now >= expiry { return .instrumentExpired }
        if randomReject { return isRejectStorm ? .rejectStorm : .randomReject }
        guard let reference else { return .noReferencePrice }
        let books = self.books
        let open = orders.filter(\.isOpen)
        let quantity = request.quantity.value
        if instrument.isSpot {
            if request.side == .buy {
                var reserved: Int64 = 0
                for order in open where order.request.side == .buy {
                    guard let other = configuration.instrument(order.request.symbol), other.isSpot else { continue }
                    reserved += reservation(order.remaining, order.reference, other)
                }
                let needed = reservation(quantity, reference, instrument)
                return needed <= books.cash.value - reserved ? nil : .insufficientCash
            }
            let held = books.holdings.first { $0.symbol == request.symbol }?.position ?? 0
            let selling = open.filter { $0.request.symbol == request.symbol && $0.request.side == .sell }.reduce(0) { $0 + $1.remaining }
            return quantity <= held - selling ? nil : .insufficientPosition
        }
        let held = abs(books.holdings.first { $0.symbol == request.symbol }?.position ?? 0)
        let pending = open.filter { $0.request.symbol == request.symbol }.reduce(0) { $0 + $1.remaining }
        let exposure = Int128(held + pending + quantity) * Int128(reference.value) * Int128(instrument.tickValue.value)
        let margin = (exposure * Int128(instrument.initialMargin.value) + 9_999) / 10_000
        return margin <= Int128(books.cash.value) ? nil : .insufficientMargin
    }

    /// What an open spot buy reserves: its notional at the reference price plus the taker fee.
    func reservation(_ quantity: Int64, _ price: Ticks, _ instrument: Instrument) -> Int64 {
        let notional = quantity * price.value * instrument.tickValue.value
        return notional + ExchangeBooks.fee(notional: notional, rate: configuration.fees.taker).value
    }

    mutating func cancelArrives(_ id: ClientOrderID, hold: SimDuration, refuse: Bool, back: SimDuration) {
        guard let index = orders.firstIndex(where: { $0.request.id == id }) else { return }
        let order = orders[index]
        guard order.state == .accepted || order.state == .partiallyFilled else {
            // Refused at once (terminal, or already pending): the report repeats the current state.
            schedule(.report(id, order.state, order.filled, fillPriceTotal: order.fillPriceTotal, sequence: order.sequence), at: now + back)
            return
        }
        change(index, to: .pendingCancel, back: back)
        schedule(.cancelDecision(id, refuse: refuse, back: back), at: now + hold)
    }

    mutating func decideCancel(_ id: ClientOrderID, refuse: Bool, back: SimDuration) {
        guard let index = orders.firstIndex(where: { $0.request.id == id }), orders[index].state == .pendingCancel else { return }
        if refuse {
            change(index, to: orders[index].filled.value == 0 ? .accepted : .partiallyFilled, back: back)
        } else {
            change(index, to: .canceled, back: back)
        }
    }

    /// Books a fill of `quantity` at `price` for the order at `index`.
    mutating func fill(_ index: Int, quantity: Int64, at price: Ticks) {
        guard quantity > 0 else { return }
        let order = orders[index]
        guard let instrument = configuration.instrument(order.request.symbol) else { return }
        let notional = quantity * price.value * instrument.tickValue.value
        let rate = order.liquidity == .maker ? configuration.fees.maker : configuration.fees.taker
        let fill = Fill(
            orderID: order.request.id, symbol: order.request.symbol, side: order.request.side, price: price,
            quantity: Lots(quantity), fee: ExchangeBooks.fee(notional: notional, rate: rate), liquidity: order.liquidity, time: now)
        fills.append(fill)
        ExchangeBooks.add(fill, to: &books)
        orders[index].filled.value += quantity
        orders[index].fillPriceTotal += quantity * price.value
        let state: VenueOrderState
        if orders[index].filled == order.request.quantity {
            state = .filled
        } else {
            state = order.state == .pendingCancel ? .pendingCancel : .partiallyFilled
        }
        change(index, to: state, back: order.back)
    }

    /// Expires an IOC order's remainder after its one pricing.
    mutating func expireIfIOC(_ index: Int) {
        guard orders[index].request.timeInForce == .ioc, orders[index].isOpen else { return }
        change(index, to: .expired, back: orders[index].back)
    }
}

extension ExchangeModel {
    /// How many lots a new order could use exactly before the venue rejects it for funds (spot
    /// buys: cash; spot sells: the held quantity), for generators aiming at the boundary; `nil`
    /// when no reference price is known or the symbol is unknown.
    public func room(symbol: Symbol, side: Side, type: OrderType) -> Int64? {
        guard let instrument = configuration.instrument(symbol), instrument.isSpot else { return nil }
        let open = orders.filter(\.isOpen)
        if side == .sell {
            let held = books.holdings.first { $0.symbol == symbol }?.position ?? 0
            return held - open.filter { $0.request.symbol == symbol && $0.request.side == .sell }.reduce(0) { $0 + $1.remaining }
        }
        let probe = NewOrder(id: 0, symbol: symbol, side: side, type: type, quantity: 1)
        guard let reference = referencePrice(of: probe, quote: quotes[symbol]?.quote) else { return nil }
        var available = books.cash.value
        for order in open where order.request.side == .buy {
            guard let other = configuration.instrument(order.request.symbol), other.isSpot else { continue }
            available -= reservation(order.remaining, order.reference, other)
        }
        // The largest quantity whose reservation fits (the fee makes it non-linear: search).
        var low: Int64 = 0
        var high = VenueLimits.maxQuantity.value
        while low < high {
            let mid = (low + high + 1) / 2
            if reservation(mid, reference, instrument) <= available { low = mid } else { high = mid - 1 }
        }
        return low
    }
}
