import ExchangeVocabulary
import TradingVocabulary

/// `docs/exchange.md`'s invariants, as data: evaluated after every step on production's
/// observation (and the model's, in the model's own tests).
public enum ExchangeInvariants {
    public static let state: [Invariant<ExchangeObservation>] = [
        Invariant("books equation", "cash + Σ position values == initial cash + realized + unrealized − fees, exactly") { o in
            var lhs = Int128(o.account.cash.value)
            var rhs = Int128(o.initialCash.value) - Int128(o.account.feesPaid.value)
            for holding in o.account.holdings {
                guard let instrument = VenueSetup.instruments.first(where: { $0.symbol == holding.symbol }) else { return false }
                let atMark = Int128(holding.position) * Int128(holding.mark.value) * Int128(instrument.tickValue.value)
                let unrealized = atMark - Int128(holding.cost.value)
                lhs += instrument.isSpot ? atMark : unrealized
                rhs += Int128(holding.realized.value) + unrealized
            }
            return lhs == rhs
        },
        Invariant("fill log replays", "the books rebuilt from the fill log equal the books: every fill booked exactly once") { o in
            ExchangeBooks.account(after: o.fills, initialCash: o.initialCash) == o.account
        },
        Invariant("filled == Σ fills ≤ quantity", "each order's filled quantity is the sum of its fills, at most its quantity") { o in
            // One pass over the fills, each order found by binary search (this runs after every step).
            var sums = [Int64](repeating: 0, count: o.venueOrders.count)
            for fill in o.fills {
                guard let index = o.venueOrderIndex(fill.orderID) else { return false }
                sums[index] += fill.quantity.value
            }
            return o.venueOrders.indices.allSatisfy { index in
                let order = o.venueOrders[index]
                return sums[index] == order.filled.value && order.filled <= order.request.quantity
            }
        },
        Invariant("state agrees with filled", "FILLED ⇔ filled == quantity; ACCEPTED and REJECTED ⇒ nothing filled; PARTIALLY_FILLED ⇒ some") { o in
            o.venueOrders.allSatisfy { order in
                let complete = order.filled == order.request.quantity
                switch order.state {
                case .filled: return complete
                case .accepted, .rejected: return order.filled.value == 0
                case .partiallyFilled: return order.filled.value > 0 && !complete
                case .pendingCancel, .canceled, .expired: return !complete
                }
            }
        },
        Invariant("no fill beyond a limit", "a limit order never fills worse than its limit") { o in
            o.fills.allSatisfy { fill in
                guard let order = o.venueOrder(fill.orderID), case .limit(let limit) = order.request.type else { return true }
                return fill.side == .buy ? fill.price <= limit : fill.price >= limit
            }
        },
        Invariant("no spot position below zero", "a spot account never sells what it does not hold") { o in
            o.account.holdings.allSatisfy { holding in
                holding.position >= 0 || VenueSetup.instruments.first { $0.symbol == holding.symbol }?.isSpot == false
            }
        },
        Invariant("fees never toward the client", "each fill's fee is its notional times its liquidity's rate, rounded toward the venue") { o in
            o.fills.allSatisfy { fill in
                guard let instrument = VenueSetup.instruments.first(where: { $0.symbol == fill.symbol }) else { return false }
                let notional = fill.quantity.value * fill.price.value * instrument.tickValue.value
                let rate = fill.liquidity == .maker ? o.fees.maker : o.fees.taker
                return fill.fee == ExchangeBooks.fee(notional: notional, rate: rate)
                    && fill.liquidity == o.venueOrder(fill.orderID)?.liquidity
            }
        },
        Invariant(
            "client agrees with venue",
            "a terminal order the client holds is the venue's: its state, filled quantity and fill price total; NOT_FOUND is unknown to the venue; every venue order is tracked"
        ) { o in
            // Both lists are sorted by id: every venue id must appear among the client's.
            var next = 0
            for order in o.venueOrders {
                while next < o.clientOrders.count, o.clientOrders[next].id < order.request.id { next += 1 }
                guard next < o.clientOrders.count, o.clientOrders[next].id == order.request.id else { return false }
            }
            return o.clientOrders.allSatisfy { order in
                switch order.state {
                case .notFound: return o.venueOrder(order.id) == nil
                case .venue(let state) where state.isTerminal:
                    guard let venue = o.venueOrder(order.id) else { return false }
                    return venue.state == state && venue.filled == order.filled && venue.fillPriceTotal == order.fillPriceTotal
                default: return true
                }
            }
        },
        Invariant("fill price total == Σ price × quantity", "each order's fill price total (its average price × filled) adds up its fills") { o in
            var sums = [Int64](repeating: 0, count: o.venueOrders.count)
            for fill in o.fills {
                guard let index = o.venueOrderIndex(fill.orderID) else { return false }
                sums[index] += fill.price.value * fill.quantity.value
            }
            return o.venueOrders.indices.allSatisfy { sums[$0] == o.venueOrders[$0].fillPriceTotal }
        },
    ]

    public static let steps: [StepInvariant<ExchangeCommand, ExchangeOutcome, ExchangeObservation>] = [
        StepInvariant("a refused request changes nothing", "a client refusal or bad market data leaves everything as it was") {
            before, command, outcome, after in
            if case .done = outcome { return true }
            if case .configure = command { return true }
            return before == after
        },
        StepInvariant("terminal orders never change", "FILLED, CANCELED, REJECTED, EXPIRED are final: state and filled quantity") { before, _, _, after in
            before.venueOrders.allSatisfy { old in
                guard old.state.isTerminal else { return true }
                guard let new = after.venueOrder(old.request.id) else { return false }
                return new.state == old.state && new.filled == old.filled
            }
        },
        StepInvariant("fills only grow", "no order's filled quantity decreases; no fill disappears from the log") { before, command, _, after in
            if case .configure = command { return true }
            guard after.fills.count >= before.fills.count, after.fills.prefix(before.fills.count).elementsEqual(before.fills) else { return false }
            return before.venueOrders.allSatisfy { old in (after.venueOrder(old.request.id)?.filled ?? Lots(-1)) >= old.filled }
        },
        StepInvariant("time never goes back", "the virtual clock is monotone") { before, command, _, after in
            if case .configure = command { return true }
            return after.now >= before.now
        },
    ]
}
