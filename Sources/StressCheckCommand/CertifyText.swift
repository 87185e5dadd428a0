import Certification
import Foundation

/// The certification's report as text (the matrix), JSON, a self-contained HTML page and the
/// Prometheus figures. Every figure comes from the typed report; nothing here judges a gate.
enum CertifyText {
    /// The matrix: one row per gate with its verdict and action, its figures, then the runs that
    /// broke a rule (with the seed that replays them), and the verdict.
    static func matrix(_ report: CertificationReport) -> String {
        let matrix = report.matrix
        var text = "\ngate        result  action when failed        figures\n"
        for gate in matrix.gates {
            let figures = gate.figures.map { figure in
                "\(figure.name) \(number(figure.measured)) \(figure.unit) (limit \(number(figure.limit)))"
            }.joined(separator: "; ")
            text +=
                gate.gate.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
                + (gate.passed ? "PASS    " : "FAIL    ")
                + gate.gate.actionWhenFailed.rawValue.padding(toLength: 26, withPad: " ", startingAt: 0) + figures + "\n"
        }
        let breaks = matrix.gates.flatMap { gate in gate.ruleBreaks.map { (gate.gate, $0) } }
        if !breaks.isEmpty {
            text += "\nrules broken:\n"
            for (gate, rule) in breaks.prefix(20) {
                text += "  \(gate.rawValue): \(rule.test), seed \(rule.seed): \(rule.rule)\n"
            }
            if breaks.count > 20 { text += "  … and \(breaks.count - 20) more\n" }
        }
        text += floodLines(report.flood)
        if matrix.isGo {
            text += "\nGO: every gate passed over \(matrix.runs) run(s)\n"
        } else {
            text += "\nNO-GO: " + matrix.failedGates.map { "\($0.rawValue) (\($0.actionWhenFailed.rawValue))" }.joined(separator: ", ") + "\n"
        }
        return text
    }

    /// The flood as `certification.md` asks it reported: the corrected percentiles p50 … p99.99
    /// and max over the measured decisions, the naive p99 beside them, the warm-up excluded, the
    /// achieved against the target rate, late starts, the scheduler's own lateness, and the
    /// windows that passed.
    static func floodLines(_ flood: FloodReport) -> String {
        let corrected = flood.corrected.summary
        let target = flood.targetRate.map { "\(Int($0))/s" } ?? "maximum rate"
        return "\ndecision flood: \(flood.decisions) decisions (\(flood.warmUpExcluded) warm-up excluded) at \(Int(flood.achievedRate))/s, target \(target); "
            + "\(flood.lateStarts) late starts, scheduler lateness p99 \(micro(flood.schedulerLateness.summary.p99))\n"
            + "  corrected p50 \(micro(corrected.p50)) p90 \(micro(corrected.p90)) p99 \(micro(corrected.p99)) p99.9 \(micro(corrected.p999)) "
            + "p99.99 \(micro(corrected.p9999)) max \(micro(corrected.max)) over \(corrected.count); naive p99 \(micro(flood.naive.summary.p99)); "
            + "windows passed \(flood.windowsPassedCount) of \(flood.windows.count)\n" + failedWindowLines(flood)
    }

    /// The most failed windows listed one by one.
    static let maxWindowsListed = 10

    /// Each failed window by its due-time span, with its corrected p99, p99.9 and max (the gate
    /// is per window: which one failed is what to look at).
    static func failedWindowLines(_ flood: FloodReport) -> String {
        let failed = flood.windows.filter { !$0.passed }
        let seconds = flood.configuration.windowSeconds
        var text = ""
        for window in failed.prefix(maxWindowsListed) {
            // The last window ends with the flood, not a whole window later.
            let end = min(window.startSeconds + seconds, flood.configuration.seconds)
            text +=
                "  window \(window.index) (\(number(window.startSeconds))–\(number(end)) s) FAILED: "
                + "p99 \(micro(window.p99Corrected)) p99.9 \(micro(window.p999Corrected)) max \(micro(window.maxCorrected)) over \(window.count)\n"
        }
        if failed.count > maxWindowsListed { text += "  … and \(failed.count - maxWindowsListed) more failed windows\n" }
        return text
    }

    static func number(_ value: Double?) -> String {
        guard let value else { return "not measured" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.3f", value)
    }

    static func micro(_ nanoseconds: Int64) -> String { String(format: "%.1f µs", Double(nanoseconds) / 1_000) }

    struct Document: Encodable {
        struct Figure: Encodable {
            let name: String
            let measured: Double?
            let limit: Double
            let unit: String
            let passed: Bool
        }
        struct Rule: Encodable {
            let test: String
            let seed: UInt64
            let rule: String
        }
        struct Gate: Encodable {
            let gate: String
            let passed: Bool
            let actionWhenFailed: String
            let figures: [Figure]
            let ruleBreaks: [Rule]
        }
        struct Flood: Encodable {
            let decisions: Int
            let warmUpExcluded: Int
            let measured: Int64
            let achievedRate: Double
            /// `nil` at maximum rate.
            let targetRate: Double?
            let lateStarts: Int
            let correctedP50Nanoseconds: Int64
            let correctedP90Nanoseconds: Int64
            let correctedP99Nanoseconds: Int64
            let correctedP999Nanoseconds: Int64
            let correctedP9999Nanoseconds: Int64
            let naiveP99Nanoseconds: Int64
            let schedulerLatenessP99Nanoseconds: Int64
            let maxNanoseconds: Int64
            let windows: Int
            let windowsPassed: Int
            /// Every window's figures and verdict, in order.
            let windowResults: [Window]
        }
        struct Window: Encodable {
            let index: Int
            let startSeconds: Double
            let count: Int64
            let correctedP99Nanoseconds: Int64
            let correctedP999Nanoseconds: Int64
            let maxNanoseconds: Int64
            let passed: Bool
        }
        let verdict: String
        let runs: Int
        let gates: [Gate]
        let flood: Flood
        let thresholds: [String: Int64]
    }

    static func json(_ report: CertificationReport, gates thresholds: CertificationGates) -> String {
        let gates = report.matrix.gates.map { gate in
            Document.Gate(
                gate: gate.gate.rawValue, passed: gate.passed, actionWhenFailed: gate.gate.actionWhenFailed.rawValue,
                figures: gate.figures.map { Document.Figure(name: $0.name, measured: $0.measured, limit: $0.limit, unit: $0.unit, passed: $0.passed) },
                ruleBreaks: gate.ruleBreaks.map { Document.Rule(test: $0.test, seed: $0.seed, rule: $0.rule) })
        }
        let corrected = report.flood.corrected.summary
        var values: [String: Int64] = [:]
        for (name, field) in CertificationGates.environmentVariables { values[name] = thresholds[keyPath: field] }
        for (name, field) in CertificationGates.environmentCounts { values[name] = Int64(thresholds[keyPath: field]) }
        return JSONText.encode(
            Document(
                verdict: report.matrix.isGo ? "GO" : "NO-GO", runs: report.matrix.runs, gates: gates,
                flood: Document.Flood(
                    decisions: report.flood.decisions, warmUpExcluded: report.flood.warmUpExcluded, measured: corrected.count,
                    achievedRate: report.flood.achievedRate, targetRate: report.flood.targetRate, lateStarts: report.flood.lateStarts,
                    correctedP50Nanoseconds: corrected.p50, correctedP90Nanoseconds: corrected.p90, correctedP99Nanoseconds: corrected.p99,
                    correctedP999Nanoseconds: corrected.p999, correctedP9999Nanoseconds: corrected.p9999,
                    naiveP99Nanoseconds: report.flood.naive.summary.p99,
                    schedulerLatenessP99Nanoseconds: report.flood.schedulerLateness.summary.p99, maxNanoseconds: corrected.max,
                    windows: report.flood.windows.count, windowsPassed: report.flood.windowsPassedCount,
                    windowResults: report.flood.windows.map {
                        Document.Window(
                            index: $0.index, startSeconds: $0.startSeconds, count: $0.count, correctedP99Nanoseconds: $0.p99Corrected,
                            correctedP999Nanoseconds: $0.p999Corrected, maxNanoseconds: $0.maxCorrected, passed: $0.passed)
                    }),
                thresholds: values))
    }

    /// The figures as Prometheus metrics (`CertificationMetrics`).
    static func metrics(_ report: CertificationReport) -> CertificationMetrics {
        var metrics = CertificationMetrics()
        metrics.go = report.matrix.isGo
        // A seed fails when one of its runs broke a rule. The latency gate's breaks are the
        // flood's, no seed's (they carry seed 0, which may also be a seed's number); a gate
        // failed on a figure over all seeds (drawdown, P99, mean recovery) is in the gate
        // metric, not a seed's result.
        let seeds = Set(report.flashCrash.map(\.seed))
        let failedSeeds = Set(report.matrix.gates.filter { $0.gate != .latency }.flatMap(\.ruleBreaks).map(\.seed)).intersection(seeds)
        metrics.runsFailed = UInt64(failedSeeds.count)
        metrics.runsPassed = UInt64(max(report.matrix.runs - failedSeeds.count, 0))
        metrics.decisions = UInt64(max(report.flood.decisions, 0))
        metrics.hardLimitBreaches = UInt64(report.flashCrash.reduce(0) { $0 + $1.hardLimitBreaches })
        metrics.gates = report.matrix.gates.map { CertificationMetrics.GateResult(gate: $0.gate.rawValue, passed: $0.passed) }
        metrics.recoveryNanoseconds = report.broker.flatMap(\.recoveryTimes).compactMap { $0?.nanoseconds }
        metrics.integrityDeltaMinorUnits = report.integrity.map(\.report.largestMoneyDelta).max()
        metrics.maxDrawdownBasisPoints = report.flashCrash.map { Int64(($0.maxDrawdown * 10_000).rounded(.up)) }.max()
        metrics.flashCrashDecisionP99Nanoseconds = CertificationRun.worstFlashCrashP99(report.flashCrashLatency)
        metrics.decisionLatencyFromDue = histogram(report.flood.corrected)
        metrics.decisionLatencyFromStart = histogram(report.flood.naive)
        return metrics
    }

    static func histogram(_ latency: LatencyHistogram) -> MetricHistogram? {
        let buckets = latency.nonEmptySlots.map { (upperBoundNanoseconds: $0.highest, count: UInt64($0.count)) }
        guard !buckets.isEmpty else { return nil }
        // A histogram's slots are ascending and its counts positive: a refusal is a bug here, named.
        do {
            return try CertificationMetrics.latencyHistogram(nanosecondBuckets: buckets, counting: .perBucket, sumNanoseconds: Double(latency.sum))
        } catch {
            preconditionFailure("the flood's latency histogram does not make a metric: \(error)")
        }
    }

    /// A self-contained page (no network): the verdict, the matrix and the rules broken.
    static func html(_ report: CertificationReport) -> String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
                .replacingOccurrences(of: "\"", with: "&quot;")
        }
        let matrix = report.matrix
        var rows = ""
        for gate in matrix.gates {
            let figures = gate.figures.map { "\(escape($0.name)): \(number($0.measured)) \(escape($0.unit)) (limit \(number($0.limit)))" }.joined(
                separator: "<br>")
            rows +=
                "<tr class=\"\(gate.passed ? "pass" : "fail")\"><td>\(gate.gate.rawValue)</td><td>\(gate.passed ? "PASS" : "FAIL")</td>"
                + "<td>\(escape(gate.gate.actionWhenFailed.rawValue))</td><td>\(escape(gate.gate.test))</td><td>\(figures)</td></tr>\n"
        }
        var breaks = ""
        for gate in matrix.gates {
            for rule in gate.ruleBreaks {
                breaks += "<li>\(gate.gate.rawValue): \(escape(rule.test)), seed \(rule.seed): \(escape(rule.rule))</li>\n"
            }
        }
        let verdict = matrix.isGo ? "GO" : "NO-GO"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>StressCheck certification: \(verdict)</title>
            <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px;text-align:left}
            tr.pass td:nth-child(2){background:#cfc}tr.fail td:nth-child(2){background:#fcc}h1.go{color:#070}h1.no-go{color:#a00}</style></head>
            <body><h1 class="\(matrix.isGo ? "go" : "no-go")">\(verdict)</h1>
            <p>\(matrix.runs) run(s) of flash crash, broker failure (\(BrokerFault.allCases.count) faults) and portfolio integrity; one decision flood of \(report.flood.decisions) decisions.</p>
            <table><tr><th>gate</th><th>result</th><th>action when failed</th><th>test</th><th>figures</th></tr>
            \(rows)</table>
            \(breaks.isEmpty ? "<p>No rule broken.</p>" : "<h2>Rules broken</h2><ul>\n\(breaks)</ul>")
            </body></html>

            """
    }
}
