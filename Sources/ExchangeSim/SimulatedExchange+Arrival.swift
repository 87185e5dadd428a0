import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// A submit reaching the venue (`docs/exchange.md`, rejections and the lifecycle's first rows).
extension SimulatedExchange {
    mutating func submitArrives(client slot: Int32, sentAt: SimTime, randomReject: Bool, back: SimDuration) {
        // The receive window: a submit older than its deadline is dropped unseen.
        guard now <= sentAt + configuration.timeout else { return }
        let request = client[Int(slot)].request
        // A duplicate id cannot reach the venue through the client: it refuses ids it tracks
        // (`idInUse`) and resubmits only an id whose NOT_FOUND came after the deadline, when the
        // first submit had been dropped unseen. Asserted: a repeat here is a client bug.
        precondition(client[Int(slot)].venueSlot < 0, "a submit for id \(request.id) reached the venue twice")
        guard let instrument = instrumentIndex(request.symbol) else {
            preconditionFailure("the client refuses unknown symbols before sending")
        }
        let order = Int32(venue.count)
        let reason = rejection(of: request, instrument: instrument, randomReject: randomReject)
        let reference = referencePrice(type: request.type, side: request.side, instrument: instrument) ?? 0
        venue.append(
            VenueOrder(
                request: request, instrument: instrument, client: slot, state: reason == nil ? .accepted : .rejected,
                filled: 0, rejectReason: reason, liquidity: liquidityOnArrival(request, instrument: instrument),
                triggered: false, sequence: 0, reference: reference, back: back))
        client[Int(slot)].venueSlot = order
        report(order, back: back)
        guard reason == nil else {
            if mutation == .rejectedLeftOpen, reference > 0 { count(order, 1) }
            return
        }
        markets[Int(instrument)].resting.append(order)
        markets[Int(instrument)].reach.include(request, triggered: false)
        count(order, 1)
        if markets[Int(instrument)].book != nil { priceOnQuote(order) }
    }

    /// Maker if a limit order is not marketable on arrival (no quote in force, or the quote does
    /// not reach its limit); taker otherwise.
    func liquidityOnArrival(_ request: NewOrder, instrument: Int32) -> Liquidity {
        guard case .limit(let limit) = request.type else { return .taker }
        guard let quote = markets[Int(instrument)].book?.quote else { return .maker }
        let marketable = request.side == .buy ? quote.ask <= limit : quote.bid >= limit
        return marketable ? .taker : .maker
    }

    /// The first rejection that applies, in the spec's order, or nil to accept.
    func rejection(of request: NewOrder, instrument index: Int32, randomReject: Bool) -> RejectReason? {
        let instrument = instruments[Int(index)]
        if case .futures(let expiry) = instrument.kind, now >= expiry { return .instrumentExpired }
        if randomReject { return rejectStorm ? .rejectStorm : .randomReject }
        guard let reference = referencePrice(type: request.type, side: request.side, instrument: index) else { return .noReferencePrice }
        let tickValue = instrument.tickValue.value
        let quantity = request.quantity.value
        guard instrument.isSpot else {
            let exposure = Int128(abs(holdings[Int(index)].position)) + Int128(totals.remainders[Int(index)]) + Int128(quantity)
            let margin = Money.ceilDivide(exposure * Int128(reference) * Int128(tickValue) * Int128(instrument.initialMargin.value), 10_000)
            return margin <= Int128(cash) ? nil : .insufficientMargin
        }
        switch request.side {
        case .buy:
            let reserved = Int128(totals.spotBuyReservations)
            let own = Money.notional(price: reference, quantity: quantity, tickValue: tickValue)
            let needed = Int128(own) + Int128(Money.fee(notional: own, rate: configuration.fees.taker))
            return needed <= Int128(cash) - reserved ? nil : .insufficientCash
        case .sell:
            return quantity <= holdings[Int(index)].position - totals.sellRemainders[Int(index)] ? nil : .insufficientPosition
        }
    }

    /// What an open spot buy reserves: remainder × its arrival reference price × tick value plus
    /// the taker fee on it.
    func spotBuyReservation(_ order: Int32) -> Int64 {
        let held = venue[Int(order)]
        assert(held.reference > 0, "an open order without a reference price")
        let notional = Money.notional(price: held.reference, quantity: held.remainder, tickValue: instruments[Int(held.instrument)].tickValue.value)
        return notional + Money.fee(notional: notional, rate: configuration.fees.taker)
    }

    /// The limit, the trigger, or for a market order the ask (buy) or bid (sell) of the quote in
    /// force, else the last bar's close (evaluated at arrival, then fixed).
    func referencePrice(type: OrderType, side: Side, instrument: Int32) -> Int64? {
        switch type {
        case .limit(let price), .stop(trigger: let price): return price.value
        case .market:
            let market = markets[Int(instrument)]
            if let quote = market.book?.quote { return side == .buy ? quote.ask.value : quote.bid.value }
            return market.lastClose
        }
    }
}
