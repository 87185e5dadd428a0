/// What a decision flood measured: typed figures, no sentences. Latencies in nanoseconds.
public struct FloodReport: Hashable, Sendable {
    public var configuration: FloodConfiguration
    /// Completion − due time, per decision (coordinated omission corrected). At maximum rate
    /// (no schedule) it equals `naive`.
    public var corrected: LatencyHistogram
    /// Completion − actual start, per decision: what a closed-loop tool would have reported.
    public var naive: LatencyHistogram
    /// Actual start − due time for the decisions whose thread was idle when they fell due: how
    /// late the waiting itself (sleep, spin, being scheduled) made them. Lateness from a backlog
    /// of earlier decisions is not the scheduler's and is not counted here.
    public var schedulerLateness: LatencyHistogram
    /// Decisions taken, including warm-up.
    public var decisions: Int
    /// Decisions excluded as warm-up (in none of the figures).
    public var warmUpExcluded: Int
    /// Decisions whose thread was still busy with earlier ones when they fell due.
    public var backlogged: Int
    /// Decisions that started more than `configuration.lateToleranceNanoseconds` after their due time.
    public var lateStarts: Int
    /// The schedule's rate (nil at maximum rate).
    public var targetRate: Double?
    /// Measured decisions ÷ the time from the first measured one's due time (or start) to the
    /// last one's completion.
    public var achievedRate: Double
    /// Whether the achieved rate is within `rateTolerance` of the target (true at maximum rate).
    public var sustained: Bool
    /// Pass/fail per window of due time (only windows with measured decisions; none at maximum rate).
    public var windows: [FloodWindow]
    public var memory: MemoryTrend
    /// Deciding threads granted `configuration.realtimePriority` (0 when none was asked).
    public var realtimeThreads: Int
    /// Wall-clock time of the whole run, warm-up included.
    public var wallNanoseconds: Int64
    /// The run was asked to stop and ended early: its figures cover only the decisions taken.
    public var interrupted = false

    /// How many windows passed.
    public var windowsPassedCount: Int { windows.filter(\.passed).count }

    /// Every window's corrected P99 within the gate.
    public var windowsPassed: Bool { windows.allSatisfy(\.passed) }

    /// The flood's gate: sustained rate, every window under the P99 gate, no leak.
    public var passed: Bool { !interrupted && sustained && windowsPassed && memory.verdict != .leaking }
}

/// One pass/fail window: decisions due in [startSeconds, startSeconds + windowSeconds) after t₀.
public struct FloodWindow: Hashable, Sendable {
    public var index: Int
    public var startSeconds: Double
    public var count: Int64
    /// The window's corrected P99, P99.9 and max, kept to 2 significant digits (within 1%,
    /// never below the true value: a window fails rather than passes on rounding).
    public var p99Corrected: Int64
    public var p999Corrected: Int64
    public var maxCorrected: Int64
    public var passed: Bool
}

/// Resident memory over a run, and whether it grows.
public struct MemoryTrend: Hashable, Sendable {
    public struct Sample: Hashable, Sendable {
        /// Seconds since t₀.
        public var seconds: Double
        public var residentBytes: Int64
    }

    public enum Verdict: Hashable, Sendable {
        /// The slope is within the tolerance.
        case steady
        /// The slope is above the tolerance.
        case leaking
        /// Too few samples after warm-up (fewer than `minimumSamples`), or no way to read
        /// resident memory on this system.
        case notMeasured
    }

    /// The samples after warm-up, in time order.
    public var samples: [Sample]
    /// The least-squares slope of resident bytes over seconds (nil when not measured).
    public var slopeBytesPerSecond: Double?
    public var toleranceBytesPerSecond: Double
    public var verdict: Verdict

    /// Samples needed for a verdict.
    public static let minimumSamples = 5

    /// The trend of `samples` against `tolerance`.
    public init(samples: [Sample], toleranceBytesPerSecond: Double) {
        self.samples = samples
        self.toleranceBytesPerSecond = toleranceBytesPerSecond
        slopeBytesPerSecond = Self.slope(samples)
        if let slope = slopeBytesPerSecond {
            verdict = slope > toleranceBytesPerSecond ? .leaking : .steady
        } else {
            verdict = .notMeasured
        }
    }

    /// The least-squares slope of bytes over seconds; nil for fewer than `minimumSamples`
    /// samples or when they all have the same time.
    public static func slope(_ samples: [Sample]) -> Double? {
        guard samples.count >= minimumSamples else { return nil }
        let n = Double(samples.count)
        let meanX = samples.reduce(0) { $0 + $1.seconds } / n
        let meanY = samples.reduce(0) { $0 + Double($1.residentBytes) } / n
        var covariance = 0.0
        var variance = 0.0
        for sample in samples {
            let dx = sample.seconds - meanX
            covariance += dx * (Double(sample.residentBytes) - meanY)
            variance += dx * dx
        }
        guard variance > 0 else { return nil }
        return covariance / variance
    }
}
