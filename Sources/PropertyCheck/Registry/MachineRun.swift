/// What one run of a machine's check found, in plain values for printing and JSON.
public struct MachineRun: Sendable {
    public let machine: String
    public let passed: Bool
    /// Why the engine stopped (its `description` is the report's sentence).
    public let exitReason: ExitReason
    /// How it failed (the shrinker kept it): the invariant, or the divergence and the command
    /// kind, … without the case's values. `nil` when nothing failed, or when the check failed
    /// without a counterexample (a health check, coverage, flakiness: see `exitReason`).
    public let signature: FailureSignature?
    /// True when the generator discarded too many cases (for a replay: the input decoded to a
    /// case the generator rejects, so nothing ran).
    public var rejected: Bool {
        if case .tooManyRejections = exitReason { return true }
        return false
    }
    public let seed: UInt64
    /// Valid cases (command sequences) run.
    public let cases: Int
    /// Commands run against the system.
    public let steps: Int
    public let seconds: Double
    /// Cases per label (command kinds, states reached).
    public let labels: [String: Int]
    /// What did not fail the check but should be said: corpus files skipped, unread bytes, …
    public let warnings: [CheckWarning]
    /// This machine's corpus directory (`<root>/<machine>`), or `nil` when no corpus was used.
    public let corpusDirectory: String?
    /// Corpus files replayed before generating.
    public let corpusReplayed: Int
    /// Corpus files skipped (unreadable or no longer decoding); the warnings say which and why.
    public let corpusSkipped: Int
    /// The full report (with the regression test when it failed), rendered when asked for.
    public var report: String { renderReport(.configured) }
    /// The full report with its `Replay:` line as `replay` says (the CLI's `replay` and
    /// `minimize` name the file instead of the engine's hint).
    public func report(replay: ReplayLine) -> String { renderReport(replay) }
    let renderReport: @Sendable (ReplayLine) -> String
    /// The minimal failing input's bytes, when it failed.
    public let counterexampleBytes: [UInt8]?
    /// The minimal failing command sequence as the report prints it, one numbered command per line.
    public let counterexample: String?
    /// The minimal failing case's lines, without numbers: each command's description for a
    /// machine's check, each aspect of the case for the stress check. Made from the values, not
    /// from the report's text.
    public let counterexampleLines: [String]?
    public let savedPath: String?
    public let regressionTest: String?

    /// Commands per second over the whole run.
    public var stepsPerSecond: Double { seconds > 0 ? Double(steps) / seconds : 0 }

    /// A run of a check that is not a plain stateful one (the stress check), from its values;
    /// `renderReport` renders the report with its `Replay:` line as asked.
    public init(
        machine: String, passed: Bool, exitReason: ExitReason, signature: FailureSignature?, seed: UInt64, cases: Int, steps: Int,
        seconds: Double, labels: [String: Int], warnings: [CheckWarning], corpusDirectory: String?, corpusReplayed: Int, corpusSkipped: Int,
        counterexampleBytes: [UInt8]?, counterexample: String?, counterexampleLines: [String]?, savedPath: String?, regressionTest: String?,
        renderReport: @escaping @Sendable (ReplayLine) -> String
    ) {
        self.machine = machine
        self.passed = passed
        self.exitReason = exitReason
        self.signature = signature
        self.seed = seed
        self.cases = cases
        self.steps = steps
        self.seconds = seconds
        self.labels = labels
        self.warnings = warnings
        self.corpusDirectory = corpusDirectory
        self.corpusReplayed = corpusReplayed
        self.corpusSkipped = corpusSkipped
        self.counterexampleBytes = counterexampleBytes
        self.counterexample = counterexample
        self.counterexampleLines = counterexampleLines
        self.savedPath = savedPath
        self.regressionTest = regressionTest
        self.renderReport = renderReport
    }
}

extension MachineRun {
    @usableFromInline
    init<Command, Observation>(_ result: StatefulResult<Command, Observation>, machine: String, corpusDirectory: String? = nil) {
        self.machine = machine
        passed = result.passed
        exitReason = result.check.exitReason
        signature = result.check.counterexample?.signature
        seed = result.check.seed
        cases = result.check.statistics.validCases
        steps = result.statistics.steps
        seconds = result.check.statistics.seconds
        labels = result.check.statistics.labels
        warnings = result.check.warnings
        self.corpusDirectory = corpusDirectory
        corpusReplayed = result.check.statistics.corpusFiles
        corpusSkipped = result.check.statistics.corpusSkipped
        renderReport = { result.report(replay: $0) }
        counterexampleBytes = result.check.counterexample?.bytes
        counterexample = result.check.counterexample.map { String(describing: $0.value) }
        counterexampleLines = result.check.counterexample?.value.commandLines
        savedPath = result.check.counterexample?.savedPath
        regressionTest = result.regressionTest
    }
}
