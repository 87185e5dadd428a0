import ExchangeVocabulary
import StrategyVocabulary
import TradingVocabulary

/// Spot-futures hedging (cash and carry) and the futures-futures calendar spread as one pure
/// state machine (`docs/strategies.md`), opened on its kind's signal: long one leg, short the
/// other, equal lots. MONITORING keeps |A + B| within the band, rebalancing the lagging leg
/// beyond it; CLOSING unwinds both legs when the spread reverts, at the roll point before the
/// nearer expiry, or after an error; an emergency stop flattens both and stops.
public struct Hedge: Sendable, OrderTrackingMachine {
    public let parameters: HedgeParameters
    public internal(set) var phase: StrategyPhase = .idle
    public internal(set) var positionA: Int64 = 0
    public internal(set) var positionB: Int64 = 0
    public internal(set) var bookA: BookTicker?
    public internal(set) var bookB: BookTicker?
    public internal(set) var now: Int64 = 0
    public internal(set) var direction: Int64 = 0
    public internal(set) var deadline: Int64?
    public internal(set) var live: [TrackedOrder] = []
    public internal(set) var placed = 0
    public internal(set) var finished = 0
    public internal(set) var rebalances = 0
    var nextID: UInt64
    /// A deliberate bug (`StrategyMutation`); `.none` in production.
    @_spi(BugZoo) public var mutation: StrategyMutation = .none

    public init(parameters: HedgeParameters) {
        self.parameters = parameters
        nextID = parameters.firstOrderID.value
        live.reserveCapacity(4)
    }

    /// An empty machine that holds no storage: what `Strategy` leaves in its place while it
    /// mutates the real one, so that the working-order array is never copied.
    init(vacating parameters: HedgeParameters) {
        self.parameters = parameters
        nextID = parameters.firstOrderID.value
    }

    public var observation: HedgeObservation {
        HedgeObservation(
            parameters: parameters, phase: phase, positionA: positionA, positionB: positionB, bookA: bookA, bookB: bookB, now: now, direction: direction,
            deadline: deadline, live: live, placed: placed, finished: finished, rebalances: rebalances)
    }

    public mutating func handle(_ event: StrategyEvent, into step: inout StrategyStep) {
        defer { checkInvariantsIfEnabled() }
        dispatch(event, &step)
        if !phase.isTerminal, phase != .error { settle(&step) }
    }

    func position(_ venue: VenueID) -> Int64 { venue == .a ? positionA : positionB }
    func symbol(_ venue: VenueID) -> Symbol { venue == .a ? parameters.legA : parameters.legB }
    /// Where each leg should be once open: long A short B for direction +1.
    func target(_ venue: VenueID) -> Int64 { (venue == .a ? direction : -direction) * parameters.quantity.value }

    mutating func stop(_ step: inout StrategyStep) {
        guard !phase.isTerminal else { return }
        move(to: .stopped, &step)
        cancelWorking(&step)
        for venue in VenueID.allCases {
            let need = -(position(venue) + pendingFlatten(on: venue))
            if need != 0 { place(venue, need, at: nil, .flatten, &step) }
        }
    }

    mutating func tick(_ time: Int64, _ step: inout StrategyStep) {
        if time > now { now = time }
        if phase == .executing, let deadline, now >= deadline { cancelWorking(&step) }
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
            live[index].filled.value += quantity.value
            if order.venue == .a { positionA += order.side.sign * quantity.value } else { positionB += order.side.sign * quantity.value }
            if live[index].remaining.value == 0 { finish(index) }
            if phase == .stopped, order.purpose != .flatten { step.actions.append(.alert(.exposedAfterStop(inventory: Lots(positionA + positionB)))) }
        case .canceled, .rejected:
            // The stop's flatten ended short: the leg it was to flatten stays (each leg is
            // flattened on its own venue, so the alert names that leg's position, not A + B).
            if stopFlattenEndsShort(index) {
                step.actions.append(.alert(.exposedAfterStop(inventory: Lots(order.venue == .a ? positionA : positionB))))
            }
            finish(index)
        case .cancelFailed:
            if live[index].state == .cancelRequested { live[index].state = .cancelFailed }
        }
    }

    /// The rules after every event of a non-terminal phase, in order: the roll point closes; a
    /// signal opens; finished legs hedge; a reverted spread closes, else a hedge out of its band
    /// is rebalanced; CLOSING unwinds both legs, then completes.
    /// B's mid − A's mid − the fair spread, worked out in 128 bits and held to ±`Int64.max` (books
    /// at opposite ends of `Int64` overflowed): past the entry either way it decides the same, and
    /// `direction ×` it cannot overflow.
    func deviation(_ a: BookTicker, _ b: BookTicker) -> Int64 {
        let exact = Int128(b.mid.value) - Int128(a.mid.value) - Int128(parameters.fairSpread.value)
        return Int64(max(min(exact, Int128(Int64.max)), -Int128(Int64.max)))
    }

    mutating func settle(_ step: inout StrategyStep) {
        let trading = phase == .idle || phase == .analyzing || phase == .executing || phase == .monitoring
        if trading, now >= parameters.rollAt, !(mutation == .heldThroughExpiry && (phase == .executing || phase == .monitoring)) { move(to: .closing, &step) }
        if phase == .analyzing, direction == 0, let a = bookA, let b = bookB {
            let opening = parameters.direction(for: deviation(a, b))
            if opening != 0 { open(opening, a, b, &step) }
        }
        if phase == .executing, live.isEmpty { move(to: positionA == 0 && positionB == 0 ? .completed : .monitoring, &step) }
        if phase == .monitoring {
            if let a = bookA, let b = bookB, direction * deviation(a, b) <= parameters.exit.value {
                move(to: .closing, &step)
            } else if live.isEmpty, abs(positionA + positionB) > parameters.tolerance.value {
                rebalance(&step)
            }
        }
        if phase == .closing {
            cancelWorking(&step)
            guard live.isEmpty else { return }
            if positionA == 0, positionB == 0 {
                move(to: .completed, &step)
            } else {
                for venue in VenueID.allCases where position(venue) != 0 { place(venue, -position(venue), at: nil, .flatten, &step) }
            }
        }
    }

    mutating func open(_ opening: Int64, _ a: BookTicker, _ b: BookTicker, _ step: inout StrategyStep) {
        direction = opening
        let lots = parameters.quantity.value
        place(.a, opening * lots, at: opening > 0 ? a.ask : a.bid, .leg, &step)
        place(.b, -opening * lots, at: opening > 0 ? b.bid : b.ask, .leg, &step)
        deadline = Self.deadline(now, after: parameters.legTimeout)
        move(to: .executing, &step)
    }

    /// Trades the lagging leg toward its target by what the band's excess calls for: the leg
    /// whose gap to target has the excess's opposite sign (B on a tie), no further than its gap.
    mutating func rebalance(_ step: inout StrategyStep) {
        let excess = positionA + positionB
        let gapA = target(.a) - positionA
        let gapB = target(.b) - positionB
        let wantsA = excess > 0 ? gapA < 0 : gapA > 0
        let wantsB = excess > 0 ? gapB < 0 : gapB > 0
        var leg: VenueID = wantsB && (!wantsA || abs(gapB) >= abs(gapA)) ? .b : .a
        var lots = min(abs(excess), abs(leg == .a ? gapA : gapB))
        if mutation == .rebalancesWrongLeg {
            leg = leg == .a ? .b : .a
            lots = abs(excess)
        }
        rebalances += 1
        place(leg, excess > 0 ? -lots : lots, at: nil, .rebalance, &step)
    }

    mutating func cancelWorking(_ step: inout StrategyStep) {
        for index in live.indices where live[index].order.purpose != .flatten && (live[index].state == .sent || live[index].state == .open) {
            live[index].state = .cancelRequested
            step.actions.append(.cancel(live[index].order.id, live[index].order.venue))
        }
    }

    /// Places `signed` lots (positive buys) on `venue`'s leg.
    mutating func place(_ venue: VenueID, _ signed: Int64, at price: Ticks?, _ purpose: OrderPurpose, _ step: inout StrategyStep) {
        send(venue, symbol(venue), signed > 0 ? .buy : .sell, Lots(abs(signed)), at: price, purpose, &step)
    }

}

extension Hedge {
    /// The rules this machine breaks now, checked after every event under `STRESSCHECK_INVARIANT_CHECKS`.
    public func checkInvariants() -> [String] {
        var broken: [String] = []
        if placed != finished + live.count { broken.append("orders out == orders in") }
        if phase == .completed, positionA != 0 || positionB != 0 || !live.isEmpty { broken.append("COMPLETED ⇒ flat, nothing working") }
        if phase == .monitoring, live.isEmpty, abs(positionA + positionB) > parameters.tolerance.value { broken.append("legs balanced") }
        if now >= parameters.rollAt, [.idle, .analyzing, .executing, .monitoring].contains(phase) { broken.append("nothing held past the roll point") }
        return broken
    }

    @inline(__always) func checkInvariantsIfEnabled() {
        guard mutation == .none else { return }
        trapOnBrokenInvariants(of: "Hedge", checkInvariants())
    }
}
