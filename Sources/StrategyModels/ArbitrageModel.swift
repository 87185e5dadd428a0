import ExchangeVocabulary
import StrategyVocabulary
import TradingVocabulary

/// The plain model of simple arbitrage (`docs/strategies.md`): the rules one by one, orders in
/// a dictionary, positions per venue. Shares no code with production (`Strategies.Arbitrage`).
public struct ArbitrageModel: Sendable {
    public let parameters: ArbitrageParameters
    public var phase: StrategyPhase = .idle
    public var held: [VenueID: Int64] = [.a: 0, .b: 0]
    public var books: [VenueID: BookTicker] = [:]
    public var now: Int64 = 0
    public var deadline: Int64?
    public var legFailed = false
    public var working: [UInt64: TrackedOrder] = [:]
    public var placed = 0
    public var finished = 0
    public var racingFills = 0

    public init(parameters: ArbitrageParameters) {
        self.parameters = parameters
    }

    public var nextID: UInt64 { parameters.firstOrderID.value + UInt64(placed) }
    public var orders: [TrackedOrder] { working.keys.sorted().compactMap { working[$0] } }
    /// What the two venues hold together: zero when hedged.
    public var net: Int64 { (held[.a] ?? 0) + (held[.b] ?? 0) }

    public var observation: ArbitrageObservation {
        ArbitrageObservation(
            parameters: parameters, phase: phase, positionA: held[.a] ?? 0, positionB: held[.b] ?? 0, bookA: books[.a], bookB: books[.b], now: now,
            deadline: deadline, legFailed: legFailed, live: orders, placed: placed, finished: finished, racingFills: racingFills)
    }

    public mutating func apply(_ event: StrategyEvent) -> StrategyStep {
        var step = StrategyStep()
        if phase == .error { go(.closing, &step) }
        switch event {
        case .emergencyStop:
            if !phase.isTerminal {
                go(.stopped, &step)
                cancelLegs(&step)
                let pending = orders.filter { $0.order.purpose == .flatten }.reduce(Int64(0)) { $0 + $1.order.side.sign * $1.remaining.value }
                if net + pending != 0 { unwind(-(net + pending), &step) }
            }
        case .timer(let time):
            now = max(now, time)
            if phase == .executing || phase == .monitoring, let deadline, now >= deadline { cancelLegs(&step) }
            for order in orders where order.state == .cancelFailed {
                working[order.order.id.value]?.state = .cancelRequested
                step.actions.append(.cancel(order.order.id, order.order.venue))
            }
        case .book(let venue, let book):
            if !phase.isTerminal, phase != .closing {
                if book.isTradable {
                    books[venue] = book
                    if phase == .idle { go(.analyzing, &step) }
                } else {
                    error(.badBook(venue, book.problems), &step)
                }
            } else if phase == .closing, !book.isTradable {
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
            held[order.order.venue, default: 0] += order.order.side == .buy ? quantity.value : -quantity.value
            if order.remaining.value == 0 { order.state = .filled }
            if phase == .stopped, order.order.purpose == .leg { step.actions.append(.alert(.exposedAfterStop(inventory: Lots(net)))) }
        case .canceled:
            order.state = .canceled
            if order.order.purpose == .leg { legFailed = true }
            if phase == .stopped, order.order.purpose == .flatten, order.remaining.value > 0 {
                step.actions.append(.alert(.exposedAfterStop(inventory: Lots(net))))
            }
        case .rejected:
            order.state = .rejected
            if order.order.purpose == .leg { legFailed = true }
            if phase == .stopped, order.order.purpose == .flatten, order.remaining.value > 0 {
                step.actions.append(.alert(.exposedAfterStop(inventory: Lots(net))))
            }
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

    mutating func settle(_ step: inout StrategyStep) {
        if phase == .analyzing, placed == 0, let a = books[.a], let b = books[.b] {
            if b.bid.value - a.ask.value > parameters.threshold {
                legs(buyAt: .a, a.ask, sellAt: .b, b.bid, &step)
            } else if a.bid.value - b.ask.value > parameters.threshold {
                legs(buyAt: .b, b.ask, sellAt: .a, a.bid, &step)
            }
        } else if phase == .executing || phase == .monitoring {
            // A leg that ended short: its partner is cancelled; what both hold is unwound.
            if legFailed { cancelLegs(&step) }
            if working.isEmpty {
                if net == 0 {
                    go(.completed, &step)
                } else {
                    go(.closing, &step)
                    unwind(-net, &step)
                }
            } else {
                go(working.values.allSatisfy { $0.state == .open } ? .monitoring : .executing, &step)
            }
        } else if phase == .closing {
            cancelLegs(&step)
            if working.isEmpty {
                if net == 0 { go(.completed, &step) } else { unwind(-net, &step) }
            }
        }
    }

    mutating func legs(buyAt buyVenue: VenueID, _ buyPrice: Ticks, sellAt sellVenue: VenueID, _ sellPrice: Ticks, _ step: inout StrategyStep) {
        add(buyVenue, .buy, parameters.quantity, buyPrice, .leg, &step)
        add(sellVenue, .sell, parameters.quantity, sellPrice, .leg, &step)
        deadline = Int64(clamping: Int128(now) + Int128(parameters.legTimeout))  // the end of the clock at most
        go(.executing, &step)
    }

    /// A market order for `signed` lots: a sale where lots are held, a purchase where short.
    mutating func unwind(_ signed: Int64, _ step: inout StrategyStep) {
        let a = held[.a] ?? 0
        let venue: VenueID = signed < 0 ? (a > 0 ? .a : .b) : (a < 0 ? .a : .b)
        add(venue, signed > 0 ? .buy : .sell, Lots(abs(signed)), nil, .flatten, &step)
    }

    mutating func cancelLegs(_ step: inout StrategyStep) {
        for order in orders where order.order.purpose != .flatten && (order.state == .sent || order.state == .open) {
            working[order.order.id.value]?.state = .cancelRequested
            step.actions.append(.cancel(order.order.id, order.order.venue))
        }
    }

    mutating func add(_ venue: VenueID, _ side: Side, _ quantity: Lots, _ price: Ticks?, _ purpose: OrderPurpose, _ step: inout StrategyStep) {
        let order = StrategyOrder(
            id: ClientOrderID(nextID), venue: venue, symbol: parameters.symbol, side: side, quantity: quantity, limit: price, purpose: purpose)
        working[nextID] = TrackedOrder(order: order)
        placed += 1
        step.actions.append(.place(order))
    }

    mutating func error(_ alert: StrategyAlert, _ step: inout StrategyStep) {
        step.actions.append(.alert(alert))
        if !phase.isTerminal, phase != .error {
            go(.error, &step)
            cancelLegs(&step)
        }
    }

    mutating func go(_ next: StrategyPhase, _ step: inout StrategyStep) {
        if next != phase {
            step.transitions.append(PhaseTransition(phase, next))
            phase = next
        }
    }
}
