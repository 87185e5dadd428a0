import Foundation
import MarketSim
import StressRun

/// The text and `--json` renderings of a ``BatchResult``.
enum StressReport {
    /// How the batch ran (absent for a merge: its shards ran elsewhere).
    struct Run {
        var seconds: Double
        var parallel: Int
        /// Where the shard came from (`--shard-index, --shard-count`, `JOB_COMPLETION_INDEX, …`).
        var shardSource: String
        /// The signal that stopped the batch before its last run (`SIGINT`, `SIGTERM`).
        var interrupted: String? = nil
    }

    /// The most failures printed in the text (`--json` has them all).
    static let maxFailuresPrinted = 20

    static func write(_ result: BatchResult, run: Run?, console: Console, json: Bool, output: String?, mergedFrom: Int? = nil) {
        if json {
            console.output.write(JSONText.encode(StressDocument(result, run: run, output: output, mergedFrom: mergedFrom)))
            return
        }
        console.output.write(text(result, run: run, output: output, mergedFrom: mergedFrom))
    }

    /// The summary: what ran, the overall figures, the scenarios from the weakest, the failures.
    static func text(_ result: BatchResult, run: Run?, output: String?, mergedFrom: Int? = nil) -> String {
        let header = result.header
        let plan = header.plan
        let summary = result.summary
        var lines: [String] = []
        let shape =
            "\(plan.replay == nil ? Format.count(plan.scenarios.count, "scenario") : "1 replay") × "
            + "\(plan.strategies.count == 1 ? "1 strategy" : "\(plan.strategies.count) strategies") × \(Format.count(plan.seeds, "seed"))"
        let mark = !result.isComplete ? "■" : summary.passed ? "✓" : "✗"
        let runs =
            result.isComplete
            ? Format.count(summary.runs, "run") : "\(Format.grouped(summary.runs)) of \(Format.count(header.shardItemCount, "run")), interrupted"
        var first =
            "\(mark) stress: \(runs) (\(shape)); "
            + (plan.replay?.calmVenue == true ? "calm venue" : "campaign seed \(BatchSeed.format(plan.campaignSeed))")
        if header.shard.count > 1 { first += "; shard \(header.shard.index) of \(header.shard.count)" }
        if let mergedFrom { first += "; merged from \(Format.count(mergedFrom, "shard file"))" }
        if let run { first += "; \(Format.count(run.parallel, "worker")), \(Format.seconds(run.seconds))" }
        lines.append(first)
        // The fallback version already names the simulation's.
        lines.append("code \(header.codeVersion)" + (header.codeVersion == CodeVersion.fallback ? "" : ", simulation v\(header.simulationVersion)"))
        lines.append("")
        lines.append(
            "passed \(Format.grouped(summary.passes)) of \(Format.grouped(summary.runs)); safety violations \(Format.grouped(summary.safetyViolations)) "
                + "(\(Format.count(summary.runsWithSafetyViolations, "run"))); liveness \(Format.grouped(summary.livenessHeld)) held, "
                + "\(Format.grouped(summary.livenessNotApplicable)) not judged, \(Format.grouped(summary.livenessFailures)) failed"
                + (summary.runErrors > 0 ? "; \(Format.count(summary.runErrors, "run")) could not start" : ""))
        var drawdown = "max drawdown: mean \(percent(summary.meanMaxDrawdown)), worst \(percent(summary.worstMaxDrawdown))"
        if let worst = summary.worstItem { drawdown += " (item \(worst.number): \(worst.scenario) / \(worst.strategy.name), \(seed(worst, plan)))" }
        lines.append(drawdown)
        lines.append("emergency stops \(Format.grouped(summary.emergencyStops)); execution failures \(Format.grouped(summary.executionFailures))")
        lines.append("")
        lines.append("SCENARIOS, WEAKEST FIRST:")
        var table = TextTable(columns: [
            .init(header: "scenario", alignment: .left), .init(header: "runs", alignment: .right), .init(header: "failed", alignment: .right),
            .init(header: "worst drawdown", alignment: .right), .init(header: "mean drawdown", alignment: .right),
            .init(header: "emergency stops", alignment: .right), .init(header: "execution failures", alignment: .right),
        ])
        for standing in summary.scenarios {
            table.rows.append([
                [standing.scenario], [Format.grouped(standing.runs)], [Format.grouped(standing.failures)],
                [percent(standing.worstMaxDrawdown)], [percent(standing.meanMaxDrawdown)],
                [Format.grouped(standing.emergencyStops)], [Format.grouped(standing.executionFailures)],
            ])
        }
        lines.append(table.render())
        if !summary.failures.isEmpty {
            lines.append("")
            lines.append("FAILURES (one per property and scenario; the lowest item, the fastest-failing seed, kept):")
            for failure in summary.failures.prefix(maxFailuresPrinted) {
                let item = failure.first.item
                var detail = ""
                if case .failed(let reasons) = failure.first.liveness, failure.signature.property == .liveness {
                    detail = " (\(reasons.joined(separator: ", ")))"
                }
                if let error = failure.first.error, failure.signature.property == .runError { detail = " (\(error))" }
                lines.append(
                    "✗ \(failure.signature.property)\(detail) in \(failure.signature.scenario): \(Format.count(failure.runs, "run")) "
                        + "(\(failure.strategies.map(\.name).joined(separator: ", "))); first: item \(item.number), \(item.strategy.name), "
                        + seed(item, plan))
                lines.append("    rerun it alone: " + rerun(item.number, of: plan))
            }
            if summary.failures.count > maxFailuresPrinted {
                lines.append("… and \(Format.count(summary.failures.count - maxFailuresPrinted, "more failure")) (--json lists them all)")
            }
        }
        if let output {
            lines.append("")
            lines.append("Wrote \(output) (\(Format.count(result.items.count, "item"))).")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `seed 0x…`, or `calm venue` for an item of a calm replay (its seed is not used).
    static func seed(_ item: BatchItem, _ plan: BatchPlan) -> String {
        plan.replay?.calmVenue == true ? "calm venue" : "seed \(BatchSeed.format(item.seed))"
    }

    /// The command that runs item `number` of `plan` alone.
    static func rerun(_ number: Int, of plan: BatchPlan) -> String {
        var words = [ReplayHint.program, "stress"]
        if let replay = plan.replay {
            words += replay.arguments
            if plan.strategies != BatchStrategy.allCases { words += ["--strategy", plan.strategies.map(\.name).joined(separator: ",")] }
            if !replay.calmVenue { words += ["--seeds", String(plan.seeds), "--seed", BatchSeed.format(plan.campaignSeed)] }
            return (words + ["--item", String(number)]).joined(separator: " ")
        }
        if plan.scenarios != ScenarioLibrary.all.map(\.name) { words += plan.scenarios }
        if plan.strategies != BatchStrategy.allCases { words += ["--strategy", plan.strategies.map(\.name).joined(separator: ",")] }
        if plan.seeds != Stress.defaultSeeds { words += ["--seeds", String(plan.seeds)] }
        if plan.campaignSeed != Stress.defaultCampaignSeed { words += ["--seed", BatchSeed.format(plan.campaignSeed)] }
        return (words + ["--item", String(number)]).joined(separator: " ")
    }

    /// `--item N`: the item's figures.
    static func writeItem(_ result: BatchItemResult, header: ShardHeader, console: Console, json: Bool) {
        if json {
            console.output.write(JSONText.encode(ItemDocument(result)))
            return
        }
        let item = result.item
        let seed =
            header.plan.replay?.calmVenue == true
            ? "calm venue"
            : "seed \(BatchSeed.format(item.seed)) (campaign seed \(BatchSeed.format(header.plan.campaignSeed)))"
        var lines = ["\(result.passed ? "✓" : "✗") item \(item.number): \(item.scenario) / \(item.strategy.name), \(seed)"]
        lines.append(
            "steps \(Format.grouped(result.steps)); trades \(Format.grouped(result.trades)); PnL \(Format.grouped(Int(result.pnl))) minor units; "
                + "max drawdown \(percent(result.maxDrawdown))")
        lines.append("emergency stops \(Format.grouped(result.emergencyStops)); execution failures \(Format.grouped(result.executionFailures))")
        lines.append(
            "safety violations \(Format.grouped(result.violations))"
                + (result.violatedProperties.isEmpty ? "" : " (\(result.violatedProperties.map(\.rawValue).joined(separator: ", ")))"))
        lines.append("liveness " + ItemDocument.liveness(result.liveness).joined(separator: ": "))
        if let error = result.error { lines.append("could not start: \(error)") }
        console.output.write(lines.joined(separator: "\n") + "\n")
    }

    /// `0.1234` as `12.34%`.
    static func percent(_ share: Double) -> String { String(format: "%.2f%%", share.isFinite ? share * 100 : 0) }
}
