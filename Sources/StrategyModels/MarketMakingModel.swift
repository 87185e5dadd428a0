import ExchangeVocabulary
import StrategyVocabulary
import TradingVocabulary

/// The plain model of market making (`docs/strategies.md`): the rules written down one by one,
/// with orders in a dictionary and the wanted quotes worked out from scratch at every event.
/// It shares no code with production (`Strategies.MarketMaker`); the check compares the two.
public struct MarketMakingModel: Sendable {
    public let parameters: MarketMakingParameters
    public var phase: StrategyPhase = .idle
    public var pull: MarketMakingPull = .none
    public var inventory: Int64 = 0
    public var lastMid: Ticks?
    public var now: Int64 = 0
    /// Every order placed and not yet terminal, by id.
    public var working: [UInt64: TrackedOrder] = [:]
    public var placed = 0
    public var finished = 0
    public var racingFills = 0

    public init(parameters: MarketMakingParameters) {
        self.parameters = parameters
    }

    /// The id the next order gets: ids count up from the first.
    public var nextID: UInt64 { parameters.firstOrderID.value + UInt64(placed) }

    public var observation: MarketMakingObservation {
        MarketMakingObservation(
            parameters: parameters, phase: phase, pull: pull, inventory: inventory, lastMid: lastMid, now: now,
            live: working.keys.sorted().compactMap { working[$0] }, placed: placed, finished: finished, racingFills: racingFills)
    }

    /// The working orders in id order.
    public var orders: [TrackedOrder] { working.keys.sorted().compactMap { working[$0] } }

    /// Whether the phase still trades (not CLOSING, ERROR, or terminal).
    var trading: Bool { [.idle, .analyzing, .executing, .monitoring].contains(phase) }

    public mutating func apply(_ event: StrategyEvent) -> StrategyStep {
        var step = StrategyStep()
        // Rule 1: ERROR lasts one event; the next one starts by closing.
        if phase == .error { go(.closing, &step) }
        switch event {
        case .emergencyStop:
            if !phase.isTerminal {
                go(.stopped, &step)
                cancelQuotes(&step)
                let pending = orders.filter { $0.order.purpose == .flatten }.reduce(Int64(0)) { $0 + $1.order.side.sign * $1.remaining.value }
                if inventory + pending != 0 { flatten(-(inventory + pending), &step) }
            }
        case .timer(let time):
            now = max(now, time)
            if trading, now >= parameters.endsAt { go(.closing, &step) }
            for order in orders where order.state == .cancelFailed {
                working[order.order.id.value]?.state = .cancelRequested
                step.actions.append(.cancel(order.order.id, .a))
            }
        case .book(let venue, let book):
            if venue == .a, trading {
                if book.isTradable {
                    if phase == .idle { go(.analyzing, &step) }
                    let jump = lastMid.map { abs(book.mid.value - $0.value) } ?? 0
                    pull = jump > parameters.volatilityLimit.value ? .volatility : .none
                    lastMid = book.mid
                } else {
                    error(.badBook(venue, book.problems), &step)
                }
            } else if venue == .a, phase == .closing, !book.isTradable {
                step.actions.append(.alert(.badBook(venue, book.problems)))  // told, nothing else
            }
        case .order(let report):
            receive(report, &step)
        }
        if !phase.isTerminal, phase != .error { settle(&step) }
        return step
    }

    mutating func receive(_ report: OrderReport, _ step: inout StrategyStep) {
        let id = report.id.value
        guard var order = working[id] else {
            if id < parameters.firstOrderID.value || id >= nextID { error(.unknownOrder(report.id), &step) }
            return
        }
        switch report {
        case .accepted:
            if order.state == .sent { order.state = .open }
        case .filled(_, let quantity, _):
            if quantity.value <= 0 { return }
            if quantity.value > order.remaining.value {
                error(.overfill(report.id, quantity), &step)
                return
            }
            if order.state == .cancelRequested || order.state == .cancelFailed { racingFills += 1 }
            order.filled = Lots(order.filled.value + quantity.value)
            inventory += order.order.side == .buy ? quantity.value : -quantity.value
            if order.remaining.value == 0 { order.state = .filled }
            if phase == .stopped, order.order.purpose == .quote { step.actions.append(.alert(.exposedAfterStop(inventory: Lots(inventory)))) }
        case .canceled:
            order.state = .canceled
            if phase == .stopped, order.order.purpose == .flatten, order.remaining.value > 0 {
                step.actions.append(.alert(.exposedAfterStop(inventory: Lots(inventory))))
            }
        case .rejected(_, let cause):
            order.state = .rejected
            if phase == .stopped, order.order.purpose == .flatten, order.remaining.value > 0 {
                step.actions.append(.alert(.exposedAfterStop(inventory: Lots(inventory))))
            }
            if cause == .riskStack, order.order.purpose == .quote, trading { pull = .risk }
        case .cancelFailed:
            if order.state == .cancelRequested { order.state = .cancelFailed }
        }
        if order.state.isTerminal {
            working[id] = nil
            finished += 1
        } else {
            working[id] = order
        }
    }

    /// After every event of a non-terminal phase: CLOSING cancels, flattens, completes; a
    /// trading phase keeps exactly the wanted quotes, placing new ones only when none works.
    mutating func settle(_ step: inout StrategyStep) {
        if phase == .closing {
            cancelQuotes(&step)
            if working.isEmpty {
                if inventory == 0 { go(.completed, &step) } else { flatten(-inventory, &step) }
            }
            return
        }
        guard let mid = lastMid else { return }
        let wanted = pull == .none ? wantedQuotes(mid) : []
        for order in orders where order.state == .sent || order.state == .open {
            let keep = wanted.contains { $0.side == order.order.side && $0.price == order.order.limit }
            if !keep {
                working[order.order.id.value]?.state = .cancelRequested
                step.actions.append(.cancel(order.order.id, .a))
            }
        }
        if working.isEmpty {
            for quote in wanted { add(quote.side, quote.size, quote.price, .quote, &step) }
        }
        let next: StrategyPhase
        if pull != .none || working.isEmpty {
            next = .analyzing
        } else if working.values.allSatisfy({ $0.state == .open }) {
            next = .monitoring
        } else {
            next = .executing
        }
        go(next, &step)
    }

    /// The bid (first) and ask the mid and inventory call for: mid ∓ half spread, both moved
    /// down by the skew per lot held; each inside the venue's prices (1 … `VenueLimits.maxPrice`)
    /// and sized to keep inventory in ±limit. Exact: summed in 128 bits.
    func wantedQuotes(_ mid: Ticks) -> [(side: Side, price: Ticks, size: Lots)] {
        let center = Int128(mid.value) - Int128(inventory) * Int128(parameters.skewPerLot.value)
        let prices = Int128(1)...Int128(VenueLimits.maxPrice.value)
        let limit = parameters.inventoryLimit.value
        var quotes: [(side: Side, price: Ticks, size: Lots)] = []
        let bid = center - Int128(parameters.halfSpread.value)
        let bidSize = min(parameters.quoteSize.value, limit - inventory)
        if prices.contains(bid), bidSize >= 1 { quotes.append((.buy, Ticks(Int64(bid)), Lots(bidSize))) }
        let ask = center + Int128(parameters.halfSpread.value)
        let askSize = min(parameters.quoteSize.value, limit + inventory)
        if prices.contains(ask), askSize >= 1 { quotes.append((.sell, Ticks(Int64(ask)), Lots(askSize))) }
        return quotes
    }

    mutating func cancelQuotes(_ step: inout StrategyStep) {
        for order in orders where order.order.purpose == .quote && (order.state == .sent || order.state == .open) {
            working[order.order.id.value]?.state = .cancelRequested
            step.actions.append(.cancel(order.order.id, .a))
        }
    }

    mutating func flatten(_ signed: Int64, _ step: inout StrategyStep) {
        add(signed > 0 ? .buy : .sell, Lots(abs(signed)), nil, .flatten, &step)
    }

    mutating func add(_ side: Side, _ size: Lots, _ price: Ticks?, _ purpose: OrderPurpose, _ step: inout StrategyStep) {
        let order = StrategyOrder(
            id: ClientOrderID(nextID), venue: .a, symbol: parameters.symbol, side: side, quantity: size, limit: price, purpose: purpose)
        working[nextID] = TrackedOrder(order: order)
        placed += 1
        step.actions.append(.place(order))
    }

    /// A problem: alerted always; a non-terminal machine goes to ERROR and cancels its quotes.
    mutating func error(_ alert: StrategyAlert, _ step: inout StrategyStep) {
        step.actions.append(.alert(alert))
        if !phase.isTerminal, phase != .error {
            go(.error, &step)
            cancelQuotes(&step)
        }
    }

    mutating func go(_ next: StrategyPhase, _ step: inout StrategyStep) {
        if next != phase {
            step.transitions.append(PhaseTransition(phase, next))
            phase = next
        }
    }
}
