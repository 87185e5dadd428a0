import MarketSim
import TradingVocabulary

/// The market a run trades through: a generated crash market (``CrashResult``: phases, their
/// conditions, transformers, signal faults), or a historic one (``HistoricMarket``: a user's own
/// bars, nothing declared).
///
/// What differs between the two, and nothing else, lives here, so that the loop is the same:
/// - the price scale: a generated market puts the scenario's one start price at 100 000 ticks
///   for every symbol; a historic market puts each symbol's own first usable close there (real
///   symbols trade at price levels thousands of times apart);
/// - the clock: generated bars are one interval apart; historic bars step to each bar's own
///   time (plus one interval: a step ends at its bar's close), so gaps in the data (weekends,
///   holidays) pass on the venue's clock;
/// - the declared conditions: a historic market has no phases, so its declared conditions are
///   calm throughout and the stack's own inputs (volatility, drawdown, liquidity) come only from
///   the bars, as they always do (`ConditionFeed`).
struct RunMarket: Sendable {
    let series: [BarSeries]
    /// The generated market, or nil for a historic one.
    let crash: CrashResult?
    let interval: SimDuration
    let start: SimTime
    /// The time just after the last step.
    let end: SimTime
    let sectorTable: SymbolSectorTable
    /// Each symbol's price scale, by symbol index.
    let scales: [SymbolScale]
    /// A historic market's bar times (step `i` ends at `stepTimes[i] + interval`); nil when steps
    /// are one interval apart.
    let stepTimes: [SimTime]?

    /// A generated market: every symbol scaled from the scenario's start price.
    init(generated market: CrashResult) throws(StressRunError) {
        let scenario = market.scenario
        var scales: [SymbolScale] = []
        for series in market.series {
            guard let scale = SymbolScale(startPrice: scenario.startPrice) else {
                throw .unpriceableStart(symbol: series.symbol, price: scenario.startPrice)
            }
            scales.append(scale)
        }
        series = market.series
        crash = market
        interval = scenario.interval
        start = scenario.start
        end = scenario.start + scenario.interval * Int64(market.series.map(\.bars.count).max() ?? 0)
        sectorTable = scenario.sectorTable
        self.scales = scales
        stepTimes = nil
    }

    /// A historic market: each symbol scaled from its first usable close (finite and positive),
    /// the default sector table.
    init(historic market: HistoricMarket) throws(StressRunError) {
        var scales: [SymbolScale] = []
        for series in market.series {
            let close = series.bars.first { $0.close.isFinite && $0.close > 0 }?.close
            guard let close, let scale = SymbolScale(startPrice: close) else {
                throw .unpriceableStart(symbol: series.symbol, price: series.bars.first?.close ?? .nan)
            }
            scales.append(scale)
        }
        series = market.series
        crash = nil
        interval = market.interval
        start = market.start
        end = market.end
        sectorTable = .default
        self.scales = scales
        stepTimes = market.times
    }

    /// The declared conditions of symbol `symbolIndex` at bar `bar`: its phase's, calm outside
    /// the phases and throughout a historic market.
    func conditions(symbolIndex: Int, bar: Int) -> MarketConditions {
        crash?.conditions(symbolIndex: symbolIndex, bar: bar) ?? .calm
    }

    /// The crash kind (nil: historic).
    var kind: CrashKind? { crash?.scenario.kind }

    /// How far the clock moves at step `index` when it stands at `now`.
    func advance(toStep index: Int, from now: SimTime) -> SimDuration {
        guard let stepTimes else { return interval }
        return stepTimes[index] + interval - now
    }
}
