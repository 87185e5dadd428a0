import Foundation
import MarketSim

/// What `stresscheck simulate` prints: the run's summary per symbol, its phases, its calibration,
/// and how fast virtual time ran.
struct SimulationReport: Encodable {
    struct Symbol: Encodable {
        var symbol: String
        var startPrice: Double
        var finalPrice: Double
        var maxDrawdown: Double
        var intrabarDrawdown: Double
        var peakTime: String
        var troughTime: String
        var timeToTroughSeconds: Double
        var retraced: Double
        var timeToHalfRetraceSeconds: Double?
        var timeToRecoverSeconds: Double?
        var maxSpreadBps: Double
        var minLiquidity: Double
    }

    struct Phase: Encodable {
        var name: String
        var bars: Int
        var start: String
        var durationSeconds: Double
        var volatilityMultiplier: Double
        var liquidity: Double
        var spreadMultiplier: Double
        var partialFillProbability: Double
        var rejectProbability: Double
        var latencyMultiplier: Double
        var venueOutage: Bool
    }

    struct Calibration: Encodable {
        var measure: String
        var value: Double?
        var low: Double
        var high: Double
        var published: String
        var passed: Bool
        /// Read from the scenario's configuration, not measured on the bars.
        var configuration: Bool
    }

    var scenario: String
    var kind: String
    var model: String
    var seed: UInt64
    var simulationVersion: Int
    var symbols: [Symbol]
    var phases: [Phase]
    var calibration: [Calibration]
    var bars: Int
    var simulatedSeconds: Double
    var wallSeconds: Double
    var simulatedHoursPerWallSecond: Double
    var fingerprint: String
    var csvFiles: [String]

    init(name: String, seed: UInt64, result: CrashResult, outcomes: [CalibrationOutcome], wallSeconds: Double, csvFiles: [String]) {
        scenario = name
        kind = result.scenario.kind.name
        model = result.scenario.model.name
        self.seed = seed
        simulationVersion = CrashSimulator.version
        symbols = result.summaries.map { s in
            Symbol(
                symbol: s.symbol.text, startPrice: s.startPrice, finalPrice: s.finalPrice, maxDrawdown: s.maxDrawdown,
                intrabarDrawdown: s.intrabarDrawdown, peakTime: s.peakTime.description, troughTime: s.troughTime.description,
                timeToTroughSeconds: s.timeToTrough.seconds, retraced: s.retraced,
                timeToHalfRetraceSeconds: s.timeToHalfRetrace?.seconds, timeToRecoverSeconds: s.timeToRecover?.seconds,
                maxSpreadBps: s.maxSpreadBps, minLiquidity: s.minLiquidity)
        }
        phases = result.phases.map { span in
            let c = result.scenario.phases[span.phaseIndex].conditions
            return Phase(
                name: span.name, bars: span.bars.count, start: span.start.description, durationSeconds: (span.end - span.start).seconds,
                volatilityMultiplier: c.volatilityMultiplier, liquidity: c.liquidity, spreadMultiplier: c.spreadMultiplier,
                partialFillProbability: c.partialFillProbability, rejectProbability: c.rejectProbability,
                latencyMultiplier: c.latencyMultiplier, venueOutage: c.venueOutage)
        }
        calibration = outcomes.map {
            Calibration(
                measure: $0.target.measure.description, value: $0.value, low: $0.target.range.lowerBound,
                high: $0.target.range.upperBound, published: $0.target.published, passed: $0.passed,
                configuration: $0.target.measure.isConfiguration)
        }
        bars = result.series.reduce(0) { $0 + $1.bars.count }
        simulatedSeconds = result.simulatedDuration.seconds
        self.wallSeconds = wallSeconds
        simulatedHoursPerWallSecond = wallSeconds > 0 ? simulatedSeconds / 3600 / wallSeconds : 0
        fingerprint = result.fingerprint.description
        self.csvFiles = csvFiles
    }

    /// The report as text.
    var text: String {
        func pct(_ x: Double) -> String { String(format: "%.2f%%", x * 100) }
        func dur(_ s: Double?) -> String {
            guard let s else { return "never" }
            return SimDuration(nanoseconds: Int64((s * 1e9).rounded())).description
        }
        func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count), withPad: " ", startingAt: 0) }
        var lines: [String] = []
        lines.append("\(scenario) (\(kind), \(model)) seed \(seed), simulation v\(simulationVersion)")
        lines.append("")
        lines.append(
            pad("symbol", 10) + pad("start", 12) + pad("final", 12) + pad("drawdown", 10) + pad("intrabar", 10)
                + pad("to trough", 11) + pad("retraced", 10) + pad("half back", 11) + pad("recovered", 11)
                + pad("max spread", 12) + "min depth")
        for s in symbols {
            lines.append(
                pad(s.symbol, 10) + pad(String(format: "%.4g", s.startPrice), 12) + pad(String(format: "%.4g", s.finalPrice), 12)
                    + pad(pct(s.maxDrawdown), 10) + pad(pct(s.intrabarDrawdown), 10) + pad(dur(s.timeToTroughSeconds), 11)
                    + pad(pct(s.retraced), 10) + pad(dur(s.timeToHalfRetraceSeconds), 11) + pad(dur(s.timeToRecoverSeconds), 11)
                    + pad(String(format: "%.1f bps", s.maxSpreadBps), 12) + String(format: "%.3f", s.minLiquidity))
        }
        lines.append("")
        lines.append("phases: " + phases.map { "\($0.name) \($0.bars) bars (\(dur($0.durationSeconds)))" }.joined(separator: " → "))
        if !calibration.isEmpty {
            lines.append("")
            lines.append("calibration (lead symbol):")
            for c in calibration {
                let value = c.value.map { String(format: "%.4g", $0) } ?? "n/a"
                lines.append(
                    "  \(c.passed ? "✓" : "✗ MISSED") \(c.measure)\(c.configuration ? " (configured)" : "") = \(value), published \(c.published) → range \(String(format: "%.4g", c.low))…\(String(format: "%.4g", c.high))"
                )
            }
        }
        lines.append("")
        lines.append(
            "simulated \(dur(simulatedSeconds)) (\(bars) bars) in \(String(format: "%.3f", wallSeconds)) s: "
                + String(format: "%.0f", simulatedHoursPerWallSecond) + " simulated hours per wall-clock second")
        lines.append("fingerprint \(fingerprint)")
        for file in csvFiles { lines.append("bars written to \(file)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
