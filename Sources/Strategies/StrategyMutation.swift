/// Deliberate bugs for the bug zoo (`Tests/BugZoo/StrategyMutants.swift`), each breaking one
/// rule of `docs/strategies.md` where such a bug would live in the strategy's code: the zoo
/// proves each strategy's check finds it and shrinks it to a known minimal case. Production runs
/// `.none` (and skips its own invariant checks otherwise); the setter is SPI.
@_spi(BugZoo) public enum StrategyMutation: Sendable, Equatable {
    case none
    /// Market making: when the mid jumps through the maker's own quotes, the new quotes are
    /// placed as soon as the old ones are asked to cancel, not once they are gone (a fast path
    /// "the old ones are stale anyway"): the new bid crosses the old ask still working.
    case requoteWithoutWaiting
    /// Market making: the emergency stop cancels the bids and forgets the asks.
    case stopKeepsAsk
    /// Market making: a book after COMPLETED starts quoting again (the terminal guard missing).
    case quotesAfterCompleted
    /// Arbitrage: a rejected leg ends the trade as COMPLETED, leaving the other leg working.
    case legLeftOpen
    /// Arbitrage: the legs' deadline `now + legTimeout` added with wrapping (`&+`, the quick fix
    /// for its trap near the end of the clock): it wraps negative, and the legs are cancelled as
    /// soon as they open.
    case deadlineWraps
    /// Hedges: a rebalance trades the leg that is on target instead of the lagging one.
    case rebalancesWrongLeg
    /// Hedges: the roll point is checked before opening but not once the legs are out.
    case heldThroughExpiry
}
