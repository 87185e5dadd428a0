import ExchangeSim
import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// Everything fixed for a run besides the scenario, the strategy and the choices: the account,
/// the venue's terms, the condition feed, the emergency-stop policy and the liveness deadline.
/// Units are in the names or the types.
public struct ExecutorConfiguration: Hashable, Sendable {
    /// The account's starting cash (default $1 000 000).
    public var initialCash: Cents = 100_000_000
    public var fees = FeeSchedule(maker: 2, taker: 5)
    public var slippage: SlippageModel = .fixed(5)
    /// The share of a bar point's volume one order may take.
    public var participation: BasisPoints = 1_000
    /// How long the client waits for an acknowledgement.
    public var orderTimeout: SimDuration = .seconds(10)
    /// Lots shown at each price level of the quote in a calm market (scaled by liquidity).
    public var quoteDepthLots: Int64 = 200
    /// The bars of log returns the volatility input is the standard deviation of.
    public var volatilityWindowBars = 60
    /// The drawdown whose crossing (from below) is an emergency stop.
    public var emergencyDrawdown: BasisPoints = 2_000
    /// Unusable bars in a row of one symbol that are an emergency stop.
    public var badBarsBeforeHalt = 3
    /// Steps in a row with the venue link down that are an emergency stop.
    public var disconnectedStepsBeforeHalt = 3
    /// How long the operator waits after an emergency stop before resuming (link up, feed good).
    public var haltCooldown: SimDuration = .minutes(5)
    /// Bars allowed, beyond the volatility window and RECOVERY's confirmations, for the stack to
    /// settle once the market is quiet.
    public var settleBars = 10
    /// The oldest the client's quote may be for the strategy to trade on it: an order decided
    /// on an older book (a stale feed) is held back (`RejectionReason.staleData`). Exits are not
    /// held back: flattening does not wait for a price.
    public var maxQuoteAge: SimDuration = .milliseconds(500)
    /// The bounds of the run's venue fault mix.
    public var faultBounds = VenueFaultBounds()
    /// The most violations a record keeps (the run goes on; the first is what matters).
    public var maxRecordedViolations = 100

    public init() {}

    /// The stated simulated time within which the stack must settle once the market is quiet:
    /// the volatility window (to flush the crash's returns), RECOVERY's confirmations, the
    /// settle allowance, all in bars, plus the halt cooldown.
    public func livenessDeadline(interval: SimDuration) -> SimDuration {
        let bars = Int64(volatilityWindowBars + ConditionThresholds.recoveryConfirmations + settleBars)
        return interval * bars + haltCooldown
    }

    /// Checks every field.
    /// - Throws: `.configuration` naming the first field out of range.
    public func validate() throws(StressRunError) {
        func require(_ ok: Bool, _ field: String, _ allowed: String) throws(StressRunError) {
            guard ok else { throw .configuration(field: field, allowed: allowed) }
        }
        try require(initialCash.value > 0 && initialCash.value <= 1_000_000_000_000, "initialCash", "1 … 10¹² minor units")
        try require(quoteDepthLots >= 1 && quoteDepthLots <= VenueLimits.maxQuoteSize.value, "quoteDepthLots", "1 … 10⁶")
        try require(volatilityWindowBars >= 2 && volatilityWindowBars <= 100_000, "volatilityWindowBars", "2 … 100 000")
        try require(emergencyDrawdown.value > 0 && emergencyDrawdown <= .whole, "emergencyDrawdown", "1 … 10 000 bp")
        try require(badBarsBeforeHalt >= 1, "badBarsBeforeHalt", "≥ 1")
        try require(disconnectedStepsBeforeHalt >= 1, "disconnectedStepsBeforeHalt", "≥ 1")
        try require(haltCooldown >= .zero, "haltCooldown", "≥ 0")
        try require(maxQuoteAge >= .zero, "maxQuoteAge", "≥ 0")
        try require(settleBars >= 0, "settleBars", "≥ 0")
        try require(maxRecordedViolations >= 1, "maxRecordedViolations", "≥ 1")
        do { try faultBounds.validate() } catch { throw .faultBounds(error) }
    }
}
