import Foundation

/// A flash crash: prices fall by a stated fraction over a few bars, then retrace a stated share
/// of the fall, while volume rises, liquidity drains and the spread widens.
///
/// The crash is a deterministic overlay on the series' own path; it draws no choices. With
/// `s = startBar`, `D = durationBars`, `R = recoveryBars`, `d = dropFraction` and
/// `ρ = retraceFraction`, every price from bar `s` on is multiplied by a factor whose logarithm
/// at bar `j`'s close is:
///
/// - the fall, bars `s ..< s+D`: `ln(1 − d) · (j − s + 1) / D` (equal log steps), so the close of
///   bar `s+D−1` (the trough) is exactly `1 − d` times the original close there;
/// - the recovery, bars `s+D ..< s+D+R`: from `ln(1 − d)` to `ln(1 − d·(1 − ρ))` in equal log
///   steps, so the close of bar `s+D+R−1` is `1 − d·(1 − ρ)` times the original;
/// - after: `ln(1 − d·(1 − ρ))`, a lasting level shift unless `ρ = 1` (then the later bars are
///   left bit for bit as they were).
///
/// Per field: open × the factor at the previous close, close × the factor at its close, high and
/// low × the larger and smaller of the two (then widened to cover open and close, so the bar
/// stays consistent). During the fall the crash is at full intensity `w = 1`; over the recovery
/// `w` falls in equal steps `R/(R+1), …, 1/(R+1)`; after it `w = 0`. Volume ×
/// `1 + (volumeMultiplier − 1)·w`, spread (bps) × `1 + (spreadMultiplier − 1)·w`, liquidity ×
/// `1 − liquidityDrop·w`. Time is not touched. Windows running past the series' end are cut there.
public struct FlashCrash: SeriesTransformer {
    /// The fall, as a fraction of the price: `0.3` is −30%. `0 ≤ dropFraction < 1`.
    public let dropFraction: Double
    /// The first bar of the fall (0-based), `0…10⁹`.
    public let startBar: Int
    /// The number of bars the fall takes, `1…10⁹`.
    public let durationBars: Int
    /// The number of bars the recovery takes, `1…10⁹`.
    public let recoveryBars: Int
    /// The share of the fall retraced by the end of the recovery, `0…1` (1 = back to the
    /// original path, 0 = no recovery at all).
    public let retraceFraction: Double
    /// The volume multiple at full intensity, `1…1000`.
    public let volumeMultiplier: Double
    /// The spread multiple at full intensity, `1…1000`.
    public let spreadMultiplier: Double
    /// The share of liquidity lost at full intensity, `0 ≤ liquidityDrop < 1` (0.9 = −90%).
    public let liquidityDrop: Double

    /// Makes a flash crash; the defaults follow simulation.md §2 (volume up, liquidity −90%,
    /// spreads ×10).
    ///
    /// - Throws: ``ParameterError`` naming the first parameter outside its range.
    public init(
        dropFraction: Double, startBar: Int, durationBars: Int, recoveryBars: Int, retraceFraction: Double = 1,
        volumeMultiplier: Double = 5, spreadMultiplier: Double = 10, liquidityDrop: Double = 0.9
    ) throws(ParameterError) {
        let model = "FlashCrash"
        try ParameterError.require(model, "dropFraction", dropFraction, "0 ≤ dropFraction < 1 (0.3 = −30%)") { $0 >= 0 && $0 < 1 }
        try ParameterError.requireBars(model, "startBar", startBar, atLeast: 0)
        try ParameterError.requireBars(model, "durationBars", durationBars, atLeast: 1)
        try ParameterError.requireBars(model, "recoveryBars", recoveryBars, atLeast: 1)
        try ParameterError.require(model, "retraceFraction", retraceFraction, "0 ≤ retraceFraction ≤ 1") { $0 >= 0 && $0 <= 1 }
        try ParameterError.require(model, "volumeMultiplier", volumeMultiplier, "1 ≤ volumeMultiplier ≤ 1000") { $0 >= 1 && $0 <= 1000 }
        try ParameterError.require(model, "spreadMultiplier", spreadMultiplier, "1 ≤ spreadMultiplier ≤ 1000") { $0 >= 1 && $0 <= 1000 }
        try ParameterError.require(model, "liquidityDrop", liquidityDrop, "0 ≤ liquidityDrop < 1 (0.9 = −90%)") { $0 >= 0 && $0 < 1 }
        self.dropFraction = dropFraction
        self.startBar = startBar
        self.durationBars = durationBars
        self.recoveryBars = recoveryBars
        self.retraceFraction = retraceFraction
        self.volumeMultiplier = volumeMultiplier
        self.spreadMultiplier = spreadMultiplier
        self.liquidityDrop = liquidityDrop
    }

    /// The log price factor at the close of bar `j` (see the type's discussion).
    public func logFactor(atBar j: Int) -> Double {
        let k = j - startBar
        let trough = log1p(-dropFraction)
        let end = log1p(-dropFraction * (1 - retraceFraction))
        if k < 0 { return 0 }
        if k < durationBars { return k + 1 == durationBars ? trough : trough * Double(k + 1) / Double(durationBars) }
        let r = k - durationBars
        if r < recoveryBars { return r + 1 == recoveryBars ? end : trough + (end - trough) * Double(r + 1) / Double(recoveryBars) }
        return end
    }

    /// The crash's intensity `w` at bar `j`: 1 during the fall, falling over the recovery, 0 outside.
    public func intensity(atBar j: Int) -> Double {
        let k = j - startBar
        if k < 0 { return 0 }
        if k < durationBars { return 1 }
        let r = k - durationBars
        if r < recoveryBars { return Double(recoveryBars - r) / Double(recoveryBars + 1) }
        return 0
    }

    /// Applies the crash; draws nothing from `choices`.
    ///
    /// - Throws: ``ParameterError`` when `startBar` is not a bar of the series, or a price from
    ///   `startBar` on is not finite and positive.
    public func apply<C: ChoiceSource>(to series: BarSeries, choices: inout C) throws(ParameterError) -> TransformResult {
        let model = "FlashCrash"
        var bars = series.bars
        let episode = try ParameterError.window(model, startBar: startBar, durationBars: durationBars + recoveryBars, count: bars.count)
        // With a full retrace the bars after the episode are not touched, so they are not checked.
        let touched = logFactor(atBar: bars.count - 1) == 0 ? episode : startBar..<bars.count
        try ParameterError.requireUsable(model, bars, touched)
        PriceOverlay.apply(&bars, from: startBar, logFactor: logFactor(atBar:))
        for j in episode {
            let w = intensity(atBar: j)
            bars[j].volume *= 1 + (volumeMultiplier - 1) * w
            bars[j].spreadBps *= 1 + (spreadMultiplier - 1) * w
            bars[j].liquidity *= 1 - liquidityDrop * w
        }
        try ParameterError.requireFiniteResult(model, bars, touched)
        return TransformResult(series: BarSeries(symbol: series.symbol, bars: bars))
    }
}
