import ExchangeSim
import ExchangeVocabulary
import MarketSim
import TradingMachines
import TradingVocabulary

extension Run {
    /// Books every fill the venue made since the last step, once, in the venue's order, and
    /// closes the round trips that return to flat.
    mutating func bookFills() {
        let fills = exchange.fills
        while fillCursor < fills.count {
            let fill = fills[fillCursor]
            fillCursor += 1
            guard let i = symbols.firstIndex(of: fill.symbol) else { continue }
            var repeated = false
            if let t = tracked.firstIndex(where: { $0.id == fill.orderID }) {
                repeated = tracked[t].fills > 0
                tracked[t].fills += 1
                tracked[t].booked += fill.quantity.value
            }
            book(fill, symbol: i)
            if mutation == .fillBookedTwice, repeated { book(fill, symbol: i) }
        }
    }

    /// Books one fill and follows the symbol's round trip.
    mutating func book(_ fill: Fill, symbol i: Int) {
        let wasFlat = ledger.positions[i].lots == 0
        ledger.book(fill, index: i)
        events.append(.fill(fill))
        if wasFlat, fill.side == .buy {
            trips[i] = OpenTrip(opened: fill.time, realizedAtOpen: ledger.positions[i].realized, fees: 0)
        }
        trips[i]?.fees += fill.fee.value
        if ledger.positions[i].lots == 0, let trip = trips[i] {
            let pnl = ledger.positions[i].realized - trip.realizedAtOpen - trip.fees
            events.append(.roundTrip(RoundTrip(symbol: symbols[i], opened: trip.opened, closed: fill.time, pnl: Cents(pnl))))
            trips[i] = nil
        }
    }

    /// What the stack should hold for symbol `i`: the position at the latest close plus the
    /// lots still to come from buys in flight at the same price.
    func exposure(of i: Int) -> Int64 {
        var lots = ledger.positions[i].lots
        for order in tracked where order.symbol == i && order.side == .buy { lots += max(order.quantity - order.booked, 0) }
        let price = closes[i] > 0 ? closes[i] : ledger.positions[i].mark
        return lots * price * SymbolScale.tickValue.value
    }

    /// Brings the stack in line with the books before any decision: the portfolio value is the
    /// equity; a held symbol is marked to its exposure, or closed once flat with nothing in
    /// flight; its unrealized PnL orders DRAIN's exits.
    /// A call the stack refuses is logged (``StackRefusal``), and what it would have set is not
    /// taken as reconciled.
    mutating func reconcileStack(equity: Int64) {
        if equity > 0 {
            do {
                try stack.setPortfolioValue(Cents(equity))
                portfolioValue = equity
            } catch { refused(.setPortfolioValue, nil, error) }
        }
        for i in symbols.indices {
            let symbol = symbols[i]
            let value = exposure(of: i)
            accepted[i] = 0
            reconciled[i] = 0
            let inFlight = tracked.contains { $0.symbol == i }
            if stack.holds(symbol) {
                if ledger.positions[i].lots == 0, !inFlight {
                    do { try stack.close(symbol) } catch { refused(.close, symbol, error) }
                } else {
                    do {
                        try stack.markToMarket(symbol, value: Cents(value))
                        reconciled[i] = value
                    } catch { refused(.markToMarket, symbol, error) }
                    if closes[i] > 0 {
                        do { try stack.mark(symbol, unrealizedPnL: Cents(ledger.unrealized(i, close: closes[i]))) } catch {
                            refused(.markUnrealizedPnL, symbol, error)
                        }
                    }
                }
            } else if value > 0 {
                // Exposure the stack never booked (a governor that lost a holding; not through
                // the project's stack's `submit`): adopted.
                do {
                    try stack.adopt(symbol, value: Cents(value))
                    reconciled[i] = value
                } catch { refused(.adopt, symbol, error) }
            }
        }
    }

    /// Logs a refused call (``RunEvent/stackRefusal(_:)``).
    mutating func refused(_ call: StackRefusal.Call, _ symbol: Symbol?, _ error: any Error) {
        events.append(.stackRefusal(StackRefusal(time: now, symbol: symbol, call: call, error: "\(error)")))
    }

    /// The `booksReconcile` property: the executor's books equal the venue's, and their
    /// equation holds to the minor unit. Remembers whether they agreed, for the liveness goal
    /// (nothing books a fill between this check and the goal's status). Books that agreed and
    /// have taken no fill since are not compared again (``booksAgreedAt``); builds with
    /// `STRESSCHECK_INVARIANT_CHECKS` compare them anyway and stop if they no longer agree.
    mutating func checkBooks() {
        let counts = (venueFills: exchange.fillsBooked, ledgerEntries: ledger.entries)
        if let agreed = booksAgreedAt, agreed == counts {
            #if STRESSCHECK_INVARIANT_CHECKS
                precondition(booksMismatches().isEmpty, "StressRun: the books changed without a fill")
            #endif
            return
        }
        let mismatches = booksMismatches()
        for mismatch in mismatches { violate(.booksUnreconciled(time: now, mismatch)) }
        booksAgreedAt = mismatches.isEmpty ? counts : nil
    }

    /// Whether the executor's books equalled the venue's at this step's `checkBooks`.
    var booksAgree: Bool { booksAgreedAt != nil }

    /// Every way the books fail to reconcile, in the order checked: the executor's equation,
    /// cash, fees, then each symbol's holding. Empty (and nothing allocated) when they agree.
    func booksMismatches() -> [BooksMismatch] {
        var mismatches: [BooksMismatch] = []
        let equation = ledger.equation
        if equation.assets != equation.accounted {
            mismatches.append(.equation(assets: Cents(equation.assets), accounted: Cents(equation.accounted)))
        }
        let cash = exchange.booksCash
        if cash.value != ledger.cash { mismatches.append(.cash(executor: Cents(ledger.cash), venue: cash)) }
        let fees = exchange.booksFeesPaid
        if fees.value != ledger.fees { mismatches.append(.fees(executor: Cents(ledger.fees), venue: fees)) }
        for i in symbols.indices {
            let ours = ledger.holding(i, symbol: symbols[i])
            let theirs = exchange.holding(instrument: i)  // the venue lists the symbols in order
            if ours != theirs { mismatches.append(.holding(symbol: symbols[i], executor: ours, venue: theirs)) }
        }
        return mismatches
    }

    /// Whether books and stack agree and nothing is in flight (the liveness goal's part): the
    /// books as `checkBooks` found them this step, and the stack holding exactly what they hold.
    var isReconciled: Bool {
        guard booksAgree else { return false }
        for i in symbols.indices {
            guard stack.holds(symbols[i]) == (ledger.positions[i].lots > 0) else { return false }
        }
        return true
    }
}
