/// How a decision flood runs: the schedule, the threads, what is excluded as warm-up, the
/// windows and tolerances its verdicts use. Durations in the names' units.
public struct FloodConfiguration: Hashable, Sendable {
    public enum Mode: Hashable, Sendable {
        /// Open loop: decision *i* is due at t₀ + i/rate, whatever happened to the ones before;
        /// `rate × seconds` decisions in all.
        case scheduled(rate: Int, seconds: Double)
        /// No schedule: each thread takes its next decision as soon as the last one returns,
        /// for `seconds`; the figure is decisions per second. (Closed loop: latency here is the
        /// service time, the two histograms coincide.)
        case maximumRate(seconds: Double)
    }

    /// What the first part of a run, excluded from every figure, is.
    public enum WarmUp: Hashable, Sendable {
        /// The first `n` decisions (by index, across all threads).
        case decisions(Int)
        /// The decisions due (or, at maximum rate, started) in the first `s` seconds.
        case seconds(Double)
    }

    public var mode: Mode
    /// Threads taking decisions; thread *k* takes decisions k, k + N, k + 2N, …
    public var threads: Int = 1
    public var warmUp: WarmUp = .seconds(0.1)
    /// The width of a pass/fail window, by due time from t₀.
    public var windowSeconds: Double = 10
    /// The corrected P99 allowed in every window.
    public var p99GateNanoseconds: Int64 = 15_000_000
    /// The corrected P99.9 allowed in every window (StressCheck's tail gate; see
    /// ``CertificationGates/p999LatencyNanoseconds``).
    public var p999GateNanoseconds: Int64 = 15_000_000
    /// A decision that starts later than this after its due time is a late start.
    public var lateToleranceNanoseconds: Int64 = 100_000
    /// How long before a due time the waiting thread stops sleeping and spins on the clock.
    public var spinNanoseconds: Int64 = 200_000
    /// The achieved rate must be at least `(1 - rateTolerance) × rate` to count as sustained.
    public var rateTolerance: Double = 0.01
    /// How often resident memory is sampled; nil: 1/50 of the run, between 10 ms and 1 s.
    public var memorySampleIntervalSeconds: Double?
    /// A least-squares slope of resident memory above this is a leak (32 KiB/s: 32 bytes kept per
    /// decision at 1 000/s).
    public var leakToleranceBytesPerSecond: Double = 32_768

    /// Run the deciding threads under the real-time FIFO scheduler at this priority (1 … 99),
    /// where the system allows it; nil: the normal scheduler. On a shared machine a normal thread
    /// that sleeps until its due time can be woken milliseconds late behind other processes; that
    /// lateness is real and is charged to the decisions (it is what the corrected latency is
    /// for), but it measures the machine's load rather than the risk stack. A production risk
    /// engine runs its decision thread so; the report says whether it was granted
    /// (`FloodReport.realtimeThreads`).
    public var realtimePriority: Int?

    public init(mode: Mode) {
        self.mode = mode
    }

    /// The source's run: the gates' rate for the gates' duration (1 000/s × 600 s), their window
    /// and P99 gate, the first second excluded as warm-up.
    public static func full(_ gates: CertificationGates = CertificationGates()) -> FloodConfiguration {
        var configuration = FloodConfiguration(mode: .scheduled(rate: gates.floodRate, seconds: Double(gates.floodSeconds)))
        configuration.windowSeconds = Double(gates.floodWindowSeconds)
        configuration.p99GateNanoseconds = gates.p99LatencyNanoseconds
        configuration.p999GateNanoseconds = gates.p999LatencyNanoseconds
        configuration.warmUp = .seconds(1)
        return configuration
    }

    /// The CI run: the gates' rate for `seconds` (3 by default), one window over all of it.
    public static func ci(_ gates: CertificationGates = CertificationGates(), seconds: Double = 3) -> FloodConfiguration {
        var configuration = FloodConfiguration(mode: .scheduled(rate: gates.floodRate, seconds: seconds))
        configuration.windowSeconds = Swift.min(Double(gates.floodWindowSeconds), seconds)
        configuration.p99GateNanoseconds = gates.p99LatencyNanoseconds
        configuration.p999GateNanoseconds = gates.p999LatencyNanoseconds
        return configuration
    }

    /// As fast as possible on `threads` threads for `seconds`.
    public static func maximumRate(seconds: Double, threads: Int = 1) -> FloodConfiguration {
        var configuration = FloodConfiguration(mode: .maximumRate(seconds: seconds))
        configuration.threads = threads
        configuration.warmUp = .seconds(Swift.min(0.1, seconds / 10))
        return configuration
    }

    /// The run's length in seconds.
    public var seconds: Double {
        switch mode {
        case .scheduled(_, let seconds), .maximumRate(let seconds): seconds
        }
    }

    /// The decisions a scheduled run takes (nil at maximum rate).
    public var scheduledDecisions: Int? {
        guard case .scheduled(let rate, let seconds) = mode else { return nil }
        return Int((Double(rate) * seconds).rounded())
    }

    /// Checks every field.
    /// - Throws: `FloodConfigurationError` naming the first bad field.
    public func validate() throws(FloodConfigurationError) {
        switch mode {
        case .scheduled(let rate, let seconds):
            guard (1...10_000_000).contains(rate) else { throw .rate(rate) }
            guard seconds > 0, seconds <= 86_400, Double(rate) * seconds >= 1 else { throw .seconds(seconds) }
        case .maximumRate(let seconds):
            guard seconds > 0, seconds <= 86_400 else { throw .seconds(seconds) }
        }
        guard (1...256).contains(threads) else { throw .threads(threads) }
        switch warmUp {
        case .decisions(let n): guard n >= 0 else { throw .warmUp }
        case .seconds(let s): guard s >= 0, s < seconds else { throw .warmUp }
        }
        guard windowSeconds > 0, windowSeconds.isFinite, seconds / windowSeconds <= 100_000 else { throw .windowSeconds(windowSeconds) }
        guard p99GateNanoseconds > 0 else { throw .p99Gate(p99GateNanoseconds) }
        guard lateToleranceNanoseconds >= 0 else { throw .lateTolerance(lateToleranceNanoseconds) }
        guard spinNanoseconds >= 0 else { throw .spin(spinNanoseconds) }
        guard (0..<1).contains(rateTolerance) else { throw .rateTolerance(rateTolerance) }
        if let interval = memorySampleIntervalSeconds { guard interval >= 0.001, interval.isFinite else { throw .memorySampleInterval(interval) } }
        guard leakToleranceBytesPerSecond >= 0 else { throw .leakTolerance(leakToleranceBytesPerSecond) }
        if let priority = realtimePriority { guard (1...99).contains(priority) else { throw .realtimePriority(priority) } }
    }

    /// The memory sampling interval used.
    var effectiveSampleInterval: Double {
        memorySampleIntervalSeconds ?? Swift.min(1, Swift.max(0.01, seconds / 50))
    }
}

/// A flood configuration that cannot run: which field, with its value.
public enum FloodConfigurationError: Error, Hashable, Sendable {
    case rate(Int)
    case seconds(Double)
    case threads(Int)
    case warmUp
    case windowSeconds(Double)
    case p99Gate(Int64)
    case lateTolerance(Int64)
    case spin(Int64)
    case rateTolerance(Double)
    case memorySampleInterval(Double)
    case leakTolerance(Double)
    case realtimePriority(Int)
}
