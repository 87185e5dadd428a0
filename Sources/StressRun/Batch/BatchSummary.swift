/// The figures of a batch, computed from its items' results in item order, and only from them:
/// merging the shards of a batch recomputes exactly the summary of running it whole (never an
/// average of averages).
public struct BatchSummary: Hashable, Sendable {
    public let runs: Int
    /// Runs in which every property held.
    public let passes: Int
    /// The mean of the runs' maximum drawdowns (summed in item order); 0 without runs.
    public let meanMaxDrawdown: Double
    /// The deepest maximum drawdown, and the first item that reached it.
    public let worstMaxDrawdown: Double
    public let worstItem: BatchItem?
    public let emergencyStops: Int
    public let executionFailures: Int
    /// Safety violations over all runs, and the runs with at least one.
    public let safetyViolations: Int
    public let runsWithSafetyViolations: Int
    /// Runs whose liveness failed, held, or could not be judged.
    public let livenessFailures: Int
    public let livenessHeld: Int
    public let livenessNotApplicable: Int
    /// Runs that could not start.
    public let runErrors: Int
    /// The distinct failures, by signature, each with its lowest-numbered item; ordered by that item.
    public let failures: [BatchFailure]
    /// Every scenario's standing, the weakest first (``ScenarioStanding/weakerThan(_:)``).
    public let scenarios: [ScenarioStanding]

    /// True when every run passed.
    public var passed: Bool { passes == runs }

    /// The summary of `results` (sorted by item number here, whatever order they come in).
    public init(_ results: [BatchItemResult]) {
        let ordered = results.sorted { $0.item.number < $1.item.number }
        runs = ordered.count
        var passes = 0
        var stops = 0
        var failures = 0
        var violations = 0
        var violating = 0
        var liveFailed = 0
        var held = 0
        var skipped = 0
        var errors = 0
        var drawdownSum = 0.0
        var worst = 0.0
        var worstItem: BatchItem?
        var found: [BatchFailureSignature: Int] = [:]
        var distinct: [BatchFailure] = []
        var standings: [String: Int] = [:]
        var scenarios: [ScenarioStanding] = []
        for result in ordered {
            if result.passed { passes += 1 }
            stops += result.emergencyStops
            failures += result.executionFailures
            violations += result.violations
            if result.violations > 0 { violating += 1 }
            switch result.liveness {
            case .held: held += 1
            case .notApplicable: skipped += 1
            case .failed: liveFailed += 1
            }
            if result.error != nil { errors += 1 }
            drawdownSum += result.maxDrawdown
            if worstItem == nil || result.maxDrawdown > worst {
                worst = result.maxDrawdown
                worstItem = result.item
            }
            for signature in result.failureSignatures {
                if let position = found[signature] {
                    distinct[position].add(result)
                } else {
                    found[signature] = distinct.count
                    distinct.append(BatchFailure(signature: signature, first: result))
                }
            }
            let position: Int
            if let known = standings[result.item.scenario] {
                position = known
            } else {
                position = scenarios.count
                standings[result.item.scenario] = position
                scenarios.append(ScenarioStanding(scenario: result.item.scenario))
            }
            scenarios[position].add(result)
        }
        self.passes = passes
        emergencyStops = stops
        executionFailures = failures
        safetyViolations = violations
        runsWithSafetyViolations = violating
        livenessFailures = liveFailed
        livenessHeld = held
        livenessNotApplicable = skipped
        runErrors = errors
        meanMaxDrawdown = runs > 0 ? drawdownSum / Double(runs) : 0
        worstMaxDrawdown = worst
        self.worstItem = worstItem
        self.failures = distinct
        self.scenarios = scenarios.sorted { $0.weakerThan($1) }
    }
}

/// One distinct failure of a batch: its signature, the lowest-numbered item that shows it (the
/// fastest-failing seed: the one to replay and shrink), and how many runs showed it.
public struct BatchFailure: Hashable, Sendable {
    public let signature: BatchFailureSignature
    /// The lowest-numbered item with this failure.
    public let first: BatchItemResult
    /// Runs with this failure.
    public private(set) var runs: Int
    /// The strategies that showed it, in the order met.
    public private(set) var strategies: [BatchStrategy]

    init(signature: BatchFailureSignature, first: BatchItemResult) {
        self.signature = signature
        self.first = first
        runs = 1
        strategies = [first.item.strategy]
    }

    mutating func add(_ result: BatchItemResult) {
        runs += 1
        if !strategies.contains(result.item.strategy) { strategies.append(result.item.strategy) }
    }
}

/// A scenario's figures over its runs in a batch.
public struct ScenarioStanding: Hashable, Sendable {
    public let scenario: String
    public private(set) var runs = 0
    /// Runs that did not pass.
    public private(set) var failures = 0
    public private(set) var worstMaxDrawdown = 0.0
    /// Σ maximum drawdown (item order) / runs.
    public var meanMaxDrawdown: Double { runs > 0 ? drawdownSum / Double(runs) : 0 }
    public private(set) var emergencyStops = 0
    public private(set) var executionFailures = 0
    private var drawdownSum = 0.0

    init(scenario: String) { self.scenario = scenario }

    mutating func add(_ result: BatchItemResult) {
        runs += 1
        if !result.passed { failures += 1 }
        worstMaxDrawdown = max(worstMaxDrawdown, result.maxDrawdown)
        drawdownSum += result.maxDrawdown
        emergencyStops += result.emergencyStops
        executionFailures += result.executionFailures
    }

    /// The weakness order: more failing runs first, then the deeper worst drawdown, the deeper
    /// mean drawdown, more emergency stops, more execution failures, then by name.
    public func weakerThan(_ other: ScenarioStanding) -> Bool {
        if failures != other.failures { return failures > other.failures }
        if worstMaxDrawdown != other.worstMaxDrawdown { return worstMaxDrawdown > other.worstMaxDrawdown }
        if meanMaxDrawdown != other.meanMaxDrawdown { return meanMaxDrawdown > other.meanMaxDrawdown }
        if emergencyStops != other.emergencyStops { return emergencyStops > other.emergencyStops }
        if executionFailures != other.executionFailures { return executionFailures > other.executionFailures }
        return scenario < other.scenario
    }
}
