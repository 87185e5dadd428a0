/// Deliberate bugs for the bug zoo (`Tests/BugZoo/ExchangeMutants.swift`), each breaking one
/// rule of `docs/exchange.md` where such a bug would live in this code: the zoo proves the
/// exchange check finds each one and shrinks it to a known minimal case. Production runs
/// `.none`; the setter is SPI, invisible to ordinary clients.
@_spi(BugZoo) public enum VenueMutation: Sendable, Equatable {
    case none
    /// A fill that leaves its order partially filled is logged and reported but not booked
    /// (hftbacktest's issue 316: one partial fill of several dropped from the books).
    case partialFillNotBooked
    /// The fee is computed on the order's whole quantity at every fill, not on the fill.
    case feeOnOrder
    /// The fill price total is taken as the last fill's price × everything filled: an order
    /// filled at several prices reports the last one as its average.
    case priceTotalAtLastFill
    /// A limit order crossing inside a bar fills at the point's price when that is past its
    /// limit (the segment started through the limit and ended beyond it).
    case limitFilledBeyondPrice
    /// A stop gapped through at the open fills at its trigger instead of the open.
    case stopAtTriggerThroughGap
    /// A canceled limit order stays on the book: a later quote or bar fills it after the cancel
    /// was confirmed.
    case fillAfterCancel
    /// A resubmit of a timed-out (UNKNOWN) order is sent as a new order with a new id.
    case timedOutResentAsNew
    /// A rejected order stays in the open orders' totals (its reservation never released).
    case rejectedLeftOpen
    /// Computed slippage rates (volatility, square root) are not capped at `VenueLimits.maxRate`.
    case slippageUncapped
    /// The client takes a latency leg longer than `VenueLimits.maxLatency` (it checks only that a
    /// leg is not negative): a leg of `Int64.max` then overflows the virtual clock.
    case latencyUnbounded
}
