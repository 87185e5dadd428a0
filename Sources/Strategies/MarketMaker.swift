import ExchangeVocabulary
import StrategyVocabulary
import TradingVocabulary

/// Market making on one venue as a pure state machine (`docs/strategies.md`, market making):
/// quotes a bid and an ask around the mid, skewed by inventory, within ±the inventory limit;
/// requotes on fills and moves; pulls every quote when the mid jumps past the volatility limit
/// or the risk stack refuses a quote; at its end time cancels every quote and flattens.
///
/// The rule that keeps quotes from ever crossing: new quotes are placed only when no quote of
/// the machine is still working. A move cancels the old quotes first; the new ones follow once
/// every cancel is confirmed (or the order filled).
public struct MarketMaker: Sendable, OrderTrackingMachine {
    public let parameters: MarketMakingParameters
    public internal(set) var phase: StrategyPhase = .idle
    public internal(set) var pull: MarketMakingPull = .none
    /// Signed lots held.
    public internal(set) var inventory: Int64 = 0
    public internal(set) var lastMid: Ticks?
    public internal(set) var now: Int64 = 0
    /// Orders not yet terminal, in id order (ids only grow, so appending keeps the order).
    public internal(set) var live: [TrackedOrder] = []
    public internal(set) var placed = 0
    public internal(set) var finished = 0
    public internal(set) var racingFills = 0
    var nextID: UInt64
    /// A deliberate bug (`StrategyMutation`); `.none` in production.
    @_spi(BugZoo) public var mutation: StrategyMutation = .none

    /// A machine for valid parameters (`StrategyFactory` checks them).
    public init(parameters: MarketMakingParameters) {
        self.parameters = parameters
        nextID = parameters.firstOrderID.value
        live.reserveCapacity(4)
    }

    /// An empty machine that holds no storage: what `Strategy` leaves in its place while it
    /// mutates the real one, so that the working-order array is never copied.
    init(vacating parameters: MarketMakingParameters) {
        self.parameters = parameters
        nextID = parameters.firstOrderID.value
    }

    /// Handles one event, appending its actions and phase changes to `step`.
    public mutating func handle(_ event: StrategyEvent, into step: inout StrategyStep) {
        defer { checkInvariantsIfEnabled() }
        dispatch(event, &step)
        if !phase.isTerminal, phase != .error {
            reconcile(&step)
        } else if mutation == .quotesAfterCompleted, phase == .completed, case .book = event {
            let mark = step.transitions.count
            phase = .analyzing
            reconcile(&step)
            step.transitions.removeSubrange(mark...)
            phase = .completed
        }
    }

    /// The observation the checks compare with the model's.
    public var observation: MarketMakingObservation {
        MarketMakingObservation(
            parameters: parameters, phase: phase, pull: pull, inventory: inventory, lastMid: lastMid, now: now, live: live, placed: placed, finished: finished,
            racingFills: racingFills)
    }

    // MARK: - Events

    mutating func stop(_ step: inout StrategyStep) {
        guard !phase.isTerminal else { return }
        move(to: .stopped, &step)
        cancelWorkingQuotes(sides: mutation == .stopKeepsAsk ? .buy : nil, &step)
        // Flatten what is held, net of what working flatten orders will already bring back.
        let need = -(inventory + pendingFlatten())
        if need != 0 { placeFlatten(need, &step) }
    }

    mutating func tick(_ time: Int64, _ step: inout StrategyStep) {
        if time > now { now = time }
        if !phase.isTerminal, phase != .closing, now >= parameters.endsAt { move(to: .closing, &step) }
        // A cancel that failed to reach the venue is sent again on every tick.
        resendFailedCancels(&step)
    }

    mutating func receive(_ book: BookTicker, from venue: VenueID, _ step: inout StrategyStep) {
        guard venue == .a, !phase.isTerminal || (mutation == .quotesAfterCompleted && phase == .completed) else { return }
        if handledWhileClosing(book, from: venue, &step) { return }
        guard book.isTradable else {
            enterError(.badBook(venue, book.problems), &step)
            return
        }
        if phase == .idle { move(to: .analyzing, &step) }
        let mid = book.mid
        if let last = lastMid, abs(mid.value - last.value) > parameters.volatilityLimit.value {
            pull = .volatility
        } else {
            pull = .none
        }
        lastMid = mid
    }

    /// The stop's flatten ended short: the inventory it was to bring back stays.
    func alertIfStopFlattenFailed(_ index: Int, _ step: inout StrategyStep) {
        if stopFlattenEndsShort(index) { step.actions.append(.alert(.exposedAfterStop(inventory: Lots(inventory)))) }
    }

    mutating func apply(_ report: OrderReport, _ step: inout StrategyStep) {
        let id = report.id
        guard let index = live.firstIndex(where: { $0.order.id == id }) else {
            // A late report about a finished order changes nothing; one about an order never
            // placed is an error.
            if id.value < parameters.firstOrderID.value || id.value >= nextID { enterError(.unknownOrder(id), &step) }
            return
        }
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
            inventory += live[index].order.side.sign * quantity.value
            let purpose = live[index].order.purpose
            if live[index].remaining.value == 0 { finish(index) }
            // A quote's fill racing the stop's cancel: the machine may not place the order that
            // would flatten it, so a person must.
            if phase == .stopped, purpose == .quote { step.actions.append(.alert(.exposedAfterStop(inventory: Lots(inventory)))) }
        case .canceled:
            alertIfStopFlattenFailed(index, &step)
            finish(index)
        case .rejected(_, let cause):
            let purpose = live[index].order.purpose
            alertIfStopFlattenFailed(index, &step)
            finish(index)
            if cause == .riskStack, purpose == .quote, !phase.isTerminal, phase != .closing { pull = .risk }
        case .cancelFailed:
            if live[index].state == .cancelRequested { live[index].state = .cancelFailed }
        }
    }

    // MARK: - Reconciling quotes with the market

    /// Brings the working orders in line with the phase: in CLOSING cancels every quote, then
    /// flattens, then completes; in a live phase keeps the quotes the mid and inventory call for.
    mutating func reconcile(_ step: inout StrategyStep) {
        if phase == .closing {
            cancelWorkingQuotes(&step)
            guard !live.contains(where: { $0.order.purpose == .quote }) else { return }
            if live.isEmpty {
                if inventory == 0 {
                    move(to: .completed, &step)
                } else {
                    placeFlatten(-inventory, &step)
                }
            }
            return
        }
        guard let mid = lastMid else { return }
        let quotes = pull == .none ? desiredQuotes(mid: mid) : (bid: nil, ask: nil)
        for index in live.indices where live[index].state == .sent || live[index].state == .open {
            let order = live[index].order
            let wanted = order.side == .buy ? quotes.bid : quotes.ask
            if wanted?.price != order.limit {
                live[index].state = .cancelRequested
                step.actions.append(.cancel(order.id, .a))
            }
        }
        let replacesAtOnce = mutation == .requoteWithoutWaiting && marketRanThrough(quotes)
        let quiet = replacesAtOnce ? !live.contains { $0.state == .sent || $0.state == .open } : live.isEmpty
        if quiet {
            if let bid = quotes.bid { place(.buy, bid.size, at: bid.price, &step) }
            if let ask = quotes.ask { place(.sell, ask.size, at: ask.price, &step) }
        }
        let settled = !live.isEmpty && live.allSatisfy { $0.state == .open }
        move(to: pull != .none || live.isEmpty ? .analyzing : settled ? .monitoring : .executing, &step)
    }

    /// The zoo's `requoteWithoutWaiting` fast path: a new quote at or through an old one still
    /// working (the market ran through the old quotes, so the bug replaces them at once).
    func marketRanThrough(_ quotes: (bid: (price: Ticks, size: Lots)?, ask: (price: Ticks, size: Lots)?)) -> Bool {
        live.contains { old in
            guard old.order.purpose == .quote, let price = old.order.limit else { return false }
            if old.order.side == .sell, let bid = quotes.bid { return bid.price >= price }
            if old.order.side == .buy, let ask = quotes.ask { return ask.price <= price }
            return false
        }
    }

    /// The quotes for this mid and inventory: each side on the venue's price grid (1 …
    /// `VenueLimits.maxPrice`), sized so that its fill keeps inventory within the limit; `nil`
    /// for a side that cannot be quoted. Priced in 128 bits: a book near `Int64.max` has a mid
    /// there, and `mid + halfSpread` overflowed and trapped.
    func desiredQuotes(mid: Ticks) -> (bid: (price: Ticks, size: Lots)?, ask: (price: Ticks, size: Lots)?) {
        let center = Int128(mid.value) - Int128(inventory) * Int128(parameters.skewPerLot.value)
        let limit = parameters.inventoryLimit.value
        let bidPrice = center - Int128(parameters.halfSpread.value)
        let askPrice = center + Int128(parameters.halfSpread.value)
        let bidSize = min(parameters.quoteSize.value, limit - inventory)
        let askSize = min(parameters.quoteSize.value, limit + inventory)
        let bid = Self.isQuotable(bidPrice) && bidSize > 0 ? (Ticks(Int64(bidPrice)), Lots(bidSize)) : nil
        let ask = Self.isQuotable(askPrice) && askSize > 0 ? (Ticks(Int64(askPrice)), Lots(askSize)) : nil
        return (bid, ask)
    }

    /// A price the venue takes: 1 … `VenueLimits.maxPrice`.
    static func isQuotable(_ price: Int128) -> Bool { price >= 1 && price <= Int128(VenueLimits.maxPrice.value) }

    // MARK: - Actions

    /// Asks to cancel every quote still working (only the `sides` ones when given: a zoo bug).
    mutating func cancelWorkingQuotes(sides: Side? = nil, _ step: inout StrategyStep) {
        for index in live.indices where live[index].order.purpose == .quote && (live[index].state == .sent || live[index].state == .open) {
            if let sides, live[index].order.side != sides { continue }
            live[index].state = .cancelRequested
            step.actions.append(.cancel(live[index].order.id, .a))
        }
    }

    mutating func place(_ side: Side, _ quantity: Lots, at price: Ticks?, purpose: OrderPurpose = .quote, _ step: inout StrategyStep) {
        send(.a, parameters.symbol, side, quantity, at: price, purpose, &step)
    }

    /// A market order of `signed` lots (positive buys).
    mutating func placeFlatten(_ signed: Int64, _ step: inout StrategyStep) {
        place(signed > 0 ? .buy : .sell, Lots(abs(signed)), at: nil, purpose: .flatten, &step)
    }

    /// What an error cancels: every quote still working.
    mutating func cancelWorking(_ step: inout StrategyStep) { cancelWorkingQuotes(&step) }
}
