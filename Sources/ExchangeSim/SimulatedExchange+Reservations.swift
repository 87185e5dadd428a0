import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// What open orders hold back, kept as running totals so a submit's funds check is O(1)
/// instead of a walk over every open order (`docs/exchange.md`, rejections, funds).
struct OpenTotals: Sendable {
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

/// One open order's share of the totals: what `count` adds or removes, and what the invariant
/// check adds up again.
struct OpenShare {
    let instrument: Int
    let remainder: Int64
    let isSell: Bool
    /// `spotBuyReservation` for an open spot buy, else 0.
    let spotBuyReservation: Int64
}

extension SimulatedExchange {
    /// Adds (`sign` +1) or removes (−1) an open order's share of the totals. Called with −1
    /// before any change to an open order's remainder or openness and with +1 after, if it is
    /// still open.
    @inline(__always)
    mutating func count(_ order: Int32, _ sign: Int64) {
        let share = share(of: order)
        totals.remainders[share.instrument] += sign * share.remainder
        if share.isSell {
            totals.sellRemainders[share.instrument] += sign * share.remainder
        } else if share.spotBuyReservation != 0 {
            totals.spotBuyReservations += sign * share.spotBuyReservation
        }
    }

    /// `order`'s share of the totals, as it stands (counted while the order is open).
    @inline(__always)
    func share(of order: Int32) -> OpenShare {
        let held = venue[Int(order)]
        let instrument = Int(held.instrument)
        let isSell = held.request.side == .sell
        return OpenShare(
            instrument: instrument, remainder: held.remainder, isSell: isSell,
            spotBuyReservation: !isSell && instruments[instrument].isSpot ? spotBuyReservation(order) : 0)
    }

    /// Whether the running totals equal the open orders' shares added up again. The recount is
    /// kept in temporary memory, not in arrays: the invariant check that asks runs after every
    /// input in the checked builds, and two arrays made and freed each time were a fifth of it.
    func totalsMatchRecount() -> Bool {
        let count = instruments.count
        return withUnsafeTemporaryAllocation(of: Int64.self, capacity: 2 * count) { sums in
            sums.initialize(repeating: 0)
            var spotBuys: Int64 = 0
            for order in venue.indices where venue[order].isOpen {
                let share = share(of: Int32(order))
                sums[share.instrument] += share.remainder
                if share.isSell { sums[count + share.instrument] += share.remainder }
                spotBuys += share.spotBuyReservation
            }
            return spotBuys == totals.spotBuyReservations && totals.remainders.elementsEqual(sums[..<count])
                && totals.sellRemainders.elementsEqual(sums[count...])
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
