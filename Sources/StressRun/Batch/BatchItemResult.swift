/// What one item of a batch came to: the figures the summary is computed from, and the verdicts.
///
/// It keeps plain values only (no event log), so that a shard file holds it and a merge
/// recomputes the summary from it; the whole ``RunRecord`` of an item is one
/// ``BatchRunner/replay(_:of:)`` away, from its seed.
public struct BatchItemResult: Hashable, Sendable {
    public let item: BatchItem
    /// Steps run (bars of the scenario).
    public let steps: Int
    /// Closed round trips.
    public let trades: Int
    /// Final equity − initial cash, in minor units.
    public let pnl: Int64
    /// ``RunMetrics/maxDrawdown``.
    public let maxDrawdown: Double
    public let emergencyStops: Int
    public let executionFailures: Int
    /// Safety violations (``RunRecord/violationCount``).
    public let violations: Int
    /// The safety properties broken, each once, in the order they were first broken.
    public let violatedProperties: [SafetyProperty]
    public let liveness: BatchLiveness
    /// Why the run could not start (nothing simulated), or `nil`.
    public let error: String?

    public init(
        item: BatchItem, steps: Int, trades: Int, pnl: Int64, maxDrawdown: Double, emergencyStops: Int, executionFailures: Int,
        violations: Int, violatedProperties: [SafetyProperty], liveness: BatchLiveness, error: String?
    ) {
        self.item = item
        self.steps = steps
        self.trades = trades
        self.pnl = pnl
        self.maxDrawdown = maxDrawdown
        self.emergencyStops = emergencyStops
        self.executionFailures = executionFailures
        self.violations = violations
        self.violatedProperties = violatedProperties
        self.liveness = liveness
        self.error = error
    }

    /// The result of `record`, the run of `item`.
    public init(item: BatchItem, record: RunRecord) {
        var properties: [SafetyProperty] = []
        let steps = record.equityCurve.count
        var stops = 0
        var failures = 0
        var trades = 0
        for event in record.events {
            switch event {
            case .emergencyStop: stops += 1
            case .executionFailure: failures += 1
            case .roundTrip: trades += 1
            case .violation(let violation) where !properties.contains(violation.property): properties.append(violation.property)
            default: break
            }
        }
        let liveness: BatchLiveness =
            switch record.liveness {
            case .held: .held
            case .notApplicable: .notApplicable
            case .failed(_, _, let reasons): .failed(reasons.map(\.kindName))
            }
        self.init(
            item: item, steps: steps, trades: trades, pnl: record.pnl.value, maxDrawdown: record.metrics.maxDrawdown,
            emergencyStops: stops, executionFailures: failures, violations: record.violationCount, violatedProperties: properties,
            liveness: liveness, error: nil)
    }

    /// The result of an item whose run could not start.
    init(item: BatchItem, error: StressRunError) {
        self.init(
            item: item, steps: 0, trades: 0, pnl: 0, maxDrawdown: 0, emergencyStops: 0, executionFailures: 0, violations: 0,
            violatedProperties: [], liveness: .notApplicable, error: "\(error)")
    }

    /// True when every safety property held, liveness did not fail, and the run started.
    public var passed: Bool { violations == 0 && !liveness.isFailure && error == nil }

    /// The failures of this item, one per broken property (liveness counts as one), in order.
    public var failureSignatures: [BatchFailureSignature] {
        var signatures = violatedProperties.map { BatchFailureSignature(property: .safety($0), scenario: item.scenario) }
        if violations > 0 && violatedProperties.isEmpty {
            // The log keeps at most the configured number of violations; the count still counts.
            signatures.append(BatchFailureSignature(property: .unloggedSafety, scenario: item.scenario))
        }
        if liveness.isFailure { signatures.append(BatchFailureSignature(property: .liveness, scenario: item.scenario)) }
        if error != nil { signatures.append(BatchFailureSignature(property: .runError, scenario: item.scenario)) }
        return signatures
    }
}

/// An item's liveness verdict, reduced to what a summary counts.
public enum BatchLiveness: Hashable, Sendable {
    case held
    case notApplicable
    /// Failed, with the kinds of the reasons (``LivenessFailure/kindName``).
    case failed([String])

    public var isFailure: Bool { if case .failed = self { true } else { false } }
}

/// What makes two failures the same for deduplication: the property broken and the scenario.
public struct BatchFailureSignature: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// What failed. Its `description` is the name reports and the JSON print: the safety
    /// property's raw value, `safety`, `liveness` or `runError`.
    public enum Property: Hashable, Sendable, CustomStringConvertible {
        /// This safety property was violated.
        case safety(SafetyProperty)
        /// Safety was violated, but the run's log kept none of the violations (it keeps at
        /// most the configured number), so which property is not known.
        case unloggedSafety
        /// The liveness goal failed.
        case liveness
        /// The run could not start.
        case runError

        public var description: String {
            switch self {
            case .safety(let property): property.rawValue
            case .unloggedSafety: "safety"
            case .liveness: "liveness"
            case .runError: "runError"
            }
        }
    }

    public let property: Property
    public let scenario: String

    public init(property: Property, scenario: String) {
        self.property = property
        self.scenario = scenario
    }

    /// By the property's name, then the scenario (the order summaries list failures in).
    public static func < (a: BatchFailureSignature, b: BatchFailureSignature) -> Bool {
        (a.property.description, a.scenario) < (b.property.description, b.scenario)
    }

    public var description: String { "\(property) in \(scenario)" }
}
