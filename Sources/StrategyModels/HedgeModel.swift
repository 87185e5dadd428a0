import ExchangeVocabulary
import StrategyVocabulary
import TradingVocabulary

/// The plain model of the two hedges (`docs/strategies.md`): the rules one by one, orders in a
/// dictionary, positions per leg. Shares no code with production (`Strategies.Hedge`).
public struct HedgeModel: Sendable {
    public let parameters: HedgeParameters
    public var phase: StrategyPhase = .idle
    public var held: [VenueID: Int64] = [.a: 0, .b: 0]
    public var books: [VenueID: BookTicker] = [:]
    public var now: Int64 = 0
    public var direction: Int64 = 0
    public var deadline: Int64?
    public var working: [UInt64: TrackedOrder] = [:]
    public var placed = 0
    public var finished = 0
    public var rebalances = 0

    public init(parameters: HedgeParameters) {
        self.parameters = parameters
    }

    public var nextID: UInt64 { parameters.firstOrderID.value + UInt64(placed) }
    public var orders: [TrackedOrder] { working.keys.sorted().compactMap { working[$0] } }
    var a: Int64 { held[.a] ?? 0 }
    var b: Int64 { held[.b] ?? 0 }

    public var observation: HedgeObservation {
        HedgeObservation(
            parameters: parameters, phase: phase, positionA: a, positionB: b, bookA: books[.a], bookB: books[.b], now: now, direction: direction,
            deadline: deadline, live: orders, placed: placed, finished: finished, rebalances: rebalances)
    }

    /// B's mid − A's mid − the fair spread, once both books are in; exact in 128 bits, then held
    /// to ±`Int64.max` (beyond the entry either way, it decides alike).
    var deviation: Int64? {
        guard let bookA = books[.a], let bookB = books[.b] else { return nil }
        let exact = Int128(bookB.mid.value) - Int128(bookA.mid.value) - Int128(parameters.fairSpread.value)
        return Int64(clamping: max(exact, -Int128(Int64.max)))
    }

    public mutating func apply(_ event: StrategyEvent) -> StrategyStep {
        var step = StrategyStep()
        if phase == .error { go(.closing, &step) }
        switch event {
        case .emergencyStop:
            if !phase.isTerminal {
                go(.stopped, &step)
                cancelOthers(&step)
                for venue in [VenueID.a, .b] {
                    let pending = orders.filter { $0.order.purpose == .flatten && $0.order.venue == venue }
                        .reduce(Int64(0)) { $0 + $1.order.side.sign * $1.remaining.value }
                    let need = -((held[venue] ?? 0) + pending)
                    if need != 0 { add(venue, need, nil, .flatten, &step) }
                }
            }
        case .timer(let time):
            now = max(now, time)
            if phase == .executing, let deadline, now >= deadline { cancelOthers(&step) }
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
            order.filled = Lots(order.filled.value + quantity.value)
            held[order.order.venue, default: 0] += order.order.side == .buy ? quantity.value : -quantity.value
            if order.remaining.value == 0 { order.state = .filled }
            if phase == .stopped, order.order.purpose != .flatten { step.actions.append(.alert(.exposedAfterStop(inventory: Lots(a + b)))) }
        case .canceled:
            order.state = .canceled
            if phase == .stopped, order.order.purpose == .flatten, order.remaining.value > 0 {
                step.actions.append(.alert(.exposedAfterStop(inventory: Lots(held[order.order.venue] ?? 0))))  // that leg's
            }
        case .rejected:
            order.state = .rejected
            if phase == .stopped, order.order.purpose == .flatten, order.remaining.value > 0 {
                step.actions.append(.alert(.exposedAfterStop(inventory: Lots(held[order.order.venue] ?? 0))))  // that leg's
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
        // 1. Nothing is held from the roll point on: a trading machine closes.
        if [.idle, .analyzing, .executing, .monitoring].contains(phase), now >= parameters.expiry - parameters.rollBuffer { go(.closing, &step) }
        // 2. The signal opens the legs, once: buy the cheap leg at its ask, sell the dear one at its bid.
        if phase == .analyzing, direction == 0, let deviation {
            let opening = parameters.direction(for: deviation)
            if opening != 0, let bookA = books[.a], let bookB = books[.b] {
                direction = opening
                let lots = parameters.quantity.value
                add(.a, opening * lots, opening > 0 ? bookA.ask : bookA.bid, .leg, &step)
                add(.b, -opening * lots, opening > 0 ? bookB.bid : bookB.ask, .leg, &step)
                deadline = Int64(clamping: Int128(now) + Int128(parameters.legTimeout))  // the end of the clock at most
                go(.executing, &step)
            }
        }
        // 3. The legs are done: hedged (whatever filled), or nothing happened at all.
        if phase == .executing, working.isEmpty { go(a == 0 && b == 0 ? .completed : .monitoring, &step) }
        // 4. Held: close once the spread is back within the exit; else rebalance beyond the band.
        if phase == .monitoring {
            if let deviation, direction * deviation <= parameters.exit.value {
                go(.closing, &step)
            } else if working.isEmpty, abs(a + b) > parameters.tolerance.value {
                rebalance(&step)
            }
        }
        // 5. Closing: cancel the rest, then sell what is long and buy back what is short.
        if phase == .closing {
            cancelOthers(&step)
            if working.isEmpty {
                if a == 0, b == 0 {
                    go(.completed, &step)
                } else {
                    if a != 0 { add(.a, -a, nil, .flatten, &step) }
                    if b != 0 { add(.b, -b, nil, .flatten, &step) }
                }
            }
        }
    }

    /// The excess a + b goes back through the leg that has not reached its target in that
    /// direction (the farther one; B on a tie), by no more than that leg's gap.
    mutating func rebalance(_ step: inout StrategyStep) {
        let excess = a + b
        let lots = parameters.quantity.value
        let gaps: [(venue: VenueID, gap: Int64)] = [(.b, -direction * lots - b), (.a, direction * lots - a)]
        let lagging = gaps.filter { excess > 0 ? $0.gap < 0 : $0.gap > 0 }
        guard let leg = lagging.max(by: { abs($0.gap) < abs($1.gap) }) else { return }
        rebalances += 1
        let size = min(abs(excess), abs(leg.gap))
        add(leg.venue, excess > 0 ? -size : size, nil, .rebalance, &step)
    }

    /// Cancels every working order but the flattening ones.
    mutating func cancelOthers(_ step: inout StrategyStep) {
        for order in orders where order.order.purpose != .flatten && (order.state == .sent || order.state == .open) {
            working[order.order.id.value]?.state = .cancelRequested
            step.actions.append(.cancel(order.order.id, order.order.venue))
        }
    }

    mutating func add(_ venue: VenueID, _ signed: Int64, _ price: Ticks?, _ purpose: OrderPurpose, _ step: inout StrategyStep) {
        let order = StrategyOrder(
            id: ClientOrderID(nextID), venue: venue, symbol: venue == .a ? parameters.legA : parameters.legB, side: signed > 0 ? .buy : .sell,
            quantity: Lots(abs(signed)), limit: price, purpose: purpose)
        working[nextID] = TrackedOrder(order: order)
        placed += 1
        step.actions.append(.place(order))
    }

    mutating func error(_ alert: StrategyAlert, _ step: inout StrategyStep) {
        step.actions.append(.alert(alert))
        if !phase.isTerminal, phase != .error {
            go(.error, &step)
            cancelOthers(&step)
        }
    }

    mutating func go(_ next: StrategyPhase, _ step: inout StrategyStep) {
        if next != phase {
            step.transitions.append(PhaseTransition(phase, next))
            phase = next
        }
    }
}
