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
    /// The generated market, or nil for a historic one. Boxed: the conditions are read for every
    /// symbol at every bar, and a method called on an optional struct this size copies it out
    /// whole first (every array in it retained and released); through a reference it is read in
    /// place.
    private let generated: GeneratedMarket?
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
        generated = GeneratedMarket(market)
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
        generated = nil
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
        generated?.result.conditions(symbolIndex: symbolIndex, bar: bar) ?? .calm
    }

    /// The bars around `bar` over which `conditions` stays what it is at `bar`, for every
    /// symbol: up to the next bar at which a phase starts or ends (all of them in a historic
    /// market). Whatever the phases, the spans holding a bar change only at such a bar.
    func conditionsStretch(atBar bar: Int) -> (from: Int, until: Int) {
        guard let generated else { return (0, Int.max) }
        var until = Int.max
        for span in generated.result.phases {
            if span.bars.lowerBound > bar { until = min(until, span.bars.lowerBound) }
            if span.bars.upperBound > bar { until = min(until, span.bars.upperBound) }
        }
        return (bar, until)
    }

    /// The scenario's signal fault in force at bar `index`, if any (never in a historic market).
    func signalFault(atBar index: Int) -> SignalFault.Kind? {
        guard let generated, !generated.result.scenario.signalFaults.isEmpty, let phase = generated.result.phase(atBar: index) else { return nil }
        return generated.result.scenario.signalFaults.first { $0.phase == phase.name }?.kind
    }

    /// The generated market (nil: historic).
    var crash: CrashResult? { generated?.result }

    /// The crash kind (nil: historic).
    var kind: CrashKind? { generated?.result.scenario.kind }

    /// How far the clock moves at step `index` when it stands at `now`.
    func advance(toStep index: Int, from now: SimTime) -> SimDuration {
        guard let stepTimes else { return interval }
        return stepTimes[index] + interval - now
    }
}

/// A generated market behind a reference (see ``RunMarket``).
private final class GeneratedMarket: Sendable {
    let result: CrashResult
    init(_ result: CrashResult) { self.result = result }
}
