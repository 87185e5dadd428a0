import Foundation
import TradingVocabulary

/// Runs crash scenarios: the crash simulator.
public enum CrashSimulator {
    /// The version of the values a run produces: the same scenario, seed and version give the same
    /// bars bit for bit. Raised whenever a change alters generated values (the fingerprint pins in
    /// the tests fail first); print it with the seed and the scenario to reproduce a run.
    /// Version 2: Merton's jumps are Poisson, prices stay within ``BarGenerator/priceRange``,
    /// GARCH's variance is capped, summaries are taken before data corruption.
    /// Version 3: data corruption places no NaN close in the bars after a spike (its validator window).
    public static let version = 3

    /// The most bars one run may make, all symbols together: 4 million bars are 256 MB.
    public static let maxBars = 4_000_000
    /// The most symbols one run may have (their correlation matrix is symbols² numbers).
    public static let maxSymbols = 1_000

    /// Runs `scenario`, drawing every random decision from `choices`.
    ///
    /// Each bar, every symbol draws its shock (correlated with the others'), then its bar range and
    /// (for Merton) its jump; the phase adds its deterministic move and sets the conditions. The
    /// scenario's transformers then apply to the whole market, in order, drawing from the same
    /// choices.
    /// - Throws: ``ScenarioError`` naming what is wrong with the scenario; nothing is simulated then.
    /// - Parameter skippingRefusals: When set, a transformer that refuses the market it is given
    ///   (an input too extreme for it, e.g. prices pinned at ``BarGenerator/priceRange``) is left
    ///   out and listed in ``CrashResult/skippedTransformers`` instead of failing the run: what
    ///   generators use, since they cannot foresee every market their choices make.
    ///
    /// Pre-specialized for ``SeededChoices``, the source of every seeded run (the executor's, the
    /// benchmarks'): called from another module the loop would otherwise run unspecialized, every
    /// draw a witness call and every generator copied out to draw its shock.
    @_specialize(where C == SeededChoices)
    public static func run<C: ChoiceSource>(
        _ scenario: CrashScenario, choices: inout C,
        skippingRefusals: Bool = false
    ) throws(ScenarioError) -> CrashResult {
        let symbols = try validatedSymbols(scenario.symbols)
        let plan = try Plan(scenario, symbols: symbols)
        var market = plan.market
        var bars = [Bar](repeating: Bar(time: scenario.start, open: 0, high: 0, low: 0, close: 0, volume: 0), count: symbols.count)
        var paths = [[Bar]](repeating: [], count: symbols.count)
        for i in paths.indices { paths[i].reserveCapacity(plan.totalBars) }
        var spans: [PhaseSpan] = []
        var bar = 0
        for (p, phase) in scenario.phases.enumerated() {
            let count = plan.barsPerPhase[p]
            guard count > 0 else { continue }
            let first = bar
            let startTime = market.generators[0].time
            for _ in 0..<count {
                market.next(into: &bars, conditions: { plan.conditions[$0][p] }, extraLogDrift: { plan.drift[$0][p] }, choices: &choices)
                for i in bars.indices { paths[i].append(bars[i]) }
                bar += 1
            }
            spans.append(
                PhaseSpan(
                    name: phase.name, bars: first..<bar, start: startTime, end: market.generators[0].time,
                    phaseIndex: p))
        }
        var series = zip(symbols, paths).map { BarSeries(symbol: $0, bars: $1) }
        var corruptions: [InjectedCorruption] = []
        var skipped: [SkippedTransformer] = []
        var beforeCorruption: [BarSeries]?
        for (index, transformer) in scenario.transformers.enumerated() {
            if transformer.injectsCorruption, beforeCorruption == nil { beforeCorruption = series }
            do {
                let transformed = try transformer.apply(to: series, choices: &choices)
                series = transformed.market
                corruptions += transformed.corruptions
            } catch {
                guard skippingRefusals else { throw .transformer(index: index, error) }
                skipped.append(SkippedTransformer(index: index, error: error))
            }
        }
        return CrashResult(
            scenario: scenario, series: series, market: beforeCorruption, phases: spans, corruptions: corruptions,
            skippedTransformers: skipped)
    }

    static func validatedSymbols(_ texts: [String]) throws(ScenarioError) -> [Symbol] {
        guard !texts.isEmpty else { throw .noSymbols }
        guard texts.count <= maxSymbols else { throw .tooManySymbols(texts.count, limit: maxSymbols) }
        var symbols: [Symbol] = []
        for text in texts {
            let symbol: Symbol
            do { symbol = try Symbol(text) } catch { throw .invalidSymbol(text, reason: error.description) }
            guard !symbols.contains(symbol) else { throw .duplicateSymbol(text) }
            symbols.append(symbol)
        }
        return symbols
    }

    /// Everything a run needs, worked out and validated before the first bar.
    struct Plan {
        var market: CorrelatedMarket
        let barsPerPhase: [Int]
        let totalBars: Int
        /// Per symbol, per phase: the extra log drift per bar and the conditions.
        let drift: [[Double]]
        let conditions: [[MarketConditions]]

        init(_ scenario: CrashScenario, symbols: [Symbol]) throws(ScenarioError) {
            do {
                try ParameterError.requirePositive("scenario", interval: scenario.interval)
                for (i, phase) in scenario.phases.enumerated() { try phase.validate(index: i) }
            } catch { throw .parameter(error) }
            // Data corruption last, as `Mixed` requires: a later transformer would move or hide
            // what it injected, and the injection list would promise faults that are not there.
            for (k, transformer) in scenario.transformers.enumerated().dropLast() where transformer.injectsCorruption {
                throw .transformer(
                    index: k,
                    ParameterError(
                        model: "scenario", parameter: "transformers[\(k)]", value: Double(k),
                        allowed: "data corruption only as the last transformer"))
            }
            barsPerPhase = scenario.barsPerPhase
            var sum = 0
            for bars in barsPerPhase {
                let (next, overflow) = sum.addingReportingOverflow(bars)
                guard !overflow else { throw .tooManyBars(requested: Int.max, limit: CrashSimulator.maxBars) }
                sum = next
            }
            totalBars = sum
            guard totalBars > 0 else { throw .noPhases }
            // The last bar's time must stay on the clock (SimTime ends in 2262).
            let (span, spanOverflow) = scenario.interval.nanoseconds.multipliedReportingOverflow(by: Int64(totalBars))
            let (end, endOverflow) = scenario.start.nanoseconds.addingReportingOverflow(span)
            guard !spanOverflow, !endOverflow, end <= CivilTime.lastRepresentable.nanoseconds else {
                throw .parameter(
                    ParameterError(
                        model: "scenario", parameter: "duration (bars × interval, ns)",
                        value: Double(scenario.interval.nanoseconds) * Double(totalBars),
                        allowed: "ending by \(CivilTime.lastRepresentable) on the virtual clock"))
            }
            let requested = totalBars.multipliedReportingOverflow(by: symbols.count)
            guard !requested.overflow, requested.partialValue <= CrashSimulator.maxBars else {
                throw .tooManyBars(requested: requested.overflow ? Int.max : requested.partialValue, limit: CrashSimulator.maxBars)
            }
            let matrix: CorrelationMatrix
            do {
                matrix = try symbols.count == 1 ? .independent(1) : .uniform(symbols.count, rho: scenario.correlation)
            } catch { throw .correlation(error) }
            do {
                let generators = try symbols.map { _ throws(ParameterError) in
                    try BarGenerator(
                        model: try scenario.model.model(interval: scenario.interval), start: scenario.start,
                        startPrice: scenario.startPrice, baseSpreadBps: scenario.baseSpreadBps,
                        baseVolume: scenario.baseVolume)
                }
                market = try CorrelatedMarket(generators: generators, correlation: matrix)
            } catch { throw .parameter(error) }
            var drift: [[Double]] = []
            var conditions: [[MarketConditions]] = []
            for symbol in symbols {
                let inCrash = scenario.affects(symbol)
                drift.append(
                    zip(scenario.phases, barsPerPhase).map { phase, bars in
                        bars == 0 ? 0 : log1p(inCrash ? phase.move : phase.marketMove ?? phase.move) / Double(bars)
                    })
                conditions.append(scenario.phases.map { inCrash ? $0.conditions : $0.marketConditions ?? $0.conditions })
            }
            self.drift = drift
            self.conditions = conditions
        }
    }
}
