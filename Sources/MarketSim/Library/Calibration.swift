import Foundation

/// A quantity measured on a run's lead symbol (its first), against which a library scenario is
/// calibrated. Every definition is exact; phase names refer to the scenario's phases (the first
/// phase with that name).
public enum CalibrationMeasure: Hashable, Sendable, CustomStringConvertible {
    /// ``CrashSummary/maxDrawdown``, as a fraction.
    case maxDrawdown
    /// ``CrashSummary/timeToTrough``, in seconds.
    case timeToTroughSeconds
    /// From a phase's start to the trough, in seconds (negative if the trough comes first).
    case troughAfterPhaseStartSeconds(String)
    /// The share of the fall regained by the close `duration` after the trough (or by the last
    /// close, if the run ends sooner).
    case retracedWithin(SimDuration)
    /// A phase's price move: its last close over the close before it, minus 1.
    case phaseMove(String)
    /// ``CrashSummary/peakVolumeRatio``: the largest bar volume over the median.
    case peakVolumeRatio
    /// ``CrashSummary/downVolumeShare``: the share of volume in falling bars from peak to trough.
    case downVolumeShare
    /// The lowest liquidity (depth relative to calm) of any bar.
    case minLiquidity
    /// The smallest and largest spread of any bar, in basis points.
    case minSpreadBps, maxSpreadBps
    /// The median spread (bps) and the median liquidity of a phase's bars.
    case phaseMedianSpreadBps(String)
    case phaseMedianLiquidity(String)
    /// A phase's median spread over the first phase's median spread.
    case phaseSpreadMultiple(String)
    /// A phase's realized volatility (standard deviation of log returns) over the first phase's.
    case volatilityRatio(String)
    /// A phase's mean log return over its standard error: near 0 for a phase with no trend.
    case trendTStatistic(String)
    /// The largest partial-fill probability, reject probability and latency multiplier of any phase.
    case maxPartialFillProbability, maxRejectProbability, maxLatencyMultiplier
    /// The number of phases in which the venue is out.
    case outagePhases
    /// The number of signal-failure windows.
    case signalFaults
    /// The share of the lead symbol's bars that a data-corruption transformer broke.
    case corruptedShare
    /// How many different kinds of corruption were injected (all symbols).
    case corruptionKinds
    /// The sample correlation of the first two symbols' log returns within a phase.
    case phaseCorrelation(String)

    /// Whether the measure reads the scenario's configuration (the venue's fault rates, outages,
    /// signal failures) rather than the simulated bars: such a target checks that the scenario
    /// says what its source says, and cannot be missed by a run.
    public var isConfiguration: Bool {
        switch self {
        case .maxPartialFillProbability, .maxRejectProbability, .maxLatencyMultiplier, .outagePhases, .signalFaults: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .maxDrawdown: "maximum drawdown"
        case .timeToTroughSeconds: "time to trough (s)"
        case .troughAfterPhaseStartSeconds(let p): "time from the start of \(p) to the trough (s)"
        case .retracedWithin(let d): "retraced within \(d)"
        case .phaseMove(let p): "move over \(p)"
        case .peakVolumeRatio: "peak volume / median"
        case .downVolumeShare: "down-volume share, peak to trough"
        case .minLiquidity: "lowest liquidity"
        case .minSpreadBps: "lowest spread (bps)"
        case .maxSpreadBps: "highest spread (bps)"
        case .phaseMedianSpreadBps(let p): "median spread in \(p) (bps)"
        case .phaseMedianLiquidity(let p): "median liquidity in \(p)"
        case .phaseSpreadMultiple(let p): "spread in \(p) / calm"
        case .volatilityRatio(let p): "volatility in \(p) / calm"
        case .trendTStatistic(let p): "trend t-statistic in \(p)"
        case .maxPartialFillProbability: "partial-fill probability"
        case .maxRejectProbability: "reject probability"
        case .maxLatencyMultiplier: "latency multiplier"
        case .outagePhases: "venue outages"
        case .signalFaults: "signal failures"
        case .corruptedShare: "share of bars corrupted"
        case .corruptionKinds: "kinds of corruption"
        case .phaseCorrelation(let p): "correlation of the first two symbols in \(p)"
        }
    }

    /// The measure on `result`'s lead symbol, or nil when it does not apply (a phase it names did
    /// not run, or no trough).
    public func value(in result: CrashResult) -> Double? {
        guard let series = result.series.first, let summary = result.summaries.first else { return nil }
        let bars = series.bars
        let phases = result.scenario.phases
        func span(_ name: String) -> Range<Int>? { result.phases.first { $0.name == name }?.bars }
        func median(_ xs: [Double]) -> Double? { xs.isEmpty ? nil : xs.sorted()[xs.count / 2] }
        func returns(_ r: Range<Int>) -> [Double] { r.dropFirst().map { log(bars[$0].close / bars[$0 - 1].close) } }
        func sd(_ xs: [Double]) -> Double? { xs.count >= 2 ? ReturnStatistics(xs).standardDeviation : nil }
        switch self {
        case .maxDrawdown: return summary.maxDrawdown
        case .timeToTroughSeconds: return summary.timeToTrough.seconds
        case .troughAfterPhaseStartSeconds(let name):
            guard let phase = result.phases.first(where: { $0.name == name }) else { return nil }
            return (summary.troughTime - phase.start).seconds
        case .retracedWithin(let d):
            let fall = summary.peak - summary.trough
            guard fall > 0 else { return nil }
            let deadline = summary.troughTime + d
            let interval = result.scenario.interval
            let close = bars.last { $0.time + interval <= deadline }?.close ?? summary.finalPrice
            return (close - summary.trough) / fall
        case .phaseMove(let name):
            guard let r = span(name), let last = r.last else { return nil }
            let before = r.lowerBound > 0 ? bars[r.lowerBound - 1].close : bars[0].open
            return bars[last].close / before - 1
        case .peakVolumeRatio: return summary.peakVolumeRatio
        case .downVolumeShare: return summary.downVolumeShare
        case .minLiquidity: return summary.minLiquidity
        case .minSpreadBps: return summary.minSpreadBps
        case .maxSpreadBps: return summary.maxSpreadBps
        case .phaseMedianSpreadBps(let name): return span(name).flatMap { median(bars[$0].map(\.spreadBps)) }
        case .phaseMedianLiquidity(let name): return span(name).flatMap { median(bars[$0].map(\.liquidity)) }
        case .phaseSpreadMultiple(let name):
            guard let first = result.phases.first, let r = span(name),
                let a = median(bars[r].map(\.spreadBps)), let b = median(bars[first.bars].map(\.spreadBps)), b > 0
            else { return nil }
            return a / b
        case .volatilityRatio(let name):
            guard let first = result.phases.first, let r = span(name),
                let a = sd(returns(r)), let b = sd(returns(first.bars)), b > 0
            else { return nil }
            return a / b
        case .trendTStatistic(let name):
            guard let r = span(name) else { return nil }
            let xs = returns(r)
            guard let s = sd(xs), s > 0 else { return nil }
            return xs.reduce(0, +) / Double(xs.count) / (s / Double(xs.count).squareRoot())
        case .maxPartialFillProbability: return phases.map(\.conditions.partialFillProbability).max()
        case .maxRejectProbability: return phases.map(\.conditions.rejectProbability).max()
        case .maxLatencyMultiplier: return phases.map(\.conditions.latencyMultiplier).max()
        case .outagePhases: return Double(phases.filter(\.conditions.venueOutage).count)
        case .signalFaults: return Double(result.scenario.signalFaults.count)
        case .corruptedShare:
            guard !bars.isEmpty else { return nil }
            return Double(result.corruptions.filter { $0.symbol == series.symbol }.count) / Double(bars.count)
        case .corruptionKinds: return Double(Set(result.corruptions.map(\.kind)).count)
        case .phaseCorrelation(let name):
            guard result.series.count >= 2, let r = span(name) else { return nil }
            let other = result.series[1].bars
            let a = returns(r)
            let b = r.dropFirst().map { log(other[$0].close / other[$0 - 1].close) }
            guard let sa = sd(a), let sb = sd(b), sa > 0, sb > 0 else { return nil }  // undefined for a flat symbol
            return ReturnStatistics.correlation(a, b)
        }
    }
}

/// A published figure a library scenario must reproduce: a measure and its allowed range.
public struct CalibrationTarget: Hashable, Sendable {
    public let measure: CalibrationMeasure
    public let range: ClosedRange<Double>
    /// The published figure it stands for, e.g. "E-mini −3% in 4 minutes".
    public let published: String

    public init(_ measure: CalibrationMeasure, _ range: ClosedRange<Double>, _ published: String) {
        self.measure = measure
        self.range = range
        self.published = published
    }
}

/// One target checked against one run.
public struct CalibrationOutcome: Hashable, Sendable {
    public let target: CalibrationTarget
    /// The measured value (nil: the measure did not apply to the run).
    public let value: Double?
    /// Whether the value lies in the target's range.
    public var passed: Bool { value.map { target.range.contains($0) } ?? false }
}
