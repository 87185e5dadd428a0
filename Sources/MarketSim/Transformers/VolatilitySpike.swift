/// A volatility spike: inside a window, every bar's return deviates from the window's trend by
/// `multiplier` times as much as it did.
///
/// With `r_j` the log return of bar `j` (from the previous close, or from its own open for bar 0)
/// and `μ` the mean of the window's returns (its local trend), each return becomes
/// `μ + multiplier·(r_j − μ)`. The returns' standard deviation over the window is therefore
/// exactly `multiplier` times the original's, and the window's total return is unchanged: its last
/// close is the original's (set back bit for bit), so the bars after the window are not touched.
/// Each bar's open offset from the previous close and both wicks (high above and low below the
/// body, in log terms) are scaled by `multiplier` too, and the bar is rebuilt on the new previous
/// close, so high ≥ max(open, close) and low ≤ min(open, close) hold on every bar. Volume, spread,
/// liquidity and time are not touched. Draws no choices. A window of one bar has no deviation
/// from its own mean: only its wicks and open offset widen.
public struct VolatilitySpike: SeriesTransformer {
    /// How many times the window's volatility is multiplied, `1…100` (crashes reach 5–15).
    public let multiplier: Double
    /// The window's first bar (0-based), `0…10⁹`.
    public let startBar: Int
    /// The window's length in bars, `1…10⁹`; a window past the series' end is cut there.
    public let durationBars: Int

    /// - Throws: ``ParameterError`` naming the first parameter outside its range.
    public init(multiplier: Double, startBar: Int, durationBars: Int) throws(ParameterError) {
        try ParameterError.require("VolatilitySpike", "multiplier", multiplier, "1 ≤ multiplier ≤ 100") { $0 >= 1 && $0 <= 100 }
        try ParameterError.requireBars("VolatilitySpike", "startBar", startBar, atLeast: 0)
        try ParameterError.requireBars("VolatilitySpike", "durationBars", durationBars, atLeast: 1)
        self.multiplier = multiplier
        self.startBar = startBar
        self.durationBars = durationBars
    }

    /// Applies the spike; draws nothing from `choices`.
    ///
    /// - Throws: ``ParameterError`` when `startBar` is not a bar of the series, a price in the
    ///   window (or the close before it) is not finite and positive, or the result overflows.
    public func apply<C: ChoiceSource>(to series: BarSeries, choices: inout C) throws(ParameterError) -> TransformResult {
        let model = "VolatilitySpike"
        var bars = series.bars
        let window = try ParameterError.window(model, startBar: startBar, durationBars: durationBars, count: bars.count)
        try ParameterError.requireUsable(model, bars, max(0, startBar - 1)..<window.upperBound)
        let returns = ReturnRewrite.returns(bars, window)
        let mean = returns.reduce(0, +) / Double(returns.count)
        let scaled = returns.map { mean + multiplier * ($0 - mean) }
        ReturnRewrite.rebuild(&bars, window, newReturns: scaled, shapeScale: multiplier)
        try ParameterError.requireFiniteResult(model, bars, window)
        return TransformResult(series: BarSeries(symbol: series.symbol, bars: bars))
    }
}
