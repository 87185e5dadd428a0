/// The figures of a certification run as Prometheus metrics: the suggested set of names
/// (`docs/certification.md`, "Metrics"), filled from typed figures and turned into a
/// ``MetricsRegistry`` for the textfile collector or the `/metrics` endpoint.
///
/// Every field is optional in effect: a figure that was not measured (nil, or an empty list) is
/// left out of the exposition rather than reported as zero.
public struct CertificationMetrics: Hashable, Sendable {
    /// The metric names, one constant each, so the command, the docs and dashboards agree.
    public enum Name {
        /// Gauge: 1 when the run's verdict is GO, 0 for NO-GO.
        public static let go = "stresscheck_certify_go"
        /// Counter, label `result` (`pass` or `fail`): seeds run.
        public static let runs = "stresscheck_certify_runs_total"
        /// Counter: decisions made by the risk stack during the flood.
        public static let decisions = "stresscheck_certify_decisions_total"
        /// Counter: hard-limit breaches seen (the safety gate wants 0).
        public static let hardLimitBreaches = "stresscheck_certify_hard_limit_breaches_total"
        /// Histogram, label `measured_from` (`due` corrected for coordinated omission, `start` naive), in seconds.
        public static let decisionLatency = "stresscheck_certify_decision_latency_seconds"
        /// Gauge, label `gate`: 1 when the gate passed, 0 when it failed.
        public static let gatePass = "stresscheck_certify_gate_pass"
        /// Histogram: broker-failure recovery times, in seconds of simulated time.
        public static let recovery = "stresscheck_certify_recovery_seconds"
        /// Gauge: the largest difference between live state, journal and venue, in minor units.
        public static let integrityDelta = "stresscheck_certify_integrity_delta_minor_units"
        /// Gauge: the flash crash's largest drawdown, as a ratio (0.15 is 15%).
        public static let maxDrawdown = "stresscheck_certify_max_drawdown_ratio"
        /// Gauge: the worst flash-crash run's decision P99, in seconds (the latency gate's 15 ms).
        public static let flashCrashDecisionP99 = "stresscheck_certify_flash_crash_decision_p99_seconds"
    }

    /// The `gate` label values of the source's go/no-go matrix.
    public enum Gate {
        public static let safety = "safety"
        public static let latency = "latency"
        public static let recovery = "recovery"
        public static let integrity = "integrity"
    }

    /// The decision-latency buckets, in seconds: 1 µs to 10 s, with the 15 ms gate as a bound.
    public static let latencyBoundsSeconds: [Double] = [
        0.000_001, 0.000_002_5, 0.000_005, 0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5,
        0.001, 0.002_5, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]
    /// The recovery-time buckets, in seconds: 100 ms to 5 minutes, with the 25 s gate as a bound.
    public static let recoveryBoundsSeconds: [Double] = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 20, 25, 30, 45, 60, 120, 300]

    /// One gate of the matrix and whether it passed.
    public struct GateResult: Hashable, Sendable {
        public var gate: String
        public var passed: Bool
        public init(gate: String, passed: Bool) {
            self.gate = gate
            self.passed = passed
        }
    }

    /// The verdict: true for GO, false for NO-GO.
    public var go: Bool?
    public var runsPassed: UInt64?
    public var runsFailed: UInt64?
    public var decisions: UInt64?
    public var hardLimitBreaches: UInt64?
    /// Decision latency measured from each decision's due time (coordinated omission corrected).
    public var decisionLatencyFromDue: MetricHistogram?
    /// Decision latency measured from each decision's actual start (what a closed loop sees).
    public var decisionLatencyFromStart: MetricHistogram?
    public var gates: [GateResult] = []
    /// Each recovery time measured, in nanoseconds of simulated time.
    public var recoveryNanoseconds: [Int64] = []
    public var integrityDeltaMinorUnits: Int64?
    public var maxDrawdownBasisPoints: Int64?
    /// The worst flash-crash run's decision P99, in nanoseconds of wall-clock time.
    public var flashCrashDecisionP99Nanoseconds: Int64?

    public init() {}

    /// A latency histogram's buckets (bounds in nanoseconds, counts per bucket or cumulative)
    /// regrouped over ``latencyBoundsSeconds``; an input bucket that straddles a bound counts in the
    /// next one up, so no latency is reported lower than measured.
    /// - Throws: ``MetricsError`` when the buckets are out of order or the counts inconsistent.
    public static func latencyHistogram(
        nanosecondBuckets: [(upperBoundNanoseconds: Int64, count: UInt64)],
        counting: MetricHistogram.Counting, sumNanoseconds: Double
    ) throws(MetricsError) -> MetricHistogram {
        try MetricHistogram.fromNanoseconds(nanosecondBuckets, counting: counting, sumNanoseconds: sumNanoseconds).rebucketed(to: latencyBoundsSeconds)
    }

    /// The registry, families in a fixed order: verdict, runs, decisions, breaches, latency,
    /// gates, recovery, integrity, drawdown.
    /// - Throws: ``MetricsError`` when a gate name is given twice.
    public func registry() throws(MetricsError) -> MetricsRegistry {
        var registry = MetricsRegistry()
        if let go {
            try registry.gauge(Name.go, help: "1 when the certification verdict is GO, 0 for NO-GO.", value: go ? 1 : 0)
        }
        let runsHelp = "Certification seeds run, by result: fail when a run of the seed broke a rule (figures over all seeds are in the gate metric)."
        if let runsPassed { try registry.counter(Name.runs, help: runsHelp, labels: ["result": "pass"], value: Double(runsPassed)) }
        if let runsFailed { try registry.counter(Name.runs, help: runsHelp, labels: ["result": "fail"], value: Double(runsFailed)) }
        if let decisions {
            try registry.counter(Name.decisions, help: "Decisions made by the risk stack during the decision flood.", value: Double(decisions))
        }
        if let hardLimitBreaches {
            try registry.counter(
                Name.hardLimitBreaches, help: "Hard-limit breaches seen during the run (the safety gate allows none).",
                value: Double(hardLimitBreaches))
        }
        let latencyHelp = "Decision latency in seconds; measured_from=\"due\" is corrected for coordinated omission, \"start\" is not."
        if let decisionLatencyFromDue {
            try registry.histogram(Name.decisionLatency, help: latencyHelp, labels: ["measured_from": "due"], decisionLatencyFromDue)
        }
        if let decisionLatencyFromStart {
            try registry.histogram(Name.decisionLatency, help: latencyHelp, labels: ["measured_from": "start"], decisionLatencyFromStart)
        }
        for result in gates {
            try registry.gauge(
                Name.gatePass, help: "1 when the go/no-go gate passed, 0 when it failed.", labels: ["gate": result.gate],
                value: result.passed ? 1 : 0)
        }
        if !recoveryNanoseconds.isEmpty {
            let seconds = recoveryNanoseconds.map { Double($0) / 1e9 }
            try registry.histogram(
                Name.recovery, help: "Broker-failure recovery time in seconds of simulated time, from reconnection until ready.",
                try MetricHistogram(observations: seconds, bounds: Self.recoveryBoundsSeconds))
        }
        if let integrityDeltaMinorUnits {
            try registry.gauge(
                Name.integrityDelta, help: "Largest difference between live state, journal and venue, in minor units.",
                value: Double(integrityDeltaMinorUnits))
        }
        if let maxDrawdownBasisPoints {
            try registry.gauge(Name.maxDrawdown, help: "Largest drawdown in the flash crash, as a ratio.", value: Double(maxDrawdownBasisPoints) / 10_000)
        }
        if let flashCrashDecisionP99Nanoseconds {
            try registry.gauge(
                Name.flashCrashDecisionP99, help: "The worst flash-crash run's decision latency P99, in seconds of wall-clock time.",
                value: Double(flashCrashDecisionP99Nanoseconds) / 1e9)
        }
        return registry
    }
}
