import TradingVocabulary

/// A correlation breakdown: for a window of bars, the symbols of a market stop moving together
/// (their correlations are pulled toward 0) or move against each other (they flip).
///
/// It works on the log returns of the window (bar `j`'s from the previous close, or from its own
/// open for bar 0), split per series into the window's mean `μ` and the deviations `x = r − μ`:
///
/// - ``Method/decorrelate(strength:)``: the deviations are re-mixed so that their sample
///   correlation matrix over the window becomes exactly `(1 − strength)·C + strength·I`, where `C`
///   is the original's: every correlation is multiplied by `1 − strength` (0 at strength 1).
///   Method: orthonormalize the series' deviations in market order (Gram–Schmidt, each basis
///   vector orthogonal to the constant), then rebuild series `a` as `‖x_a‖ · Σₖ L[a,k]·qₖ`, with
///   `L` the Cholesky factor of the target. This is the least change of its kind: the first series
///   keeps its returns, and each later one keeps its part along the earlier ones as far as the
///   target allows. When a series' deviations are a combination of the earlier ones' (perfect
///   correlation), its new independent part is taken from its own deviations in reverse order
///   (then rotated by 1, 2, … bars, then single-bar pulses), orthogonalized: deterministic, and
///   still looking like returns. Needs a window longer than the number of series.
/// - ``Method/flip(seriesIndices:)``: the listed series' deviations are negated (`r → 2μ − r`),
///   so each listed series' correlation with every unlisted one changes sign exactly; the
///   correlations within either group are kept (flip one of two symbols to flip their
///   correlation).
///
/// Either way each series keeps its mean and its standard deviation of returns over the window
/// exactly, so each window's last close is the original's (set back bit for bit) and the bars
/// after the window are untouched. A series whose returns do not change (the first moving series
/// when decorrelating, the unlisted series when flipping) is left bit for bit as it was. A series whose returns in the window do not vary (all within
/// 1e-12 of their mean) is left as it is. Bars are rebuilt on the new closes with their open
/// offsets and wicks kept, so high ≥ max(open, close) and low ≤ min(open, close) hold. Volume,
/// spread, liquidity and time are not touched. Draws no choices: the zero choice and every other
/// choice give the same result.
public struct CorrelationBreakdown: SeriesTransformer {
    /// How correlations break down.
    public enum Method: Hashable, Sendable {
        /// Multiply every pairwise correlation in the window by `1 − strength`, `0 < strength ≤ 1`.
        case decorrelate(strength: Double)
        /// Mirror these series (indices into the market, each once) around their window mean.
        case flip(seriesIndices: [Int])
    }

    /// How correlations break down.
    public let method: Method
    /// The window's first bar (0-based), `0…10⁹`.
    public let startBar: Int
    /// The window's length in bars, `2…10⁹`; a window past the series' end is cut there.
    public let durationBars: Int

    /// - Throws: ``ParameterError`` naming `strength`, `seriesIndices`, `startBar` or `durationBars`.
    public init(method: Method, startBar: Int, durationBars: Int) throws(ParameterError) {
        let model = "CorrelationBreakdown"
        switch method {
        case .decorrelate(let strength):
            try ParameterError.require(model, "strength", strength, "0 < strength ≤ 1") { $0 > 0 && $0 <= 1 }
        case .flip(let indices):
            try ParameterError.requireBars(model, "seriesIndices (count)", indices.count, "at least 1 index") { $0 >= 1 }
            for (k, index) in indices.enumerated() {
                try ParameterError.requireBars(model, "seriesIndices[\(k)]", index, "0 ≤ index, each listed once") {
                    $0 >= 0 && !indices[..<k].contains($0)
                }
            }
        }
        try ParameterError.requireBars(model, "startBar", startBar, atLeast: 0)
        try ParameterError.requireBars(model, "durationBars", durationBars, atLeast: 2)
        self.method = method
        self.startBar = startBar
        self.durationBars = durationBars
    }

    /// Always throws: a correlation needs at least two series; apply it to a market, `[BarSeries]`.
    public func apply<C: ChoiceSource>(to series: BarSeries, choices: inout C) throws(ParameterError) -> TransformResult {
        throw ParameterError(
            model: "CorrelationBreakdown", parameter: "series count", value: 1,
            allowed: "at least 2 (apply it to a market)")
    }

    /// Breaks the market's correlations in the window; draws nothing from `choices`.
    ///
    /// - Throws: ``ParameterError`` when there are fewer than 2 series, their bar counts or the
    ///   window's bar times differ, `startBar` is not a bar, a flipped index is not a series, a
    ///   price in the window (or the close before it) is not finite and positive, or the window is
    ///   not longer than the number of moving series (decorrelate).
    public func apply<C: ChoiceSource>(to market: [BarSeries], choices: inout C) throws(ParameterError) -> MarketTransformResult {
        let model = "CorrelationBreakdown"
        try ParameterError.requireBars(model, "series count", market.count, "at least 2") { $0 >= 2 }
        if case .flip(let indices) = method, let index = indices.first(where: { $0 >= market.count }) {
            throw ParameterError(
                model: model, parameter: "seriesIndices", value: Double(index),
                allowed: "0 ≤ index < \(market.count) (the series count)")
        }
        let count = market[0].bars.count
        for (s, series) in market.enumerated() {
            try ParameterError.requireBars(model, "bar count of series \(s)", series.bars.count, "\(count), as series 0's") { $0 == count }
        }
        let window = try ParameterError.window(model, startBar: startBar, durationBars: durationBars, count: count)
        for (s, series) in market.enumerated() {
            try ParameterError.requireUsable(model, series.bars, max(0, startBar - 1)..<window.upperBound)
            for j in window where series.bars[j].time != market[0].bars[j].time {
                throw ParameterError(
                    model: model, parameter: "series \(s) bars[\(j)].time (ns)", value: Double(series.bars[j].time.nanoseconds),
                    allowed: "= series 0's \(market[0].bars[j].time.nanoseconds) ns (aligned bars)")
            }
        }
        let returns = market.map { ReturnRewrite.returns($0.bars, window) }
        let means = returns.map { $0.reduce(0, +) / Double($0.count) }
        var deviations = zip(returns, means).map { r, mean in r.map { $0 - mean } }
        var changed = [Bool](repeating: false, count: market.count)
        switch method {
        case .flip(let indices):
            for index in indices {
                deviations[index] = deviations[index].map { -$0 }
                changed[index] = true
            }
        case .decorrelate(let strength):
            let moving = deviations.indices.filter { a in deviations[a].contains { abs($0) > 1e-12 } }
            guard moving.count >= 2 else { return MarketTransformResult(market: market) }
            try ParameterError.requireBars(
                model, "durationBars", window.count,
                "> \(moving.count) (the moving series), within the series' \(count) bars"
            ) { $0 > moving.count }
            let remixed = Decorrelation.remix(moving.map { deviations[$0] }, strength: strength)
            // The first moving series keeps its returns (its row of the factor is (1, 0, …)).
            for (k, a) in moving.enumerated().dropFirst() {
                deviations[a] = remixed[k]
                changed[a] = true
            }
        }
        var result = MarketTransformResult(market: market)
        for s in market.indices where changed[s] {
            let newReturns = zip(deviations[s], repeatElement(means[s], count: window.count)).map { $0 + $1 }
            ReturnRewrite.rebuild(&result.market[s].bars, window, newReturns: newReturns, shapeScale: 1)
            try ParameterError.requireFiniteResult(model, result.market[s].bars, window)
        }
        return result
    }
}
