import Foundation

/// Builds one symbol's bars one at a time from a ``PriceModel`` on the virtual clock.
///
/// Each bar takes two choices: the return's shock and the bar's range. With zero choices a bar
/// has no shock and no wick: open = previous close, close = open·e^drift, high/low = max/min.
/// Stepping allocates nothing; the caller owns the output storage.
public struct BarGenerator: Sendable {
    public var model: PriceModel
    /// The opening time of the next bar.
    public var time: SimTime
    /// The close of the last bar (the next bar opens here).
    public var lastClose: Double
    /// The calm market's spread in basis points.
    public var baseSpreadBps: Double
    /// The calm market's volume per bar.
    public var baseVolume: Double

    public init(
        model: PriceModel, start: SimTime = .simulationEpoch, startPrice: Double,
        baseSpreadBps: Double = 2, baseVolume: Double = 1000
    ) throws(ParameterError) {
        try ParameterError.require("BarGenerator", "startPrice", startPrice, "0 < startPrice ≤ 1e12") { $0 > 0 && $0 <= 1e12 }
        try ParameterError.require("BarGenerator", "baseSpreadBps", baseSpreadBps, "0 ≤ baseSpreadBps ≤ 10000") { $0 >= 0 && $0 <= 10_000 }
        try ParameterError.require("BarGenerator", "baseVolume", baseVolume, "0 < baseVolume ≤ 1e15") { $0 > 0 && $0 <= 1e15 }
        self.model = model
        self.time = start
        self.lastClose = startPrice
        self.baseSpreadBps = baseSpreadBps
        self.baseVolume = baseVolume
    }

    /// The bar length.
    @inlinable public var interval: SimDuration { model.interval }

    /// Prices stay within `1e-300 … 1e300`: choices at their extremes bar after bar (a fuzzer's,
    /// a shrinker's) could otherwise drive a price to 0 or infinity, and everything downstream
    /// takes only finite, positive prices. (Long runs of a drifting model legitimately reach
    /// 1e-200; a market pinned at a bound has long stopped meaning anything.)
    public static let priceRange: ClosedRange<Double> = 1e-300...1e300

    /// `price` within ``priceRange`` (NaN cannot arise: open and the exponentials are finite).
    @inlinable @inline(__always)
    static func bounded(_ price: Double) -> Double {
        price < priceRange.lowerBound ? priceRange.lowerBound : (price > priceRange.upperBound ? priceRange.upperBound : price)
    }

    /// The next bar under `conditions`, with `extraLogDrift` added to its log return (how a crash
    /// moves the price on top of the model), drawing its own shock.
    @inlinable
    public mutating func next<C: ChoiceSource>(
        conditions: MarketConditions = .calm, extraLogDrift: Double = 0,
        choices: inout C
    ) -> Bar {
        let z = model.innovation(&choices)
        return next(shock: z, conditions: conditions, extraLogDrift: extraLogDrift, choices: &choices)
    }

    /// The next bar for a shock `z` already drawn (correlated markets draw all shocks first).
    @inlinable
    public mutating func next<C: ChoiceSource>(
        shock z: Double, conditions: MarketConditions, extraLogDrift: Double,
        choices: inout C
    ) -> Bar {
        let k = conditions.volatilityMultiplier
        let sigma = model.barVolatility * k
        let r = model.logReturn(shock: z, volatilityMultiplier: k, choices: &choices) + extraLogDrift
        let open = lastClose
        let close = BarGenerator.bounded(open * exp(r))
        let range = abs(choices.normalShock())
        let wick = 0.5 * sigma * range
        let high = BarGenerator.bounded(max(open, close) * exp(wick))
        let low = BarGenerator.bounded(min(open, close) * exp(-wick))
        let surprise = abs(z)
        let bar = Bar(
            time: time, open: open, high: high, low: low, close: close,
            volume: baseVolume * conditions.volumeMultiplier * (1 + surprise),
            spreadBps: baseSpreadBps * conditions.spreadMultiplier * (1 + 0.25 * surprise),
            liquidity: min(1, max(0, conditions.liquidity / (1 + 0.25 * surprise))))
        lastClose = close
        time = time + model.interval
        return bar
    }
}
