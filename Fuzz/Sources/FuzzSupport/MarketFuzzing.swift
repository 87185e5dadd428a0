import Foundation
import MarketSim
import PropertyCheck
import TradingChecks

/// MarketSim under libFuzzer: the bytes are the choice stream a whole crash scenario is drawn
/// from — model, crash kind and parameters, symbols, transformers (data corruption included) and
/// every bar's noise — exactly as `MarketGen` draws it in a property. Each run must keep MarketSim's
/// promises:
///
/// - the same bytes give the same run (fingerprints equal across two decodings);
/// - every bar of an uncorrupted market is finite, positive, consistent (low ≤ open, close ≤ high),
///   with liquidity in 0…1, spread and volume ≥ 0, and strictly increasing times;
/// - the phase spans tile the bars; every drawdown is in 0…1;
/// - a transformer refuses (and is left out of) only an extreme market;
/// - in a noisy market (volatility ≥ 1% a year) every injected corruption is reported by the
///   validator at its bar with its kind.
///
/// A failure is shrunk by the engine's shrinker to the calmest market that still breaks the
/// promise and printed as the scenario, like any property failure.
public enum MarketFuzzing {
    /// The most bytes one input may draw (about four per bar and symbol).
    public static let maxBytes = 64 * 1024

    /// Every model, crash kind, sector and transformer kind; phases of up to 40 bars.
    static let generator = MarketGen.run(
        MarketGen.transformed(
            MarketGen.scenario(MarketGen.crash(drop: 0.01...0.95, maxPhaseBars: 40)),
            maxTransformers: 2))

    /// MarketSim's promises for one run (see the type's documentation).
    static func property(_ run: CrashResult) throws -> Bool {
        let corrupted = !run.corruptions.isEmpty || run.scenario.transformers.contains(where: \.injectsCorruption)
        // A transformer may refuse only an extreme market: a price near the bounds, or a bar
        // that moved by a factor of e (≈ 2.7) or more — capped GARCH-t markets reach such bars,
        // and a ×25 spike of them overflows.
        if !run.skippedTransformers.isEmpty {
            let extreme = run.series.contains { series in
                series.bars.indices.contains { i in
                    let bar = series.bars[i]
                    let near = [bar.low, bar.high].contains {
                        $0 <= BarGenerator.priceRange.lowerBound * 1e10 || $0 >= BarGenerator.priceRange.upperBound / 1e10
                    }
                    let jump = i > 0 && abs(log(bar.close / series.bars[i - 1].close)) >= 1
                    return near || jump || !bar.close.isFinite
                }
            }
            try require(extreme, "a transformer refused a market that is not extreme: \(run.skippedTransformers)")
        }
        var next = 0
        for span in run.phases {
            try require(span.bars.lowerBound == next && !span.bars.isEmpty, "phase \(span.name) does not follow the one before: \(span.bars)")
            next = span.bars.upperBound
        }
        for (series, summary) in zip(run.series, run.summaries) {
            try require(series.bars.count == next, "\(series.symbol) has \(series.bars.count) bars for phases of \(next)")
            try require((0...1).contains(summary.maxDrawdown), "\(series.symbol): drawdown \(summary.maxDrawdown) outside 0…1")
            guard !corrupted else { continue }
            for (i, bar) in series.bars.enumerated() {
                let prices = [bar.open, bar.high, bar.low, bar.close]
                try require(prices.allSatisfy { $0.isFinite && $0 > 0 }, "\(series.symbol) bar \(i): a price is not finite and positive: \(bar)")
                try require(
                    bar.low <= min(bar.open, bar.close) && bar.high >= max(bar.open, bar.close),
                    "\(series.symbol) bar \(i): open or close outside low…high: \(bar)")
                try require(
                    (0...1).contains(bar.liquidity) && bar.spreadBps >= 0 && bar.volume >= 0 && bar.volume.isFinite,
                    "\(series.symbol) bar \(i): liquidity, spread or volume out of range: \(bar)")
                try require(i == 0 || bar.time > series.bars[i - 1].time, "\(series.symbol) bar \(i): time does not increase")
            }
        }
        if run.scenario.model.annualVolatility >= 0.01, !run.corruptions.isEmpty {
            // A generated market runs around the clock: every long step is a gap, none a session break.
            var continuous = ValidationOptions.standard
            continuous.sessionBreaks = false
            let report = DataValidator.validate(run.series, options: continuous)
            for injected in run.corruptions {
                try require(report.faults.contains { injected.isReported(by: $0) }, "injected \(injected) is not reported (report: \(report))")
            }
        }
        return true
    }

    /// The fuzz target.
    public static let target = FuzzTarget(name: "market") { bytes, shrink in
        var configuration = CheckConfiguration(cases: 1)
        configuration.maxBytes = maxBytes
        configuration.replayHint = "swift run -c release stresscheck simulate (the scenario above), or replay the bytes with MarketFuzzing.target"
        let result = replay("fuzz-market", generator, bytes: bytes, shrink: shrink, configuration: configuration) { run, _ in try property(run) }
        if result.passed {
            // The same bytes must give the same run.
            var first = ChoiceStream(replaying: bytes, maxBytes: maxBytes)
            var second = ChoiceStream(replaying: bytes, maxBytes: maxBytes)
            if let a = try? first.draw(generator), let b = try? second.draw(generator), a.fingerprint != b.fingerprint {
                return FuzzVerdict(
                    outcome: .failed, report: "✗ market: the same bytes gave two runs (\(a.fingerprint) and \(b.fingerprint))",
                    counterexampleBytes: bytes, counterexample: "\(a.scenario)", signature: "the same bytes gave two runs")
            }
            return FuzzVerdict(outcome: .passed, report: "", counterexampleBytes: nil, counterexample: nil)
        }
        guard let counterexample = result.counterexample else {
            return FuzzVerdict(outcome: .rejected, report: result.report, counterexampleBytes: nil, counterexample: nil)
        }
        let scenario = counterexample.value.scenario
        return FuzzVerdict(
            outcome: .failed, report: result.report, counterexampleBytes: counterexample.bytes,
            counterexample:
                "\(scenario.kind.name) on \(scenario.symbols) with \(scenario.model), phases \(scenario.phases.map(\.name)), transformers \(scenario.transformers.count)",
            signature: FuzzVerdict.signature(of: result))
    }
}
