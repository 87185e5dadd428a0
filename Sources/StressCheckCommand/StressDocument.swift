import StressRun

/// The document `stress --json` and `merge --json` print.
struct StressDocument: Encodable {
    /// False when a property failed or the batch was interrupted before its last run.
    var passed: Bool
    /// The signal that interrupted the batch (`SIGINT`, `SIGTERM`), `null` when it ran to the end.
    var interrupted: String?
    /// The runs of the batch or shard; `summary.runs` is fewer when it was interrupted.
    var plannedRuns: Int
    var campaignSeed: String
    var codeVersion: String
    var simulationVersion: Int
    var scenarios: [String]
    var strategies: [String]
    var seeds: Int
    var shardIndex: Int
    var shardCount: Int
    /// Wall-clock seconds and workers (`null` for a merge).
    var seconds: Double?
    var parallel: Int?
    var mergedFrom: Int?
    var output: String?
    /// What a replay ran (`null` for library scenarios).
    var replay: ReplayDocument?
    var summary: Summary
    var scenarioStandings: [Standing]
    var failures: [Failure]

    struct Summary: Encodable {
        var runs, passes, safetyViolations, runsWithSafetyViolations, livenessFailures, livenessHeld, livenessNotApplicable, runErrors: Int
        var emergencyStops, executionFailures: Int
        var meanMaxDrawdown, worstMaxDrawdown: Double
        var worstItem: Int?
    }

    struct Standing: Encodable {
        var scenario: String
        var runs, failures, emergencyStops, executionFailures: Int
        var worstMaxDrawdown, meanMaxDrawdown: Double
    }

    struct Failure: Encodable {
        var property: String
        var scenario: String
        var runs: Int
        var strategies: [String]
        var first: ItemDocument
        var rerun: String
    }

    init(_ result: BatchResult, run: StressReport.Run?, output: String?, mergedFrom: Int?) {
        let header = result.header
        let plan = header.plan
        let summary = result.summary
        passed = summary.passed && result.isComplete
        interrupted = run?.interrupted
        plannedRuns = header.shardItemCount
        campaignSeed = BatchSeed.format(plan.campaignSeed)
        codeVersion = header.codeVersion
        simulationVersion = header.simulationVersion
        scenarios = plan.scenarios
        strategies = plan.strategies.map(\.name)
        seeds = plan.seeds
        shardIndex = header.shard.index
        shardCount = header.shard.count
        seconds = run?.seconds
        parallel = run?.parallel
        self.mergedFrom = mergedFrom
        self.output = output
        self.summary = Summary(
            runs: summary.runs, passes: summary.passes, safetyViolations: summary.safetyViolations,
            runsWithSafetyViolations: summary.runsWithSafetyViolations, livenessFailures: summary.livenessFailures,
            livenessHeld: summary.livenessHeld, livenessNotApplicable: summary.livenessNotApplicable, runErrors: summary.runErrors,
            emergencyStops: summary.emergencyStops, executionFailures: summary.executionFailures,
            meanMaxDrawdown: summary.meanMaxDrawdown, worstMaxDrawdown: summary.worstMaxDrawdown, worstItem: summary.worstItem?.number)
        scenarioStandings = summary.scenarios.map {
            Standing(
                scenario: $0.scenario, runs: $0.runs, failures: $0.failures, emergencyStops: $0.emergencyStops,
                executionFailures: $0.executionFailures, worstMaxDrawdown: $0.worstMaxDrawdown, meanMaxDrawdown: $0.meanMaxDrawdown)
        }
        failures = summary.failures.map {
            Failure(
                property: $0.signature.property.description, scenario: $0.signature.scenario, runs: $0.runs, strategies: $0.strategies.map(\.name),
                first: ItemDocument($0.first), rerun: StressReport.rerun($0.first.item.number, of: plan))
        }
    }

    /// Encodes every key, `null` included, so that a script finds each one.
    func encode(to encoder: any Encoder) throws {
        enum Key: String, CodingKey {
            case passed, interrupted, plannedRuns, campaignSeed, codeVersion, simulationVersion, scenarios, strategies, seeds, shardIndex, shardCount, seconds,
                parallel
            case mergedFrom, output, replay, summary, scenarioStandings, failures
        }
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(passed, forKey: .passed)
        try container.encode(interrupted, forKey: .interrupted)
        try container.encode(plannedRuns, forKey: .plannedRuns)
        try container.encode(campaignSeed, forKey: .campaignSeed)
        try container.encode(codeVersion, forKey: .codeVersion)
        try container.encode(simulationVersion, forKey: .simulationVersion)
        try container.encode(scenarios, forKey: .scenarios)
        try container.encode(strategies, forKey: .strategies)
        try container.encode(seeds, forKey: .seeds)
        try container.encode(shardIndex, forKey: .shardIndex)
        try container.encode(shardCount, forKey: .shardCount)
        try container.encode(seconds, forKey: .seconds)
        try container.encode(parallel, forKey: .parallel)
        try container.encode(mergedFrom, forKey: .mergedFrom)
        try container.encode(output, forKey: .output)
        try container.encode(replay, forKey: .replay)
        try container.encode(summary, forKey: .summary)
        try container.encode(scenarioStandings, forKey: .scenarioStandings)
        try container.encode(failures, forKey: .failures)
    }
}

/// One item in a document.
struct ItemDocument: Encodable {
    var item: Int
    var scenario: String
    var strategy: String
    var seed: String
    var passed: Bool
    var steps, trades, emergencyStops, executionFailures, violations: Int
    var pnl: Int64
    var maxDrawdown: Double
    var violatedProperties: [String]
    var liveness: String
    var livenessReasons: [String]
    var error: String?

    init(_ result: BatchItemResult) {
        item = result.item.number
        scenario = result.item.scenario
        strategy = result.item.strategy.name
        seed = BatchSeed.format(result.item.seed)
        passed = result.passed
        steps = result.steps
        trades = result.trades
        emergencyStops = result.emergencyStops
        executionFailures = result.executionFailures
        violations = result.violations
        pnl = result.pnl
        maxDrawdown = result.maxDrawdown
        violatedProperties = result.violatedProperties.map(\.rawValue)
        let verdict = Self.liveness(result.liveness)
        liveness = verdict[0]
        livenessReasons = Array(verdict.dropFirst())
        error = result.error
    }

    /// `["held"]`, `["notApplicable"]`, `["failed", reason…]`.
    static func liveness(_ verdict: BatchLiveness) -> [String] {
        switch verdict {
        case .held: ["held"]
        case .notApplicable: ["notApplicable"]
        case .failed(let reasons): ["failed"] + reasons
        }
    }
}
