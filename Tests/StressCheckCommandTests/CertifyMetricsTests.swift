@testable import Certification
import Foundation
import Testing
@testable import StressCheckCommand

/// `stresscheck_certify_runs_total` counts seeds: a seed fails when one of its runs broke a rule;
/// the flood's breaks (the latency gate's, under seed 0) are no seed's.
@Suite(.serialized) struct CertifyMetricsTests {
    @Test func runsTotalCountsSeedsThatBrokeARuleAndNotTheFloods() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var certification = CertificationRun()
        certification.firstSeed = 0
        let real = try certification.run(runs: 2, directory: directory)
        #expect(Set(real.flashCrash.map(\.seed)) == [0, 1])
        func broken(_ gate: CertificationGate, seeds: [UInt64]) -> GateResult {
            GateResult(gate, figures: [], ruleBreaks: seeds.map { RuleBreak(test: "test", seed: $0, rule: "broken") })
        }
        func report(_ gates: [GateResult]) -> CertificationReport {
            CertificationReport(
                matrix: CertificationMatrix(runs: 2, gates: gates), flood: real.flood, flashCrash: real.flashCrash,
                flashCrashLatency: real.flashCrashLatency, broker: real.broker,
                integrity: real.integrity)
        }
        // The flood's break carries seed 0, which is also a seed here: seed 0 still passed.
        let floodOnly = CertifyText.metrics(report([broken(.latency, seeds: [0]), broken(.safety, seeds: [])]))
        #expect(floodOnly.runsPassed == 2 && floodOnly.runsFailed == 0)
        let seedOne = CertifyText.metrics(report([broken(.latency, seeds: [0]), broken(.safety, seeds: [1, 1]), broken(.integrity, seeds: [1])]))
        #expect(seedOne.runsPassed == 1 && seedOne.runsFailed == 1)

        // The flood as certification.md asks it reported, in text and JSON, from the typed figures.
        let flood = real.flood
        let summary = flood.corrected.summary
        let text = CertifyText.floodLines(flood)
        for figure in ["p50", "p90", "p99", "p99.9", "p99.99", "max"] { #expect(text.contains(" \(figure) "), "\(figure): \(text)") }
        #expect(text.contains("p99.99 \(CertifyText.micro(summary.p9999))"))
        #expect(text.contains("(\(flood.warmUpExcluded) warm-up excluded)"))
        #expect(text.contains("windows passed \(flood.windows.filter(\.passed).count) of \(flood.windows.count)"))
        // A failed window is named with its span and figures.
        var failing = flood
        failing.windows = [
            FloodWindow(index: 0, startSeconds: 0, count: 1_000, p99Corrected: 1_000, p999Corrected: 2_000, maxCorrected: 3_000, passed: true),
            FloodWindow(index: 1, startSeconds: 10, count: 1_000, p99Corrected: 20_000_000, p999Corrected: 21_000_000, maxCorrected: 22_000_000, passed: false),
        ]
        failing.configuration = FloodConfiguration(mode: .scheduled(rate: 1_000, seconds: 15))  // the last window ends at 15 s
        failing.configuration.windowSeconds = 10
        let failedText = CertifyText.floodLines(failing)
        #expect(failedText.contains("windows passed 1 of 2"))
        #expect(failedText.contains("  window 1 (10–15 s) FAILED: p99 20000.0 µs p99.9 21000.0 µs max 22000.0 µs over 1000\n"), "\(failedText)")
        #expect(!failedText.contains("window 0 ("))
        let json = CertifyText.json(report([]), gates: CertificationGates())
        #expect(json.contains("\"correctedP90Nanoseconds\" : \(summary.p90)"), "\(json)")
        #expect(json.contains("\"correctedP9999Nanoseconds\" : \(summary.p9999)"))
        #expect(json.contains("\"warmUpExcluded\" : \(flood.warmUpExcluded)"))
        #expect(json.contains("\"windowResults\" : ["))
    }
}
