import Certification
import Testing

/// The certification run's metrics: the suggested names, filled from typed figures.
@Suite struct CertificationMetricsTests {
    static func figures() throws -> CertificationMetrics {
        var metrics = CertificationMetrics()
        metrics.go = false
        metrics.runsPassed = 99
        metrics.runsFailed = 1
        metrics.decisions = 600_000
        metrics.hardLimitBreaches = 0
        // A latency histogram's buckets in nanoseconds: 1 µs, 1.5 µs (straddles nothing up to 2.5 µs), 20 ms.
        metrics.decisionLatencyFromDue = try CertificationMetrics.latencyHistogram(
            nanosecondBuckets: [
                (upperBoundNanoseconds: 1_000, count: 5), (upperBoundNanoseconds: 1_500, count: 3), (upperBoundNanoseconds: 20_000_000, count: 1),
            ],
            counting: .perBucket, sumNanoseconds: 20_009_500)
        metrics.decisionLatencyFromStart = try CertificationMetrics.latencyHistogram(
            nanosecondBuckets: [(upperBoundNanoseconds: 1_000, count: 9)], counting: .cumulative, sumNanoseconds: 8_000)
        metrics.gates = [
            .init(gate: CertificationMetrics.Gate.safety, passed: true), .init(gate: CertificationMetrics.Gate.latency, passed: false),
            .init(gate: CertificationMetrics.Gate.recovery, passed: true), .init(gate: CertificationMetrics.Gate.integrity, passed: true),
        ]
        metrics.recoveryNanoseconds = [12_000_000_000, 25_000_000_000, 31_500_000_000]
        metrics.integrityDeltaMinorUnits = 0
        metrics.maxDrawdownBasisPoints = 1_234
        metrics.flashCrashDecisionP99Nanoseconds = 52_000
        return metrics
    }

    @Test func everyFigureBecomesItsMetric() throws {
        let text = try Self.figures().registry().render()
        for line in [
            "stresscheck_certify_go 0",
            "stresscheck_certify_runs_total{result=\"pass\"} 99",
            "stresscheck_certify_runs_total{result=\"fail\"} 1",
            "stresscheck_certify_decisions_total 600000",
            "stresscheck_certify_hard_limit_breaches_total 0",
            "stresscheck_certify_decision_latency_seconds_bucket{measured_from=\"due\",le=\"1e-06\"} 5",
            "stresscheck_certify_decision_latency_seconds_bucket{measured_from=\"due\",le=\"2.5e-06\"} 8",
            "stresscheck_certify_decision_latency_seconds_bucket{measured_from=\"due\",le=\"0.015\"} 8",
            "stresscheck_certify_decision_latency_seconds_bucket{measured_from=\"due\",le=\"0.025\"} 9",
            "stresscheck_certify_decision_latency_seconds_bucket{measured_from=\"due\",le=\"+Inf\"} 9",
            "stresscheck_certify_decision_latency_seconds_sum{measured_from=\"due\"} 0.0200095",
            "stresscheck_certify_decision_latency_seconds_count{measured_from=\"start\"} 9",
            "stresscheck_certify_gate_pass{gate=\"latency\"} 0",
            "stresscheck_certify_gate_pass{gate=\"safety\"} 1",
            "stresscheck_certify_recovery_seconds_bucket{le=\"25\"} 2",
            "stresscheck_certify_recovery_seconds_bucket{le=\"30\"} 2",
            "stresscheck_certify_recovery_seconds_bucket{le=\"45\"} 3",
            "stresscheck_certify_recovery_seconds_sum 68.5",
            "stresscheck_certify_recovery_seconds_count 3",
            "stresscheck_certify_integrity_delta_minor_units 0",
            "stresscheck_certify_max_drawdown_ratio 0.1234",
            "stresscheck_certify_flash_crash_decision_p99_seconds 5.2e-05",
        ] {
            #expect(text.contains(line + "\n"), "missing: \(line)")
        }
        // Families in the documented order.
        let types = text.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ")[2] }
        #expect(
            types == [
                "stresscheck_certify_go", "stresscheck_certify_runs_total", "stresscheck_certify_decisions_total",
                "stresscheck_certify_hard_limit_breaches_total", "stresscheck_certify_decision_latency_seconds", "stresscheck_certify_gate_pass",
                "stresscheck_certify_recovery_seconds", "stresscheck_certify_integrity_delta_minor_units", "stresscheck_certify_max_drawdown_ratio",
                "stresscheck_certify_flash_crash_decision_p99_seconds",
            ])
    }

    @Test func figuresNotMeasuredAreLeftOut() throws {
        #expect(try CertificationMetrics().registry().render() == "")
        var metrics = CertificationMetrics()
        metrics.gates = [.init(gate: "latency", passed: true), .init(gate: "latency", passed: false)]
        #expect(throws: MetricsError.self) { try metrics.registry() }
    }

    @Test func theGateBoundsAreBucketBounds() {
        #expect(CertificationMetrics.latencyBoundsSeconds.contains(0.015))
        #expect(CertificationMetrics.recoveryBoundsSeconds.contains(25))
        #expect(CertificationMetrics.latencyBoundsSeconds == CertificationMetrics.latencyBoundsSeconds.sorted())
        #expect(CertificationMetrics.recoveryBoundsSeconds == CertificationMetrics.recoveryBoundsSeconds.sorted())
    }

    @Test(.enabled(if: Promtool.path != nil, "promtool is not installed here (.ci/run installs the Debian package prometheus)"))
    func promtoolAcceptsTheCertificationMetricsWithoutWarnings() throws {
        let result = try Promtool.checkMetrics(try Self.figures().registry().render())
        #expect(result.status == 0, "promtool: \(result.output)")
        #expect(result.output.isEmpty, "promtool: \(result.output)")
    }
}
