import ExchangeVocabulary
import StrategyVocabulary
import TradingVocabulary

/// What the three strategy machines share: a phase, the orders they placed and still track, and
/// the bookkeeping of both. Each machine keeps its own rules (how an event moves it, what it
/// settles afterwards, what an error cancels); the steps common to all of them live here once.
protocol OrderTrackingMachine {
    var phase: StrategyPhase { get set }
    /// Orders not yet terminal, in id order (ids only grow, so appending keeps the order).
    var live: [TrackedOrder] { get set }
    var placed: Int { get set }
    var finished: Int { get set }
    var nextID: UInt64 { get set }

    mutating func stop(_ step: inout StrategyStep)
    mutating func tick(_ time: Int64, _ step: inout StrategyStep)
    mutating func receive(_ book: BookTicker, from venue: VenueID, _ step: inout StrategyStep)
    mutating func apply(_ report: OrderReport, _ step: inout StrategyStep)
    /// Asks to cancel what an error must stop working.
    mutating func cancelWorking(_ step: inout StrategyStep)
}

extension OrderTrackingMachine {
    /// An event to the handler it is for; ERROR first moves to CLOSING (the next event after an
    /// error closes).
    mutating func dispatch(_ event: StrategyEvent, _ step: inout StrategyStep) {
        if phase == .error { move(to: .closing, &step) }
        switch event {
        case .emergencyStop: stop(&step)
        case .timer(let time): tick(time, &step)
        case .book(let venue, let book): receive(book, from: venue, &step)
        case .order(let report): apply(report, &step)
        }
    }

    /// Sends a new order under the next id and tracks it.
    mutating func send(
        _ venue: VenueID, _ symbol: Symbol, _ side: Side, _ quantity: Lots, at price: Ticks?, _ purpose: OrderPurpose, _ step: inout StrategyStep
    ) {
        let order = StrategyOrder(id: ClientOrderID(nextID), venue: venue, symbol: symbol, side: side, quantity: quantity, limit: price, purpose: purpose)
        nextID += 1
        placed += 1
        live.append(TrackedOrder(order: order))
        step.actions.append(.place(order))
    }

    /// A cancel that failed to reach the venue is sent again (on every tick).
    mutating func resendFailedCancels(_ step: inout StrategyStep) {
        for index in live.indices where live[index].state == .cancelFailed {
            live[index].state = .cancelRequested
            step.actions.append(.cancel(live[index].order.id, live[index].order.venue))
        }
    }

    /// Signed lots that working flatten orders (on `venue`, or on any) will still bring back.
    func pendingFlatten(on venue: VenueID? = nil) -> Int64 {
        var pending: Int64 = 0
        for order in live where order.order.purpose == .flatten && (venue == nil || order.order.venue == venue) {
            pending += order.order.side.sign * order.remaining.value
        }
        return pending
    }

    /// In CLOSING a book is not acted on (the unwind's market orders need no book), but a bad
    /// one is still told: the alert, with no phase change. True when the book was CLOSING's.
    func handledWhileClosing(_ book: BookTicker, from venue: VenueID, _ step: inout StrategyStep) -> Bool {
        guard phase == .closing else { return false }
        if !book.isTradable { step.actions.append(.alert(.badBook(venue, book.problems))) }
        return true
    }

    /// `now + timeout`, or the end of the clock (`Int64.max`) when that is past it: a timeout
    /// of `Int64.max` ("never") trapped.
    static func deadline(_ now: Int64, after timeout: Int64) -> Int64 {
        let (end, overflow) = now.addingReportingOverflow(timeout)
        return overflow ? .max : end
    }

    /// Whether the order at `index` is the stop's flatten ending short (rejected: by the risk
    /// stack in EMERGENCY_HALT, the venue, a disconnect; or cancelled) with lots still to go:
    /// inventory stays, and after STOPPED the machine may not place another order, so it raises
    /// `exposedAfterStop` for a person.
    func stopFlattenEndsShort(_ index: Int) -> Bool {
        phase == .stopped && live[index].order.purpose == .flatten && live[index].remaining.value > 0
    }

    /// The order at `index` is terminal: it leaves the working list and is counted.
    mutating func finish(_ index: Int) {
        live.remove(at: index)
        finished += 1
    }

    /// Reports `alert`; outside a terminal phase (and not already in ERROR), moves to ERROR and
    /// cancels what is working.
    mutating func enterError(_ alert: StrategyAlert, _ step: inout StrategyStep) {
        step.actions.append(.alert(alert))
        guard !phase.isTerminal, phase != .error else { return }
        move(to: .error, &step)
        cancelWorking(&step)
    }

    mutating func move(to next: StrategyPhase, _ step: inout StrategyStep) {
        guard next != phase else { return }
        step.transitions.append(PhaseTransition(phase, next))
        phase = next
    }
}
