/// The thresholds of ``DataValidator``: when a step between timestamps is a gap, and when a return
/// is a spike.
///
/// The defaults report nothing on clean simulated GBM and GARCH-t data (see `SpikeDetector` for
/// the measured rates) and nothing on daily equity data with its weekends and holidays.
public struct ValidationOptions: Hashable, Sendable {
    /// A step between timestamps longer than this multiple of the series' median step is a
    /// ``DataFaultKind/gap`` (default 5: a long weekend of daily bars, Friday to Tuesday, is 4
    /// median steps and passes; a missing week is reported).
    public var gapMultiple: Double
    /// k: a log return larger in size than k robust standard deviations of the returns around it
    /// is a ``DataFaultKind/spike`` (default 12).
    public var spikeSigmas: Double
    /// How many returns before a bar its robust standard deviation is estimated from
    /// (default 100: the volatility of the regime the bar is in).
    public var spikeReturnsBefore: Int
    /// How many returns after a bar its robust standard deviation is also estimated from; the
    /// larger estimate counts (default 20: a real shock starts a burst of volatility, a bad tick
    /// does not, so a shock that volatility follows is not taken for a spike).
    public var spikeReturnsAfter: Int
    /// The fewest returns a series needs for spikes to be looked for at all (default 20).
    public var spikeMinimumReturns: Int
    /// For how many bars after a spike a return that brings the close back near its level before
    /// the spike is taken for the spike's reversal and not reported again (default 5).
    public var spikeReversalBars: Int

    /// The robust standard deviation is never taken below this share of the whole series' typical
    /// non-zero move (default 0.25), so that a quiet stretch of unchanged closes (a price on a
    /// coarse tick) does not make every tick a spike.
    public var spikeScaleFloor: Double

    /// Whether long steps with a daily pattern — the nights, weekends and holidays of intraday
    /// data that trades in sessions — are session breaks rather than gaps (default true; see
    /// `SessionBreaks`). False for data that runs around the clock by construction (a generated
    /// market), where every long step is a gap.
    public var sessionBreaks: Bool

    /// The default thresholds.
    public static let standard = ValidationOptions(checked: ())

    private init(checked: Void) {
        gapMultiple = 5
        spikeSigmas = 12
        spikeReturnsBefore = 100
        spikeReturnsAfter = 20
        spikeMinimumReturns = 20
        spikeReversalBars = 5
        spikeScaleFloor = 0.25
        sessionBreaks = true
    }

    /// Thresholds with the given values (each the default unless given).
    /// - Throws: ``ParameterError`` naming the first value out of range.
    public init(
        gapMultiple: Double = 5, spikeSigmas: Double = 12, spikeReturnsBefore: Int = 100,
        spikeReturnsAfter: Int = 20, spikeMinimumReturns: Int = 20,
        spikeReversalBars: Int = 5, spikeScaleFloor: Double = 0.25, sessionBreaks: Bool = true
    ) throws(ParameterError) {
        try ParameterError.require("ValidationOptions", "gapMultiple", gapMultiple, "1 ≤ gapMultiple ≤ 1e6") { $0 >= 1 && $0 <= 1e6 }
        try ParameterError.require("ValidationOptions", "spikeSigmas", spikeSigmas, "1 ≤ spikeSigmas ≤ 1e6") { $0 >= 1 && $0 <= 1e6 }
        try ParameterError.require("ValidationOptions", "spikeReturnsBefore", Double(spikeReturnsBefore), "10 ≤ spikeReturnsBefore ≤ 100000") {
            $0 >= 10 && $0 <= 100_000
        }
        try ParameterError.require("ValidationOptions", "spikeReturnsAfter", Double(spikeReturnsAfter), "0 ≤ spikeReturnsAfter ≤ 100000") {
            $0 >= 0 && $0 <= 100_000
        }
        try ParameterError.require("ValidationOptions", "spikeMinimumReturns", Double(spikeMinimumReturns), "2 ≤ spikeMinimumReturns ≤ 100000") {
            $0 >= 2 && $0 <= 100_000
        }
        try ParameterError.require("ValidationOptions", "spikeReversalBars", Double(spikeReversalBars), "0 ≤ spikeReversalBars ≤ 1000") {
            $0 >= 0 && $0 <= 1000
        }
        try ParameterError.require("ValidationOptions", "spikeScaleFloor", spikeScaleFloor, "0 ≤ spikeScaleFloor ≤ 1") { $0 >= 0 && $0 <= 1 }
        self.gapMultiple = gapMultiple
        self.spikeSigmas = spikeSigmas
        self.spikeReturnsBefore = spikeReturnsBefore
        self.spikeReturnsAfter = spikeReturnsAfter
        self.spikeMinimumReturns = spikeMinimumReturns
        self.spikeReversalBars = spikeReversalBars
        self.spikeScaleFloor = spikeScaleFloor
        self.sessionBreaks = sessionBreaks
    }
}
