import Foundation

/// A pump and dump: prices rise by a stated fraction, hold at the peak, then collapse by a stated
/// fraction of the peak, on heavy volume.
///
/// A deterministic overlay on the series' own path; draws no choices. With `s = startBar`,
/// `U = riseBars`, `H = holdBars`, `C = collapseBars`, `u = riseFraction`, `c = collapseFraction`,
/// every price from bar `s` on is multiplied by a factor whose logarithm at bar `j`'s close is:
///
/// - the rise, bars `s ..< s+U`: `ln(1 + u)·(j − s + 1)/U`, so bar `s+U−1` closes exactly
///   `1 + u` times its original close (the peak);
/// - the hold, bars `s+U ..< s+U+H`: `ln(1 + u)`;
/// - the collapse, bars `s+U+H ..< s+U+H+C`: `ln(1 + u) + ln(1 − c)·(j − s − U − H + 1)/C`, so bar
///   `s+U+H+C−1` closes `(1 + u)(1 − c)` times its original close (`c` below the peak);
/// - after: `ln((1 + u)(1 − c))`, a lasting level shift.
///
/// Open, high, low and close are scaled as in ``FlashCrash`` (open by the factor at the previous
/// close, close by its own, high and low by the larger and smaller, widened to cover open and
/// close). Volume × `volumeMultiplier` over the whole episode (`s ..< s+U+H+C`). Spread,
/// liquidity and time are not touched. Windows past the series' end are cut there.
public struct PumpAndDump: SeriesTransformer {
    /// The rise, as a fraction of the price: `1` doubles it. `0 ≤ riseFraction ≤ 100`.
    public let riseFraction: Double
    /// The fall from the peak, as a fraction: `0.6` is −60%. `0 ≤ collapseFraction < 1`.
    public let collapseFraction: Double
    /// The first bar of the rise (0-based), `0…10⁹`.
    public let startBar: Int
    /// The rise's length in bars, `1…10⁹`.
    public let riseBars: Int
    /// The bars held at the peak, `0…10⁹` (0 = collapse at once).
    public let holdBars: Int
    /// The collapse's length in bars, `1…10⁹`.
    public let collapseBars: Int
    /// The volume multiple over the episode, `1…1000`.
    public let volumeMultiplier: Double

    /// - Throws: ``ParameterError`` naming the first parameter outside its range.
    public init(
        riseFraction: Double, collapseFraction: Double, startBar: Int, riseBars: Int, holdBars: Int,
        collapseBars: Int, volumeMultiplier: Double = 3
    ) throws(ParameterError) {
        let model = "PumpAndDump"
        try ParameterError.require(model, "riseFraction", riseFraction, "0 ≤ riseFraction ≤ 100 (1 = +100%)") { $0 >= 0 && $0 <= 100 }
        try ParameterError.require(model, "collapseFraction", collapseFraction, "0 ≤ collapseFraction < 1 (0.6 = −60%)") { $0 >= 0 && $0 < 1 }
        try ParameterError.requireBars(model, "startBar", startBar, atLeast: 0)
        try ParameterError.requireBars(model, "riseBars", riseBars, atLeast: 1)
        try ParameterError.requireBars(model, "holdBars", holdBars, atLeast: 0)
        try ParameterError.requireBars(model, "collapseBars", collapseBars, atLeast: 1)
        try ParameterError.require(model, "volumeMultiplier", volumeMultiplier, "1 ≤ volumeMultiplier ≤ 1000") { $0 >= 1 && $0 <= 1000 }
        self.riseFraction = riseFraction
        self.collapseFraction = collapseFraction
        self.startBar = startBar
        self.riseBars = riseBars
        self.holdBars = holdBars
        self.collapseBars = collapseBars
        self.volumeMultiplier = volumeMultiplier
    }

    /// The index of the last bar of the rise: the peak's close.
    public var peakBar: Int { startBar + riseBars - 1 }
    /// The index of the last bar of the collapse.
    public var collapseEndBar: Int { startBar + riseBars + holdBars + collapseBars - 1 }

    /// The log price factor at the close of bar `j` (see the type's discussion).
    public func logFactor(atBar j: Int) -> Double {
        let peak = log1p(riseFraction)
        let fall = log1p(-collapseFraction)
        let k = j - startBar
        if k < 0 { return 0 }
        if k < riseBars { return k + 1 == riseBars ? peak : peak * Double(k + 1) / Double(riseBars) }
        let c = k - riseBars - holdBars
        if c < 0 { return peak }
        if c < collapseBars { return peak + (c + 1 == collapseBars ? fall : fall * Double(c + 1) / Double(collapseBars)) }
        return peak + fall
    }

    /// Applies the pump and dump; draws nothing from `choices`.
    ///
    /// - Throws: ``ParameterError`` when `startBar` is not a bar of the series, a price from
    ///   `startBar` on is not finite and positive, or the result overflows.
    public func apply<C: ChoiceSource>(to series: BarSeries, choices: inout C) throws(ParameterError) -> TransformResult {
        let model = "PumpAndDump"
        var bars = series.bars
        let episode = try ParameterError.window(
            model, startBar: startBar, durationBars: riseBars + holdBars + collapseBars,
            count: bars.count)
        let touched = startBar..<bars.count
        try ParameterError.requireUsable(model, bars, touched)
        PriceOverlay.apply(&bars, from: startBar, logFactor: logFactor(atBar:))
        for j in episode { bars[j].volume *= volumeMultiplier }
        try ParameterError.requireFiniteResult(model, bars, touched)
        return TransformResult(series: BarSeries(symbol: series.symbol, bars: bars))
    }
}
