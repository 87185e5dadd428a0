/// A scenario transformer: turns a bar series (or a market of aligned series) into a crisis
/// version of itself (simulation.md §3).
///
/// Every transformer is a validated value: its parameters are checked when it is made, and
/// `apply(to:choices:)` checks only what depends on the series (a start bar
/// beyond its end, prices that are not finite and positive). Transformers are deterministic: the
/// same series, parameters and choices give a bit-identical result, and a transformer that draws
/// nothing gives the same result for any choices. None produces NaN or an infinite value, except
/// ``DataCorruption``'s intended NaN.
///
/// ```swift
/// let crash = try FlashCrash(dropFraction: 0.3, startBar: 100, durationBars: 15, recoveryBars: 20)
/// var choices = SeededChoices(seed: 1)
/// let crashed = try crash.apply(to: series, choices: &choices).series
/// ```
public protocol SeriesTransformer: Hashable, Sendable {
    /// Transforms one series.
    ///
    /// - Parameters:
    ///   - series: The bars to transform, in time order.
    ///   - choices: Where the transformer takes its random decisions; the zero choice is calm.
    /// - Returns: The transformed series and the corruptions injected into it, if any.
    /// - Throws: ``ParameterError`` naming what does not fit the series.
    func apply<C: ChoiceSource>(to series: BarSeries, choices: inout C) throws(ParameterError) -> TransformResult

    /// Transforms a market: several series that share their bar times.
    ///
    /// Unless a transformer says otherwise it transforms each series in turn, first to last,
    /// drawing from `choices` in that order.
    ///
    /// - Returns: The transformed series, in the order given, and every injected corruption.
    /// - Throws: ``ParameterError`` naming what does not fit the market.
    func apply<C: ChoiceSource>(to market: [BarSeries], choices: inout C) throws(ParameterError) -> MarketTransformResult
}

extension SeriesTransformer {
    public func apply<C: ChoiceSource>(to market: [BarSeries], choices: inout C) throws(ParameterError) -> MarketTransformResult {
        var result = MarketTransformResult(market: [], corruptions: [])
        result.market.reserveCapacity(market.count)
        for series in market {
            let one = try apply(to: series, choices: &choices)
            result.market.append(one.series)
            result.corruptions += one.corruptions
        }
        return result
    }
}

/// What a transformer made of one series.
public struct TransformResult: Hashable, Sendable {
    /// The transformed series: same symbol, same number of bars.
    public var series: BarSeries
    /// The corruptions injected (only ``DataCorruption`` injects any), in bar order.
    public var corruptions: [InjectedCorruption]

    public init(series: BarSeries, corruptions: [InjectedCorruption] = []) {
        self.series = series
        self.corruptions = corruptions
    }
}

/// What a transformer made of a market.
public struct MarketTransformResult: Hashable, Sendable {
    /// The transformed series, in the order given.
    public var market: [BarSeries]
    /// The corruptions injected, series by series in market order, each in bar order.
    public var corruptions: [InjectedCorruption]

    public init(market: [BarSeries], corruptions: [InjectedCorruption] = []) {
        self.market = market
        self.corruptions = corruptions
    }
}
