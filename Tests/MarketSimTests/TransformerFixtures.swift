import Foundation
import MarketSim
import TradingVocabulary

/// Series, markets and measurements shared by the transformer tests.
enum TransformerFixtures {
    /// One-minute GBM bars at 80% a year (σ ≈ 0.11% a bar), starting at 100.
    static func series(seed: UInt64, bars: Int = 600, volatility: Double = 0.8, symbol: String = "BTC-USD") throws -> BarSeries {
        var choices = SeededChoices(seed: seed)
        return try series(choices: &choices, bars: bars, volatility: volatility, symbol: symbol)
    }

    /// The calm path: the same model with zero choices (the drift path, no wicks).
    static func calmSeries(bars: Int = 600) throws -> BarSeries {
        var choices = CalmChoices()
        return try series(choices: &choices, bars: bars, volatility: 0.8, symbol: "BTC-USD")
    }

    static func series<C: ChoiceSource>(choices: inout C, bars: Int, volatility: Double, symbol: String) throws -> BarSeries {
        let model = try PriceModelSpec.gbm(drift: 0, volatility: volatility).model(interval: .minutes(1))
        var generator = try BarGenerator(model: model, startPrice: 100)
        let made = (0..<bars).map { _ in generator.next(choices: &choices) }
        return BarSeries(symbol: try Symbol(symbol), bars: made)
    }

    /// `count` one-minute GBM symbols with every pair correlated by `rho`.
    static func market(seed: UInt64, count: Int = 3, rho: Double = 0.8, bars: Int = 600) throws -> [BarSeries] {
        let model = try PriceModelSpec.gbm(drift: 0, volatility: 0.8).model(interval: .minutes(1))
        let generators = try (0..<count).map { _ in try BarGenerator(model: model, startPrice: 100) }
        var market = try CorrelatedMarket(generators: generators, correlation: .uniform(count, rho: rho))
        var choices = SeededChoices(seed: seed)
        var row = [Bar](repeating: Bar(time: .simulationEpoch, open: 1, high: 1, low: 1, close: 1, volume: 1), count: count)
        var columns = [[Bar]](repeating: [], count: count)
        for _ in 0..<bars {
            market.next(into: &row, conditions: { _ in .calm }, extraLogDrift: { _ in 0 }, choices: &choices)
            for s in 0..<count { columns[s].append(row[s]) }
        }
        return try columns.enumerated().map { s, bars in BarSeries(symbol: try Symbol("S\(s)"), bars: bars) }
    }

    static func fingerprint(_ series: BarSeries) -> Fingerprint {
        var f = Fingerprint()
        f.combine(series)
        return f
    }

    static func fingerprint(_ market: [BarSeries]) -> Fingerprint {
        var f = Fingerprint()
        for series in market { f.combine(series) }
        return f
    }

    /// Log returns of bars `range`, each from the previous close.
    static func returns(_ series: BarSeries, _ range: Range<Int>) -> [Double] {
        range.map { series.bars[$0].logReturn(from: series.bars[$0 - 1]) }
    }

    static func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }

    /// Sample standard deviation.
    static func standardDeviation(_ x: [Double]) -> Double {
        let m = mean(x)
        return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)).squareRoot()
    }

    static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let mx = mean(x)
        let my = mean(y)
        var sxy = 0.0
        var sxx = 0.0
        var syy = 0.0
        for t in x.indices {
            sxy += (x[t] - mx) * (y[t] - my)
            sxx += (x[t] - mx) * (x[t] - mx)
            syy += (y[t] - my) * (y[t] - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }

    /// What every non-corruption transformer keeps true on every bar: finite fields, positive
    /// prices, high ≥ max(open, close), low ≤ min(open, close), liquidity in 0…1, spread and
    /// volume not negative. Returns the first broken rule, or nil.
    static func inconsistency(_ bar: Bar) -> String? {
        let fields = [bar.open, bar.high, bar.low, bar.close, bar.volume, bar.spreadBps, bar.liquidity]
        if !fields.allSatisfy(\.isFinite) { return "a field is not finite" }
        if !(bar.low > 0) { return "low \(bar.low) ≤ 0" }
        if bar.high < max(bar.open, bar.close) { return "high \(bar.high) < max(open \(bar.open), close \(bar.close))" }
        if bar.low > min(bar.open, bar.close) { return "low \(bar.low) > min(open \(bar.open), close \(bar.close))" }
        if !(0...1).contains(bar.liquidity) { return "liquidity \(bar.liquidity) outside 0…1" }
        if bar.spreadBps < 0 || bar.volume < 0 { return "negative spread or volume" }
        return nil
    }

    /// The parameter a ``ParameterError`` thrown by `body` names, or nil if nothing was thrown.
    static func parameterNamed(_ body: () throws(ParameterError) -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return error.parameter
        }
    }
}
