/// A spread explosion: inside a window, the bid/ask spread is multiplied by a stated factor.
///
/// Per bar of the window: spread (bps) × `multiplier`. Prices, volume, liquidity and time are not
/// touched (compose with ``LiquidityDrop`` for a drain of depth as well). Draws no choices.
public struct SpreadExplosion: SeriesTransformer {
    /// The spread multiple, `1…10000` (simulation.md: up to 25× and more).
    public let multiplier: Double
    /// The window's first bar (0-based), `0…10⁹`.
    public let startBar: Int
    /// The window's length in bars, `1…10⁹`; a window past the series' end is cut there.
    public let durationBars: Int

    /// - Throws: ``ParameterError`` naming the first parameter outside its range.
    public init(multiplier: Double, startBar: Int, durationBars: Int) throws(ParameterError) {
        try ParameterError.require("SpreadExplosion", "multiplier", multiplier, "1 ≤ multiplier ≤ 10000") { $0 >= 1 && $0 <= 10_000 }
        try ParameterError.requireBars("SpreadExplosion", "startBar", startBar, atLeast: 0)
        try ParameterError.requireBars("SpreadExplosion", "durationBars", durationBars, atLeast: 1)
        self.multiplier = multiplier
        self.startBar = startBar
        self.durationBars = durationBars
    }

    /// Applies the explosion; draws nothing from `choices`.
    ///
    /// - Throws: ``ParameterError`` when `startBar` is not a bar of the series, a value in the
    ///   window is not finite, or the spread overflows.
    public func apply<C: ChoiceSource>(to series: BarSeries, choices: inout C) throws(ParameterError) -> TransformResult {
        let model = "SpreadExplosion"
        var bars = series.bars
        let window = try ParameterError.window(model, startBar: startBar, durationBars: durationBars, count: bars.count)
        try ParameterError.requireUsable(model, bars, window)
        for j in window { bars[j].spreadBps *= multiplier }
        try ParameterError.requireFiniteResult(model, bars, window)
        return TransformResult(series: BarSeries(symbol: series.symbol, bars: bars))
    }
}
