import MarketSim
import StressRun
import TradingChecks

/// `stress --html`: the batch's HTML report (`HTMLReport`). It shows every distinct failure's
/// fastest-failing run, then the weakest runs by maximum drawdown, at most `shownRuns` in all,
/// each replayed from its seed for its full record; and, when a property failed, the first
/// failure shrunk by the `stress` check to the calmest market that still breaks it.
enum StressHTML {
    static let shownRuns = 6

    /// The report of `result`; `warn` is told of every run the report leaves out (its replay
    /// threw), so that a page with fewer runs than chosen never says nothing.
    static func render(_ result: BatchResult, plan: BatchPlan, warn: (String) -> Void) -> String {
        var chosen: [BatchItem] = result.summary.failures.map(\.first.item)
        for item in result.items.sorted(by: { $0.maxDrawdown > $1.maxDrawdown || ($0.maxDrawdown == $1.maxDrawdown && $0.item.number < $1.item.number) })
        where chosen.count < shownRuns && !chosen.contains(item.item) {
            chosen.append(item.item)
        }
        var scenarios: [HTMLReport.Scenario] = []
        for item in chosen.prefix(shownRuns) {
            let record: RunRecord
            do { record = try BatchRunner.replay(item.number, of: plan) } catch {
                warn("warning: the HTML report leaves out run \(item.number) (\(item.scenario)): it could not be replayed: \(error)\n")
                continue
            }
            let seed = plan.replay?.calmVenue == true ? nil : item.seed
            scenarios.append(HTMLReport.Scenario(name: "\(item.scenario) (item \(item.number))", seed: seed, record: record))
        }
        let summary = result.summary
        let title = "stresscheck stress — \(summary.runs) runs, \(summary.passes) passed"
        return HTMLReport(title: title, scenarios: scenarios, failure: result.summary.failures.first.map { shrunk($0, plan: plan) }).render()
    }

    /// The failure's run shrunk by the `stress` check: its recorded choices replayed and minimized.
    static func shrunk(_ failure: BatchFailure, plan: BatchPlan) -> String {
        let item = failure.first.item
        if plan.replay != nil {
            return "\(failure.signature) — first in item \(item.number): \(item.scenario), \(item.strategy.name), \(StressReport.seed(item, plan))\n"
                + "rerun alone: \(StressReport.rerun(item.number, of: plan))\n\n(a historic replay: its market is the data, not shrunk)"
        }
        let header =
            "\(failure.signature) — first in item \(item.number): \(item.scenario), \(item.strategy.name), seed \(item.seed)\n"
            + "rerun alone: stresscheck stress \(item.scenario) --strategy \(item.strategy.name) --item \(item.number)\n\n"
        guard let index = ScenarioLibrary.all.firstIndex(where: { $0.name == item.scenario }),
            let strategy = StressStrategy.allCases.first(where: { $0.description == item.strategy.name })
        else {
            return header + "(not a library scenario: not shrunk)"
        }
        let bytes = StressGen.library(index, strategy: strategy, seed: item.seed).bytes
        let run = StressChecks.entry.replay(bytes, true)
        return header + (run.counterexample.map { "shrunk to:\n" + $0 } ?? "the stress check did not reproduce it: \(run.exitReason)")
    }
}
