import ExchangeVocabulary
import StrategyVocabulary
import TradingVocabulary

/// Simple arbitrage across venues A and B as a pure state machine (`docs/strategies.md`):
/// when B's bid − A's ask (or A's bid − B's ask) exceeds both fees plus the minimum profit, buy
/// on the cheap venue and sell on the dear one, one limit leg each. A leg that ends short
/// (rejected, cancelled at the timeout) has its partner cancelled, and whatever the two hold
/// together is unwound with a market order; COMPLETED when the legs filled the same quantity.
public struct Arbitrage: Sendable, OrderTrackingMachine {
    public let parameters: ArbitrageParameters
    public internal(set) var phase: StrategyPhase = .idle
    public internal(set) var positionA: Int64 = 0
    public internal(set) var positionB: Int64 = 0
    public internal(set) var bookA: BookTicker?
    public internal(set) var bookB: BookTicker?
    public internal(set) var now: Int64 = 0
    public internal(set) var deadline: Int64?
    public internal(set) var legFailed = false
    /// Orders not yet terminal, in id order.
    public internal(set) var live: [TrackedOrder] = []
    public internal(set) var placed = 0
    public internal(set) var finished = 0
    public internal(set) var racingFills = 0
    var nextID: UInt64
    /// A deliberate bug (`StrategyMutation`); `.none` in production.
    @_spi(BugZoo) public var mutation: StrategyMutation = .none

    public init(parameters: ArbitrageParameters) {
        self.parameters = parameters
        nextID = parameters.firstOrderID.value
        live.reserveCapacity(4)
    }

    /// An empty machine that holds no storage: what `Strategy` leaves in its place while it
    /// mutates the real one, so that the working-order array is never copied.
    init(vacating parameters: ArbitrageParameters) {
        self.parameters = parameters
        nextID = parameters.firstOrderID.value
    }

    public var observation: ArbitrageObservation {
        ArbitrageObservation(
            parameters: parameters, phase: phase, positionA: positionA, positionB: positionB, bookA: bookA, bookB: bookB, now: now, deadline: deadline,
            legFailed: legFailed, live: live, placed: placed, finished: finished, racingFills: racingFills)
    }

    /// Handles one event, appending its actions and phase changes to `step`.
    public mutating func handle(_ event: StrategyEvent, into step: inout StrategyStep) {
        defer { checkInvariantsIfEnabled() }
        dispatch(event, &step)
        if !phase.isTerminal, phase != .error { settle(&step) }
    }

    var net: Int64 { positionA + positionB }

    mutating func stop(_ step: inout StrategyStep) {
        guard !phase.isTerminal else { return }
        move(to: .stopped, &step)
        cancelWorking(&step)
        let pending = pendingFlatten()
        if net + pending != 0 { unwind(-(net + pending), &step) }
    }

    mutating func tick(_ time: Int64, _ step: inout StrategyStep) {
        if time > now { now = time }
        if phase == .executing || phase == .monitoring, let deadline, now >= deadline { cancelWorking(&step) }
        resendFailedCancels(&step)
    }

    mutating func receive(_ book: BookTicker, from venue: VenueID, _ step: inout StrategyStep) {
        guard !phase.isTerminal else { return }
        if handledWhileClosing(book, from: venue, &step) { return }
        guard book.isTradable else {
            enterError(.badBook(venue, book.problems), &step)
            return
        }
        if venue == .a { bookA = book } else { bookB = book }
        if phase == .idle { move(to: .analyzing, &step) }
    }

    mutating func apply(_ report: OrderReport, _ step: inout StrategyStep) {
        let id = report.id
        guard let index = live.firstIndex(where: { $0.order.id == id }) else {
            if id.value < parameters.firstOrderID.value || id.value >= nextID { enterError(.unknownOrder(id), &step) }
            return
        }
        let order = live[index].order
        switch report {
        case .accepted:
            if live[index].state == .sent { live[index].state = .open }
        case .filled(_, let quantity, _):
            guard quantity.value > 0 else { return }
            guard quantity <= live[index].remaining else {
                enterError(.overfill(id, quantity), &step)
                return
            }
            if live[index].state == .cancelRequested || live[index].state == .cancelFailed { racingFills += 1 }
            live[index].filled.value += quantity.value
            if order.venue == .a { positionA += order.side.sign * quantity.value } else { positionB += order.side.sign * quantity.value }
            if live[index].remaining.value == 0 { finish(index) }
            if phase == .stopped, order.purpose == .leg { step.actions.append(.alert(.exposedAfterStop(inventory: Lots(net)))) }
        case .canceled, .rejected:
            // The stop's unwind ended short: after STOPPED nothing more may be placed.
            if stopFlattenEndsShort(index) { step.actions.append(.alert(.exposedAfterStop(inventory: Lots(net)))) }
            if order.purpose == .leg {
                legFailed = true
                if mutation == .legLeftOpen, case .rejected = report, !phase.isTerminal {
                    finish(index)
                    move(to: .completed, &step)
                    return
                }
            }
            finish(index)
        case .cancelFailed:
            if live[index].state == .cancelRequested { live[index].state = .cancelFailed }
        }
    }

    /// After every event of a non-terminal phase: look for the opportunity, follow the legs,
    /// unwind what a failed leg left, complete.
    mutating func settle(_ step: inout StrategyStep) {
        switch phase {
        case .idle, .completed, .stopped, .error:
            return
        case .analyzing:
            guard placed == 0, let a = bookA, let b = bookB else { return }
            let threshold = parameters.threshold
            if b.bid.value - a.ask.value > threshold {
                openLegs(buy: (.a, a.ask), sell: (.b, b.bid), &step)
            } else if a.bid.value - b.ask.value > threshold {
                openLegs(buy: (.b, b.ask), sell: (.a, a.bid), &step)
            }
        case .executing, .monitoring:
            if legFailed { cancelWorking(&step) }
            if live.isEmpty {
                if net == 0 {
                    move(to: .completed, &step)
                } else {
                    move(to: .closing, &step)
                    unwind(-net, &step)
                }
                return
            }
            move(to: live.allSatisfy { $0.state == .open } ? .monitoring : .executing, &step)
        case .closing:
            cancelWorking(&step)
            guard live.isEmpty else { return }
            if net == 0 { move(to: .completed, &step) } else { unwind(-net, &step) }
        }
    }

    mutating func openLegs(buy: (VenueID, Ticks), sell: (VenueID, Ticks), _ step: inout StrategyStep) {
        place(buy.0, .buy, parameters.quantity, at: buy.1, .leg, &step)
        place(sell.0, .sell, parameters.quantity, at: sell.1, .leg, &step)
        deadline = mutation == .deadlineWraps ? now &+ parameters.legTimeout : Self.deadline(now, after: parameters.legTimeout)
        move(to: .executing, &step)
    }

    /// A market order of `signed` lots (positive buys) on the venue that holds the excess.
    mutating func unwind(_ signed: Int64, _ step: inout StrategyStep) {
        let side: Side = signed > 0 ? .buy : .sell
        // Selling goes where lots are held; buying back where they are short.
        let venue: VenueID = side == .sell ? (positionA > 0 ? .a : .b) : (positionA < 0 ? .a : .b)
        place(venue, side, Lots(abs(signed)), at: nil, .flatten, &step)
    }

    mutating func cancelWorking(_ step: inout StrategyStep) {
        for index in live.indices where live[index].order.purpose != .flatten && (live[index].state == .sent || live[index].state == .open) {
            live[index].state = .cancelRequested
            step.actions.append(.cancel(live[index].order.id, live[index].order.venue))
        }
    }

    mutating func place(_ venue: VenueID, _ side: Side, _ quantity: Lots, at price: Ticks?, _ purpose: OrderPurpose, _ step: inout StrategyStep) {
        send(venue, parameters.symbol, side, quantity, at: price, purpose, &step)
    }

}

extension Arbitrage {
    /// The rules this machine breaks now, checked after every event under `STRESSCHECK_INVARIANT_CHECKS`.
    public func checkInvariants() -> [String] {
        var broken: [String] = []
        if placed != finished + live.count { broken.append("orders out == orders in") }
        if phase == .completed, net != 0 || !live.isEmpty { broken.append("no leg left open") }
        if live.isEmpty, net != 0, [.analyzing, .executing, .monitoring].contains(phase) { broken.append("legs balanced") }
        if phase == .stopped, live.contains(where: { $0.order.purpose != .flatten && ($0.state == .sent || $0.state == .open) }) {
            broken.append("STOPPED ⇒ every leg being cancelled")
        }
        return broken
    }

    @inline(__always) func checkInvariantsIfEnabled() {
        guard mutation == .none else { return }
        trapOnBrokenInvariants(of: "Arbitrage", checkInvariants())
    }
}
