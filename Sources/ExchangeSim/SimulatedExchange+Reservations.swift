import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// What open orders hold back, kept as running totals so a submit's funds check is O(1)
/// instead of a walk over every open order (`docs/exchange.md`, rejections, funds).
struct OpenTotals: Equatable, Sendable {
    /// Per instrument: Σ remainders of every open order (futures margin).
    var remainders: [Int64]
    /// Per instrument: Σ remainders of the open sells (spot position check).
    var sellRemainders: [Int64]
    /// Σ over every open spot buy of remainder × reference × tick value + the taker fee on it.
    var spotBuyReservations: Int64 = 0

    init(instruments: Int) {
        remainders = Array(filling: 0, count: instruments)
        sellRemainders = Array(filling: 0, count: instruments)
    }
}

extension SimulatedExchange {
    /// Adds (`sign` +1) or removes (−1) an open order's share of the totals. Called with −1
    /// before any change to an open order's remainder or openness and with +1 after, if it is
    /// still open.
    @inline(__always)
    mutating func count(_ order: Int32, _ sign: Int64) {
        add(order, sign, to: &totals)
    }

    /// Adds (`sign` +1) or removes (−1) an open order's share of `sums`: the running totals, or
    /// the recount the invariant check compares them with.
    @inline(__always)
    func add(_ order: Int32, _ sign: Int64, to sums: inout OpenTotals) {
        let held = venue[Int(order)]
        let instrument = Int(held.instrument)
        let remainder = held.remainder
        sums.remainders[instrument] += sign * remainder
        if held.request.side == .sell {
            sums.sellRemainders[instrument] += sign * remainder
        } else if instruments[instrument].isSpot {
            sums.spotBuyReservations += sign * spotBuyReservation(order)
        }
    }

    /// Ends an open order (CANCELED or EXPIRED) and takes it out of the totals.
    @inline(__always)
    mutating func close(_ order: Int32, as state: VenueOrderState) {
        assert(venue[Int(order)].isOpen && state.isTerminal, "only an open order closes, and only into a terminal state")
        count(order, -1)
        venue[Int(order)].state = state
    }
}
