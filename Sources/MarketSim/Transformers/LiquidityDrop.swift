/// A liquidity drop: inside a window, top-of-book depth falls by a stated fraction and the spread
/// widens in inverse proportion.
///
/// Per bar of the window: liquidity × `(1 − dropFraction)`; spread (bps) ÷ `(1 − dropFraction)`.
/// The relation: the cost of trading a fixed size goes as one over the depth available, so
/// depth −90% (`dropFraction = 0.9`) widens the spread ×10, and depth −50% doubles it. Prices,
/// volume and time are not touched. Draws no choices.
public struct LiquidityDrop: SeriesTransformer {
    /// The share of liquidity lost, `0 ≤ dropFraction < 1` (0.9 = −90%).
    public let dropFraction: Double
    /// The window's first bar (0-based), `0…10⁹`.
    public let startBar: Int
    /// The window's length in bars, `1…10⁹`; a window past the series' end is cut there.
    public let durationBars: Int

    /// - Throws: ``ParameterError`` naming the first parameter outside its range.
    public init(dropFraction: Double, startBar: Int, durationBars: Int) throws(ParameterError) {
        try ParameterError.require("LiquidityDrop", "dropFraction", dropFraction, "0 ≤ dropFraction < 1 (0.9 = −90%)") { $0 >= 0 && $0 < 1 }
        try ParameterError.requireBars("LiquidityDrop", "startBar", startBar, atLeast: 0)
        try ParameterError.requireBars("LiquidityDrop", "durationBars", durationBars, atLeast: 1)
        self.dropFraction = dropFraction
        self.startBar = startBar
        self.durationBars = durationBars
    }

    /// The factor the spread is multiplied by: `1 / (1 − dropFraction)`.
    public var spreadMultiplier: Double { 1 / (1 - dropFraction) }

    /// Applies the drop; draws nothing from `choices`.
    ///
    /// - Throws: ``ParameterError`` when `startBar` is not a bar of the series, a value in the
    ///   window is not finite, or the spread overflows.
    public func apply<C: ChoiceSource>(to series: BarSeries, choices: inout C) throws(ParameterError) -> TransformResult {
        let model = "LiquidityDrop"
        var bars = series.bars
        let window = try ParameterError.window(model, startBar: startBar, durationBars: durationBars, count: bars.count)
        try ParameterError.requireUsable(model, bars, window)
        let keep = 1 - dropFraction
        let widen = spreadMultiplier
        for j in window {
            bars[j].liquidity *= keep
            bars[j].spreadBps *= widen
        }
        try ParameterError.requireFiniteResult(model, bars, window)
        return TransformResult(series: BarSeries(symbol: series.symbol, bars: bars))
    }
}
