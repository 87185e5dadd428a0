/// Deliberate wiring bugs of the executor, for the bug zoo: each breaks one connection between
/// the market, the risk stack and the venue, where such a bug would live in a real bot, and one
/// safety property must catch it. Production runs `.none`; the setter is SPI, invisible to
/// ordinary clients (as `VenueMutation` is for the exchange).
@_spi(BugZoo) public enum ExecutorMutation: Sendable, Equatable {
    case none
    /// The super-state is fed the previous bar's conditions instead of this bar's (a cached
    /// feed): caught by `superStateFollowsClassification`.
    case staleConditions
    /// A fill that is not its order's first is booked twice (a partial-fill report applied on
    /// top of the fill log): caught by `booksReconcile`.
    case fillBookedTwice
    /// The order router's copy of the trading mode misses the halt (LIVE_ACTIVE → DRY_RUN on
    /// EMERGENCY_HALT), so exits keep going to the venue: caught by `noOrderWhileOffOrHalted`.
    case haltNotPropagated
    /// After the link comes back, an order whose outcome is unknown (it timed out while the link
    /// was down) is sent again under a new id instead of being queried: the same decision
    /// reaches the venue twice. Caught by broker failure's "nothing sent twice".
    case resendAfterReconnect
}
