import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// The client's side: requests validated before anything is sent.
extension ExchangeModel {
    mutating func submit(_ request: NewOrder, latency: LinkLatency, randomReject: Bool) throws(ClientError) {
        guard isConnected else { throw .disconnected }
        guard (1...VenueLimits.maxQuantity.value).contains(request.quantity.value) else { throw .invalidQuantity(request.quantity) }
        switch request.type {
        case .market: break
        case .limit(let price), .stop(let price):
            guard (1...VenueLimits.maxPrice.value).contains(price.value) else { throw .invalidPrice(price) }
        }
        guard configuration.instrument(request.symbol) != nil else { throw .unknownSymbol }
        guard client[request.id] == nil else { throw .idInUse(request.id) }
        client[request.id] = ClientOrder(request: request, state: .sent, deadline: now + configuration.timeout)
        trackedIDs.insert(request.id, at: trackedIDs.firstIndex { $0 > request.id } ?? trackedIDs.count)
        send(request, latency: latency, randomReject: randomReject)
    }

    mutating func resubmit(_ id: ClientOrderID, latency: LinkLatency, randomReject: Bool) throws(ClientError) {
        guard isConnected else { throw .disconnected }
        guard var order = client[id] else { throw .unknownOrder(id) }
        guard order.state == .notFound else { throw .notResubmittable(id, order.state) }
        order.state = .sent
        order.deadline = now + configuration.timeout
        client[id] = order
        send(order.request, latency: latency, randomReject: randomReject)
    }

    /// Schedules the submit's arrival, then the client's deadline (so that an arrival exactly at
    /// the deadline is processed first).
    private mutating func send(_ request: NewOrder, latency: LinkLatency, randomReject: Bool) {
        schedule(.submitArrives(request, sentAt: now, randomReject: randomReject, back: latency.back), at: now + latency.out)
        schedule(.deadline(request.id, now + configuration.timeout), at: now + configuration.timeout)
    }

    mutating func cancel(_ id: ClientOrderID, latency: LinkLatency, hold: SimDuration, refuse: Bool) throws(ClientError) {
        guard isConnected else { throw .disconnected }
        guard let order = client[id] else { throw .unknownOrder(id) }
        switch order.state {
        case .notFound: throw .notFound(id)
        case .venue(let state) where state.isTerminal: throw .alreadyTerminal(id, state)
        default: break
        }
        schedule(.cancelArrives(id, hold: hold, refuse: refuse, back: latency.back), at: now + latency.out)
    }

    mutating func query(_ id: ClientOrderID, latency: LinkLatency) throws(ClientError) {
        guard isConnected else { throw .disconnected }
        guard client[id] != nil else { throw .unknownOrder(id) }
        schedule(.queryArrives(id, back: latency.back), at: now + latency.out)
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
