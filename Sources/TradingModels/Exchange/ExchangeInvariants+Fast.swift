import ExchangeVocabulary
import TradingVocabulary

extension ExchangeInvariants {
    /// The name of the first of `state` that `o` violates, or nil: the same verdicts, computed in
    /// one pass over the fills and one over the orders, without allocating (the check evaluates
    /// this after every step; `state` stays the readable statement, and a test holds the two
    /// equal on sound and broken observations).
    public static func firstViolation(of o: ExchangeObservation) -> String? {
        var broken = Broken()
        checkHoldings(o, &broken)
        // Per order: Σ quantity of its fills in the first half, Σ price × quantity in the second.
        let orders = o.venueOrders.count
        withUnsafeTemporaryAllocation(of: Int64.self, capacity: max(2 * orders, 1)) { buffer in
            buffer.initialize(repeating: 0)
            let sums = UnsafeMutableBufferPointer(rebasing: buffer[0..<orders])
            let priceSums = UnsafeMutableBufferPointer(rebasing: buffer[orders..<2 * orders])
            checkFills(o, sums: sums, priceSums: priceSums, &broken)
            checkOrders(o, sums: sums, priceSums: priceSums, &broken)
        }
        checkClient(o, &broken)
        return broken.first
    }

    /// Which of `state` failed, as bits in `state`'s order.
    private struct Broken {
        var bits: UInt16 = 0
        mutating func mark(_ index: Int) { bits |= 1 << UInt16(index) }
        var first: String? { bits == 0 ? nil : ExchangeInvariants.state[bits.trailingZeroBitCount].name }
    }

    // The positions of the invariants in `state`.
    private static let booksEquation = 0, fillLogReplays = 1, filledSums = 2, stateAgrees = 3, withinLimit = 4, spotNotNegative = 5,
        feesExact = 6, clientAgrees = 7, priceTotals = 8

    private static func instrumentIndex(_ symbol: Symbol) -> Int? {
        VenueSetup.instruments.firstIndex { $0.symbol == symbol }
    }

    /// The books equation and spot positions.
    private static func checkHoldings(_ o: ExchangeObservation, _ broken: inout Broken) {
        var lhs = Int128(o.account.cash.value)
        var rhs = Int128(o.initialCash.value) - Int128(o.account.feesPaid.value)
        for holding in o.account.holdings {
            guard let index = instrumentIndex(holding.symbol) else {
                broken.mark(booksEquation)
                continue
            }
            let instrument = VenueSetup.instruments[index]
            let atMark = Int128(holding.position) * Int128(holding.mark.value) * Int128(instrument.tickValue.value)
            let unrealized = atMark - Int128(holding.cost.value)
            lhs += instrument.isSpot ? atMark : unrealized
            rhs += Int128(holding.realized.value) + unrealized
            if holding.position < 0, instrument.isSpot { broken.mark(spotNotNegative) }
        }
        if lhs != rhs { broken.mark(booksEquation) }
    }

    /// The fill log folded into per-instrument holdings and compared with the books; each fill's
    /// quantity summed into its order's slot; limits and fees per fill.
    private static func checkFills(
        _ o: ExchangeObservation, sums: UnsafeMutableBufferPointer<Int64>, priceSums: UnsafeMutableBufferPointer<Int64>, _ broken: inout Broken
    ) {
        let count = VenueSetup.instruments.count
        withUnsafeTemporaryAllocation(of: HoldingSnapshot.self, capacity: count) { holdings in
            for index in 0..<count {
                holdings.initializeElement(
                    at: index, to: HoldingSnapshot(symbol: VenueSetup.instruments[index].symbol, position: 0, cost: 0, realized: 0, mark: 0))
            }
            var tradedBits: UInt64 = 0
            var cash = o.initialCash.value
            var fees: Int64 = 0
            for fill in o.fills {
                guard let instrumentIndex = instrumentIndex(fill.symbol) else {
                    broken.mark(fillLogReplays)
                    broken.mark(feesExact)
                    continue
                }
                let instrument = VenueSetup.instruments[instrumentIndex]
                ExchangeBooks.book(fill, instrument: instrument, holding: &holdings[instrumentIndex], cash: &cash)
                tradedBits |= 1 << UInt64(instrumentIndex)
                fees += fill.fee.value
                let order = o.venueOrderIndex(fill.orderID)
                if let order {
                    sums[order] += fill.quantity.value
                    priceSums[order] += fill.price.value * fill.quantity.value
                } else {
                    broken.mark(filledSums)
                    broken.mark(priceTotals)
                }
                if let order, case .limit(let limit) = o.venueOrders[order].request.type,
                    fill.side == .buy ? fill.price > limit : fill.price < limit
                {
                    broken.mark(withinLimit)
                }
                let notional = fill.quantity.value * fill.price.value * instrument.tickValue.value
                let rate = fill.liquidity == .maker ? o.fees.maker : o.fees.taker
                if fill.fee != ExchangeBooks.fee(notional: notional, rate: rate) || fill.liquidity != order.map({ o.venueOrders[$0].liquidity }) {
                    broken.mark(feesExact)
                }
            }
            // The rebuilt books, in symbol order of the traded instruments, must be the books.
            var matches =
                cash == o.account.cash.value && fees == o.account.feesPaid.value
                && o.account.holdings.count == tradedBits.nonzeroBitCount
            for holding in o.account.holdings where matches {
                guard let index = instrumentIndex(holding.symbol), tradedBits & (1 << UInt64(index)) != 0 else {
                    matches = false
                    break
                }
                matches = holdings[index] == holding
            }
            if matches {
                var previous: Symbol?
                for holding in o.account.holdings {
                    if let previous, previous >= holding.symbol { matches = false }
                    previous = holding.symbol
                }
            }
            if !matches { broken.mark(fillLogReplays) }
            holdings.deinitialize()
        }
    }

    /// Each order's filled quantity against the sum of its fills, and its state against it.
    private static func checkOrders(
        _ o: ExchangeObservation, sums: UnsafeMutableBufferPointer<Int64>, priceSums: UnsafeMutableBufferPointer<Int64>, _ broken: inout Broken
    ) {
        for index in o.venueOrders.indices {
            let order = o.venueOrders[index]
            if sums[index] != order.filled.value || order.filled > order.request.quantity { broken.mark(filledSums) }
            if priceSums[index] != order.fillPriceTotal { broken.mark(priceTotals) }
            let complete = order.filled == order.request.quantity
            let agrees =
                switch order.state {
                case .filled: complete
                case .accepted, .rejected: order.filled.value == 0
                case .partiallyFilled: order.filled.value > 0 && !complete
                case .pendingCancel, .canceled, .expired: !complete
                }
            if !agrees { broken.mark(stateAgrees) }
        }
    }

    /// The client's view against the venue's: both lists sorted by id, walked together.
    private static func checkClient(_ o: ExchangeObservation, _ broken: inout Broken) {
        var venue = 0
        for order in o.clientOrders {
            while venue < o.venueOrders.count, o.venueOrders[venue].request.id < order.id {
                broken.mark(clientAgrees)  // a venue order the client does not track
                venue += 1
            }
            let known = venue < o.venueOrders.count && o.venueOrders[venue].request.id == order.id ? o.venueOrders[venue] : nil
            switch order.state {
            case .notFound: if known != nil { broken.mark(clientAgrees) }
            case .venue(let state) where state.isTerminal:
                if known?.state != state || known?.filled != order.filled || known?.fillPriceTotal != order.fillPriceTotal { broken.mark(clientAgrees) }
            default: break
            }
            if known != nil { venue += 1 }
        }
        if venue < o.venueOrders.count { broken.mark(clientAgrees) }
    }
}
