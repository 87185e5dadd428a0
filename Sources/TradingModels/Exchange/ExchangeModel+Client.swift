import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// The client's side: requests validated before anything is sent.
extension ExchangeModel {
    mutating func submit(_ request: NewOrder, latency: LinkLatency, randomReject: Bool) throws(ClientError) {
        guard isConnected else { throw .disconnected }
        guard Self.isValid(latency) else { throw .invalidLatency(latency) }
        guard (1...VenueLimits.maxQuantity.value).contains(request.quantity.value) else { throw .invalidQuantity(request.quantity) }
        switch request.type {
        case .market: break
        case .limit(let price), .stop(let price):
            guard (1...VenueLimits.maxPrice.value).contains(price.value) else { throw .invalidPrice(price) }
        }
        guard configuration.instrument(request.symbol) != nil else { throw .unknownSymbol }
        guard clientSlot(request.id) == nil else { throw .idInUse(request.id) }
        let slot = insertionSlot(request.id)
        clientOrders.insert(ClientOrder(request: request, state: .sent, deadline: now + configuration.timeout), at: slot)
        trackedIDs.insert(request.id, at: slot)
        send(request, latency: latency, randomReject: randomReject)
    }

    mutating func resubmit(_ id: ClientOrderID, latency: LinkLatency, randomReject: Bool) throws(ClientError) {
        guard isConnected else { throw .disconnected }
        guard Self.isValid(latency) else { throw .invalidLatency(latency) }
        guard let slot = clientSlot(id) else { throw .unknownOrder(id) }
        guard clientOrders[slot].state == .notFound else { throw .notResubmittable(id, clientOrders[slot].state) }
        clientOrders[slot].state = .sent
        clientOrders[slot].deadline = now + configuration.timeout
        send(clientOrders[slot].request, latency: latency, randomReject: randomReject)
    }

    /// Schedules the submit's arrival, then the client's deadline (so that an arrival exactly at
    /// the deadline is processed first).
    private mutating func send(_ request: NewOrder, latency: LinkLatency, randomReject: Bool) {
        schedule(.submitArrives(request, sentAt: now, randomReject: randomReject, back: latency.back), at: now + latency.out)
        schedule(.deadline(request.id, now + configuration.timeout), at: now + configuration.timeout)
    }

    mutating func cancel(_ id: ClientOrderID, latency: LinkLatency, hold: SimDuration, refuse: Bool) throws(ClientError) {
        guard isConnected else { throw .disconnected }
        guard Self.isValid(latency) else { throw .invalidLatency(latency) }
        guard hold >= .zero, hold <= SimDuration(nanoseconds: VenueLimits.maxLatency) else { throw .invalidHold(hold) }
        guard let slot = clientSlot(id) else { throw .unknownOrder(id) }
        switch clientOrders[slot].state {
        case .notFound: throw .notFound(id)
        case .venue(let state) where state.isTerminal: throw .alreadyTerminal(id, state)
        default: break
        }
        schedule(.cancelArrives(id, hold: hold, refuse: refuse, back: latency.back), at: now + latency.out)
    }

    mutating func query(_ id: ClientOrderID, latency: LinkLatency) throws(ClientError) {
        guard isConnected else { throw .disconnected }
        guard Self.isValid(latency) else { throw .invalidLatency(latency) }
        guard clientSlot(id) != nil else { throw .unknownOrder(id) }
        schedule(.queryArrives(id, back: latency.back), at: now + latency.out)
    }

    /// Each leg at least zero and at most one day (`VenueLimits.maxLatency`), written out here
    /// rather than read from `LinkLatency.isValid`.
    static func isValid(_ latency: LinkLatency) -> Bool {
        let day = SimDuration(nanoseconds: VenueLimits.maxLatency)
        return latency.out >= .zero && latency.out <= day && latency.back >= .zero && latency.back <= day
    }

    mutating func disconnect() {
        guard isConnected else { return }
        isConnected = false
        guard configuration.cancelOnDisconnect else { return }
        for index in orders.indices where orders[index].isOpen {
            change(index, to: .canceled, back: orders[index].back)
        }
    }
}
