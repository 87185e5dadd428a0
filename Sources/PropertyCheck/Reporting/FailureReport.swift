import Foundation

/// The text a person reads when a check ends: what failed, the minimal counterexample, how it
/// was found, where it was saved and the one line that replays it.
public enum FailureReport {
    static func render<Value>(
        name: String, seed: UInt64, reason: ExitReason, counterexample: Counterexample<Value>?,
        statistics: CheckStatistics, warnings: [CheckWarning], replayHint: String?,
        replay: ReplayLine = .configured
    ) -> String {
        let seedText = CheckConfiguration.format(seed: seed)
        var lines: [String] = []
        switch reason {
        case .completed:
            var passed = "✓ \(name): \(statistics.validCases) cases passed"
            if statistics.edgeCases > 0 { passed += ", \(statistics.edgeCases) edge case\(statistics.edgeCases == 1 ? "" : "s") before them" }
            if statistics.stoppedByTime { passed += ", stopped by the time limit" }
            lines.append(passed + " (seed \(seedText))")
        case .foundFailure:
            lines.append("✗ \(name) failed (seed \(seedText))")
        default:
            lines.append("✗ \(name): \(reason.explanation) (seed \(seedText))")
        }
        if let counterexample {
            lines.append("")
            lines.append("Counterexample:")
            lines += PrettyPrinter.describe(counterexample.value).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
            lines.append("")
            lines.append("Failure: \(counterexample.message)")
            for note in counterexample.notes { lines.append("Note: \(note)") }
            var found = "Found in \(counterexample.foundIn) after \(statistics.validCases) valid case(s)"
            found +=
                "; shrunk in \(statistics.shrinkSteps) step(s), \(statistics.shrinkCalls) call(s), \(String(format: "%.1f", statistics.shrinkSeconds * 1000)) ms"
            if let stop = counterexample.shrinkStoppedBy { found += " (stopped by \(stop); the case may not be minimal)" }
            lines.append(found + ".")
            if let path = counterexample.savedPath { lines.append("Saved: \(path)") }
            // Without a hint from the caller, the command that works for any check: every check
            // takes STRESSCHECK_SEED, and the saved file (if any) replays first anyway.
            let fallback = "STRESSCHECK_SEED=\(seedText) swift test   (every check takes this seed; add --filter <the test> to run only this one)"
            switch replay {
            case .configured:
                lines.append("Replay: " + (replayHint ?? fallback) + (counterexample.savedPath == nil ? "" : "   (the saved file replays first)"))
            case .command(let command): lines.append("Replay: " + command)
            case .omitted: break
            }
        } else if reason != .completed && !statistics.labels.isEmpty || reason == .completed && !statistics.labels.isEmpty {
            lines.append(labelTable(statistics))
        }
        for warning in warnings { lines.append("Warning: \(warning)") }
        return lines.joined(separator: "\n")
    }

    /// The share of valid cases under each label, largest first.
    static func labelTable(_ statistics: CheckStatistics) -> String {
        let total = max(statistics.validCases, 1)
        return statistics.labels.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "  \(String(format: "%5.1f", Double($0.value) * 100 / Double(total)))% \($0.key)" }
            .joined(separator: "\n")
    }
}
