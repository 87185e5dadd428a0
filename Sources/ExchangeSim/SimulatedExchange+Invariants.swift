import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// An invariant of `docs/exchange.md` that production's state breaks.
public enum VenueInvariantViolation: Hashable, Sendable {
    /// cash + Σ value ≠ initial cash + realized + unrealized − fees.
    case booksEquation
    /// The books rebuilt from the fill log differ from the books.
    case fillLogReplay
    /// An order's filled quantity (or its fill price total) is not Σ of its fills, or the
    /// quantity exceeds the order's.
    case filledQuantity(ClientOrderID)
    /// An order's state disagrees with its filled quantity.
    case stateAgreement(ClientOrderID)
    /// A limit order filled beyond its limit.
    case beyondLimit(ClientOrderID)
    case negativeSpotPosition(Symbol)
    /// A terminal order the client holds is not the venue's (its state, filled quantity or fill
    /// price total), or the client tracks as NOT_FOUND an order the venue has, or the venue has an
    /// order the client does not track.
    case clientDisagrees(ClientOrderID)
    /// The running totals of open orders (funds checks) differ from a recount.
    case openTotals
}

extension SimulatedExchange {
    /// Every invariant violation of the current state (empty when sound). The fill-log checks
    /// run only while the log is complete (kept, never trimmed) and `replayingFillLog` is set
    /// (they fold the whole log). Allocates: for checks.
    public func invariantViolations(replayingFillLog: Bool = true) -> [VenueInvariantViolation] {
        var found: [VenueInvariantViolation] = []
        var value: Int128 = 0
        var realized: Int128 = 0
        var unrealized: Int128 = 0
        for (index, holding) in holdings.enumerated() {
            let instrument = instruments[index]
            let marked = Int128(holding.position) * Int128(holding.mark) * Int128(instrument.tickValue.value)
            unrealized += marked - Int128(holding.cost)
            realized += Int128(holding.realized)
            value += instrument.isSpot ? marked : marked - Int128(holding.cost)
            if instrument.isSpot, holding.position < 0 { found.append(.negativeSpotPosition(instrument.symbol)) }
        }
        if Int128(cash) + value != Int128(configuration.initialCash.value) + realized + unrealized - Int128(feesPaid) {
            found.append(.booksEquation)
        }
        if replayingFillLog, keepsFillLog, fillLogIsComplete { found += fillLogViolations() }
        if !totalsMatchRecount() { found.append(.openTotals) }
        for order in venue {
            let id = order.request.id
            let filled = order.filled
            let agrees =
                switch order.state {
                case .filled: filled == order.request.quantity.value
                case .partiallyFilled: filled > 0 && filled < order.request.quantity.value
                case .accepted, .rejected: filled == 0
                case .pendingCancel, .canceled, .expired: filled < order.request.quantity.value
                }
            if !agrees { found.append(.stateAgreement(id)) }
            if let slot = clientIndex[id] {
                let tracked = client[Int(slot)]
                if case .venue(let known) = tracked.state, known.isTerminal,
                    known != order.state || tracked.filled != order.filled || tracked.fillPriceTotal != order.fillPriceTotal
                {
                    found.append(.clientDisagrees(id))
                }
                if client[Int(slot)].state == .notFound { found.append(.clientDisagrees(id)) }
            } else {
                found.append(.clientDisagrees(id))
            }
        }
        return found
    }

    /// Whether `fills` still holds every fill of the run (so it can rebuild the books).
    var fillLogIsComplete: Bool { fillLog.count == fillsBooked }

    private func fillLogViolations() -> [VenueInvariantViolation] {
        var found: [VenueInvariantViolation] = []
        var replay = self
        replay.cash = configuration.initialCash.value
        replay.feesPaid = 0
        replay.holdings = Array(filling: Holding(), count: instruments.count)
        var filledByOrder: [ClientOrderID: Int64] = [:]
        var priceTotalByOrder: [ClientOrderID: Int64] = [:]
        var venueIndex: [ClientOrderID: Int] = [:]
        for (slot, order) in venue.enumerated() { venueIndex[order.request.id] = slot }
        for fill in fillLog {
            guard let index = instrumentIndex(fill.symbol) else { continue }
            let notional = Money.notional(price: fill.price.value, quantity: fill.quantity.value, tickValue: instruments[Int(index)].tickValue.value)
            replay.book(instrument: Int(index), signed: fill.side.sign * fill.quantity.value, price: fill.price.value, notional: notional, fee: fill.fee.value)
            filledByOrder[fill.orderID, default: 0] += fill.quantity.value
            priceTotalByOrder[fill.orderID, default: 0] += fill.price.value * fill.quantity.value
            if let order = venueIndex[fill.orderID], case .limit(let limit) = venue[order].request.type,
                fill.side == .buy ? fill.price > limit : fill.price < limit
            {
                found.append(.beyondLimit(fill.orderID))
            }
        }
        let sameBooks =
            replay.cash == cash && replay.feesPaid == feesPaid
            && zip(replay.holdings, holdings).allSatisfy {
                $0.position == $1.position && $0.cost == $1.cost && $0.realized == $1.realized && $0.mark == $1.mark
            }
        if !sameBooks { found.append(.fillLogReplay) }
        for order in venue
        where filledByOrder[order.request.id, default: 0] != order.filled || order.filled > order.request.quantity.value
            || priceTotalByOrder[order.request.id, default: 0] != order.fillPriceTotal
        {
            found.append(.filledQuantity(order.request.id))
        }
        return found
    }
}

extension SimulatedExchange {
    /// After every input, under `STRESSCHECK_INVARIANT_CHECKS` (debug builds, CI and the fuzz
    /// builds): traps naming every broken invariant except the fill-log replay (which folds the
    /// whole log; the differential check runs it after every step). A venue carrying a bug-zoo
    /// mutation breaks them on purpose and is not checked.
    @inline(__always) func checkInvariantsIfEnabled() {
        #if STRESSCHECK_INVARIANT_CHECKS
            guard mutation == .none else { return }
            let broken = invariantViolations(replayingFillLog: false)
            precondition(broken.isEmpty, "SimulatedExchange: invariants broken after an input: \(broken)")
        #endif
    }
}
