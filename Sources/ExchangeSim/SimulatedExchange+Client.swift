import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// The client's requests (`docs/exchange.md`, orders at the client): validated before anything is
/// sent; a refusal is a typed error and changes nothing.
extension SimulatedExchange {
    /// Sends `request` (client state SENT, deadline now + timeout).
    ///
    /// - Parameters:
    ///   - latency: `out` to the venue, `back` for every report about the order.
    ///   - randomReject: the driver's reject flag (a reject storm's rate during a storm).
    /// - Throws: `disconnected`, `invalidLatency`, `invalidQuantity`, `invalidPrice`,
    ///   `unknownSymbol`, `idInUse`, checked in that order.
    public mutating func submit(_ request: NewOrder, latency: LinkLatency, randomReject: Bool) throws(ClientError) {
        defer { checkInvariantsIfEnabled() }
        guard connected else { throw .disconnected }
        guard accepts(latency) else { throw .invalidLatency(latency) }
        guard (1...VenueLimits.maxQuantity.value).contains(request.quantity.value) else { throw .invalidQuantity(request.quantity) }
        switch request.type {
        case .market: break
        case .limit(let price), .stop(trigger: let price):
            guard (1...VenueLimits.maxPrice.value).contains(price.value) else { throw .invalidPrice(price) }
        }
        guard instrumentIndex(request.symbol) != nil else { throw .unknownSymbol }
        guard clientIndex[request.id] == nil else { throw .idInUse(request.id) }
        let slot = Int32(client.count)
        client.append(ClientOrder(request: request, state: .sent, filled: 0, deadline: now, lastApplied: 0))
        clientIndex[request.id] = slot
        send(slot, latency: latency, randomReject: randomReject)
    }

    /// Resends the NOT_FOUND order `id` with the same request and a new deadline (state SENT).
    ///
    /// - Throws: `disconnected`, `invalidLatency`, `unknownOrder`, `notResubmittable`, in that
    ///   order.
    public mutating func resubmit(_ id: ClientOrderID, latency: LinkLatency, randomReject: Bool) throws(ClientError) {
        defer { checkInvariantsIfEnabled() }
        guard connected else { throw .disconnected }
        guard accepts(latency) else { throw .invalidLatency(latency) }
        guard let slot = clientIndex[id] else { throw .unknownOrder(id) }
        let state = client[Int(slot)].state
        if mutation == .timedOutResentAsNew, state == .unknown {
            var copy = client[Int(slot)].request
            copy.id = ClientOrderID(id.value + 1_000_000)
            try submit(copy, latency: latency, randomReject: randomReject)
            return
        }
        guard state == .notFound else { throw .notResubmittable(id, state) }
        send(slot, latency: latency, randomReject: randomReject)
    }

    /// Asks the venue to cancel `id`; `hold` is the venue's processing time, `refuse` the
    /// driver's random refusal. The client state does not change until a report says so.
    ///
    /// - Throws: `disconnected`, `invalidLatency`, `invalidHold`, `unknownOrder`, `notFound`,
    ///   `alreadyTerminal`, in that order.
    public mutating func cancel(_ id: ClientOrderID, latency: LinkLatency, hold: SimDuration, refuse: Bool) throws(ClientError) {
        defer { checkInvariantsIfEnabled() }
        guard connected else { throw .disconnected }
        guard accepts(latency) else { throw .invalidLatency(latency) }
        guard (0...VenueLimits.maxLatency).contains(hold.nanoseconds) else { throw .invalidHold(hold) }
        guard let slot = clientIndex[id] else { throw .unknownOrder(id) }
        switch client[Int(slot)].state {
        case .notFound: throw .notFound(id)
        case .venue(let state) where state.isTerminal: throw .alreadyTerminal(id, state)
        case .sent, .unknown, .venue: break
        }
        queue.schedule(.cancelArrives(client: slot, hold: hold, refuse: refuse, back: latency.back), at: now + latency.out)
    }

    /// Asks the venue for the order's state: a report, or NOT_FOUND (final only if answered
    /// after the order's deadline).
    ///
    /// - Throws: `disconnected`, `invalidLatency`, `unknownOrder`.
    public mutating func query(_ id: ClientOrderID, latency: LinkLatency) throws(ClientError) {
        defer { checkInvariantsIfEnabled() }
        guard connected else { throw .disconnected }
        guard accepts(latency) else { throw .invalidLatency(latency) }
        guard let slot = clientIndex[id] else { throw .unknownOrder(id) }
        queue.schedule(.queryArrives(client: slot, back: latency.back), at: now + latency.out)
    }

    /// True when the client takes `latency` (`LinkLatency.isValid`; the zoo's `latencyUnbounded`
    /// forgets the upper bound).
    private func accepts(_ latency: LinkLatency) -> Bool {
        guard mutation == .latencyUnbounded else { return latency.isValid }
        return latency.out >= .zero && latency.back >= .zero
    }

    /// Sends the client order in `slot`: state SENT, a new deadline; the message is scheduled
    /// before the deadline timer, so a submit arriving exactly at the deadline is processed first.
    private mutating func send(_ slot: Int32, latency: LinkLatency, randomReject: Bool) {
        let deadline = now + configuration.timeout
        client[Int(slot)].state = .sent
        client[Int(slot)].deadline = deadline
        queue.schedule(.submitArrives(client: slot, sentAt: now, randomReject: randomReject, back: latency.back), at: now + latency.out)
        // now and the timeout only grow or stay: deadlines are scheduled in time order.
        queue.scheduleInOrder(.deadline(client: slot, deadline: deadline), at: deadline)
    }

    /// A report reaching the client: applied if its sequence number is new (a NOT_FOUND state is
    /// final and takes no report).
    mutating func receiveReport(client slot: Int32, state: VenueOrderState, filled: Int64, fillPriceTotal: Int64, sequence: UInt32) {
        var order = client[Int(slot)]
        guard order.state != .notFound, sequence > order.lastApplied else { return }
        order.state = .venue(state)
        order.filled = filled
        order.fillPriceTotal = fillPriceTotal
        order.lastApplied = sequence
        client[Int(slot)] = order
    }

    /// A NOT_FOUND answer: final if the venue answered after the order's (current) deadline.
    mutating func receiveNotFound(client slot: Int32, answeredAt: SimTime) {
        guard answeredAt > client[Int(slot)].deadline else { return }
        client[Int(slot)].state = .notFound
    }

    /// The deadline timer: no report since the (re)submit leaves the client SENT, now UNKNOWN.
    mutating func deadlinePassed(client slot: Int32, deadline: SimTime) {
        guard client[Int(slot)].deadline == deadline, client[Int(slot)].state == .sent else { return }
        client[Int(slot)].state = .unknown
    }
}
