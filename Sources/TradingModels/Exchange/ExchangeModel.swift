import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// The reference model of the simulated exchange (`docs/exchange.md`), written as plainly as
/// possible: orders in an array in arrival order, pending messages in an array scanned for the
/// earliest, and the books the fill log folded one fill at a time (`ExchangeBooks`).
public struct ExchangeModel: Sendable {
    /// One order at the venue.
    struct Order: Sendable {
        var request: NewOrder
        var state: VenueOrderState
        var filled: Lots = .zero
        /// Σ price × quantity of its fills (ticks × lots).
        var fillPriceTotal: Int64 = 0
        var rejectReason: RejectReason?
        var liquidity: Liquidity
        var triggered = false
        /// The price its reservation uses, fixed at arrival.
        var reference: Ticks
        /// The sequence number of its last change (each change sends one report).
        var sequence: UInt64 = 1
        /// The latency of its reports (the submit's `back`).
        var back: SimDuration

        var remaining: Int64 { request.quantity.value - filled.value }
        var isOpen: Bool { !state.isTerminal }
    }

    /// One order as the client tracks it.
    struct ClientOrder: Sendable {
        var request: NewOrder
        var state: ClientOrderState
        var filled: Lots = .zero
        var fillPriceTotal: Int64 = 0
        var deadline: SimTime
        var lastSequence: UInt64 = 0
    }

    /// What travels or waits on the virtual clock.
    enum Message: Sendable {
        case submitArrives(NewOrder, sentAt: SimTime, randomReject: Bool, back: SimDuration)
        case deadline(ClientOrderID, SimTime)
        case cancelArrives(ClientOrderID, hold: SimDuration, refuse: Bool, back: SimDuration)
        case cancelDecision(ClientOrderID, refuse: Bool, back: SimDuration)
        case queryArrives(ClientOrderID, back: SimDuration)
        case report(ClientOrderID, VenueOrderState, Lots, fillPriceTotal: Int64, sequence: UInt64)
        case notFound(ClientOrderID, answeredAt: SimTime)
    }

    struct Scheduled: Sendable {
        var time: SimTime
        var sequence: UInt64
        var message: Message
    }

    /// The quote in force and how much of it has been taken.
    struct LiveQuote: Sendable {
        var quote: QuoteUpdate
        var askOffset: Int64 = 0
        var askLeft: Int64
        var bidOffset: Int64 = 0
        var bidLeft: Int64
    }

    private(set) var setup: VenueSetup
    var configuration: VenueConfiguration
    var now: SimTime
    public internal(set) var isConnected = true
    public internal(set) var isRejectStorm = false
    public internal(set) var isBookStale = false
    /// In arrival order: the priority order of pricing.
    var orders: [Order] = []
    /// The client's orders, sorted by id (`trackedIDs[i]` is `clientOrders[i].request.id`).
    var clientOrders: [ClientOrder] = []
    var messages: [Scheduled] = []
    var nextMessage: UInt64 = 0
    var fills: [Fill] = []
    /// The fill log folded (`ExchangeBooks`), one fill at a time as each is booked.
    var books: AccountSnapshot
    var quotes: [Symbol: LiveQuote] = [:]
    var lastClose: [Symbol: Ticks] = [:]
    /// The quote the client last received per symbol, sorted by symbol.
    var clientQuotes: [ClientQuote] = []
    /// True until the client sends its first request: a `configure` (a fresh start with
    /// another setup) is only drawn while nothing has been sent.
    public var canConfigure: Bool { trackedIDs.isEmpty }

    public init(setup: VenueSetup = VenueSetup()) {
        self.setup = setup
        configuration = setup.configuration
        now = configuration.start
        books = ExchangeBooks.account(after: [], initialCash: configuration.initialCash)
    }

    /// The ids the client tracks, in order: what cancels, queries and resubmits draw from (kept
    /// sorted as `submit` adds them; orders are never forgotten).
    public internal(set) var trackedIDs: [ClientOrderID] = []
    /// The client's state of an order.
    public func clientState(_ id: ClientOrderID) -> ClientOrderState? { clientSlot(id).map { clientOrders[$0].state } }
    /// The tracked ids of the orders the client holds in one of `states`, in id order.
    public func trackedIDs(in states: ClientOrderState...) -> [ClientOrderID] {
        clientOrders.compactMap { states.contains($0.state) ? $0.request.id : nil }
    }
    /// Where order `id` is in `clientOrders` (binary search over `trackedIDs`).
    func clientSlot(_ id: ClientOrderID) -> Int? {
        let slot = insertionSlot(id)
        return slot < trackedIDs.count && trackedIDs[slot] == id ? slot : nil
    }
    /// The first slot whose id is not below `id`.
    func insertionSlot(_ id: ClientOrderID) -> Int {
        var low = 0
        var high = trackedIDs.count
        while low < high {
            let mid = (low + high) / 2
            if trackedIDs[mid] < id { low = mid + 1 } else { high = mid }
        }
        return low
    }
    /// The symbol of the order the client sent last, for generators.
    public var newestOrderSymbol: Symbol? { clientOrders.last?.request.symbol }
    /// The next id never used.
    public var freshID: ClientOrderID { ClientOrderID((trackedIDs.last?.value ?? 0) + 1) }
    /// The last price the venue knows of a symbol (quote mid or last close), for generators.
    public func referencePrice(_ symbol: Symbol) -> Ticks? {
        if let live = quotes[symbol] { return Ticks((live.quote.bid.value + live.quote.ask.value) / 2) }
        return lastClose[symbol]
    }

    public var observation: ExchangeObservation {
        ExchangeObservation(
            now: now, isConnected: isConnected, isRejectStorm: isRejectStorm, isBookStale: isBookStale,
            venueOrders: venueOrdersByID,
            clientOrders: clientOrders.map {
                ClientOrderSnapshot(id: $0.request.id, state: $0.state, filled: $0.filled, fillPriceTotal: $0.fillPriceTotal, deadline: $0.deadline)
            },
            fills: fills, account: books, clientQuotes: clientQuotes,
            initialCash: configuration.initialCash, fees: configuration.fees)
    }

    /// The venue's orders as snapshots, sorted by id (arrival order is nearly id order, so the
    /// in-place sort is close to linear).
    private var venueOrdersByID: [VenueOrderSnapshot] {
        var snapshots = orders.map {
            VenueOrderSnapshot(
                request: $0.request, state: $0.state, filled: $0.filled, fillPriceTotal: $0.fillPriceTotal, rejectReason: $0.rejectReason,
                liquidity: $0.liquidity, triggered: $0.triggered)
        }
        snapshots.sort { $0.request.id < $1.request.id }
        return snapshots
    }

    /// Applies one command.
    public mutating func apply(_ command: ExchangeCommand) -> ExchangeOutcome {
        switch command {
        case .configure(let setup):
            precondition(canConfigure, "configure is only drawn before the client sends anything")
            self = ExchangeModel(setup: setup)
            return .done
        case .submit, .resubmit, .cancel, .query:
            do throws(ClientError) {
                try clientRequest(command)
                return .done
            } catch {
                return .refused(error)
            }
        case .advance(let duration):
            advance(by: duration)
            return .done
        case .quote(let quote):
            if let problem = validate(quote) { return .badMarketData(problem) }
            apply(quote)
            return .done
        case .bar(let bar):
            if let problem = validate(bar) { return .badMarketData(problem) }
            apply(bar)
            return .done
        case .disconnect:
            disconnect()
            return .done
        case .reconnect:
            isConnected = true
            return .done
        case .rejectStorm(let on):
            isRejectStorm = on
            return .done
        case .staleBook(let on):
            isBookStale = on
            return .done
        }
    }

    private mutating func clientRequest(_ command: ExchangeCommand) throws(ClientError) {
        switch command {
        case .submit(let request, let latency, let randomReject): try submit(request, latency: latency, randomReject: randomReject)
        case .resubmit(let id, let latency, let randomReject): try resubmit(id, latency: latency, randomReject: randomReject)
        case .cancel(let id, let latency, let hold, let refuse): try cancel(id, latency: latency, hold: hold, refuse: refuse)
        case .query(let id, let latency): try query(id, latency: latency)
        default: preconditionFailure("not a client request: \(command)")
        }
    }

    // MARK: - Scheduling

    mutating func schedule(_ message: Message, at time: SimTime) {
        messages.append(Scheduled(time: time, sequence: nextMessage, message: message))
        nextMessage += 1
    }

    /// Delivers every message due by now + `duration`, earliest first (ties: scheduling order).
    /// A negative duration counts as zero (the clock never goes back); a target past the
    /// clock's end (`VenueLimits.maxTime`) stops there.
    mutating func advance(by duration: SimDuration) {
        let wanted = Int128(now.nanoseconds) + Int128(max(duration.nanoseconds, 0))
        let target = SimTime(nanoseconds: Int64(min(wanted, Int128(VenueLimits.maxTime))))
        while let index = earliestDue(by: target) {
            let next = messages.remove(at: index)
            now = next.time
            deliver(next.message)
        }
        if target > now { now = target }
    }

    private func earliestDue(by target: SimTime) -> Int? {
        var best: Int?
        for index in messages.indices where messages[index].time <= target {
            if let current = best {
                let a = messages[index]
                let b = messages[current]
                if (a.time, a.sequence) < (b.time, b.sequence) { best = index }
            } else {
                best = index
            }
        }
        return best
    }

    private mutating func deliver(_ message: Message) {
        switch message {
        case .submitArrives(let request, let sentAt, let randomReject, let back):
            guard isConnected else { return }
            guard now <= sentAt + configuration.timeout else { return }
            arrive(request, randomReject: randomReject, back: back)
        case .deadline(let id, let deadline):
            if let slot = clientSlot(id), clientOrders[slot].state == .sent, clientOrders[slot].deadline == deadline {
                clientOrders[slot].state = .unknown
            }
        case .cancelArrives(let id, let hold, let refuse, let back):
            guard isConnected else { return }
            cancelArrives(id, hold: hold, refuse: refuse, back: back)
        case .cancelDecision(let id, let refuse, let back):
            decideCancel(id, refuse: refuse, back: back)
        case .queryArrives(let id, let back):
            guard isConnected else { return }
            if let order = orders.first(where: { $0.request.id == id }) {
                schedule(.report(id, order.state, order.filled, fillPriceTotal: order.fillPriceTotal, sequence: order.sequence), at: now + back)
            } else {
                schedule(.notFound(id, answeredAt: now), at: now + back)
            }
        case .report(let id, let state, let filled, let fillPriceTotal, let sequence):
            guard isConnected, let slot = clientSlot(id), sequence > clientOrders[slot].lastSequence else { return }
            clientOrders[slot].state = .venue(state)
            clientOrders[slot].filled = filled
            clientOrders[slot].fillPriceTotal = fillPriceTotal
            clientOrders[slot].lastSequence = sequence
        case .notFound(let id, let answeredAt):
            guard isConnected, let slot = clientSlot(id), clientOrders[slot].state == .sent || clientOrders[slot].state == .unknown,
                answeredAt > clientOrders[slot].deadline
            else { return }
            clientOrders[slot].state = .notFound
        }
    }
}
