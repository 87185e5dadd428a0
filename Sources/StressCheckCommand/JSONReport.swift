import Foundation
import PropertyCheck
import TradingChecks

/// One machine's result in plain values: a row of the summary table and an entry of the JSON
/// document.
public struct MachineReport: Codable, Equatable, Sendable {
    /// The machine's name.
    public var name: String
    /// True when every case passed and every requirement was met.
    public var passed: Bool
    /// Why the check stopped, as a sentence.
    public var exitReason: String
    /// The seed, as `0x` and 16 hexadecimal digits.
    public var seed: String
    /// Valid cases (command sequences) run.
    public var cases: Int
    /// Commands run against the production machine.
    public var steps: Int
    /// Wall-clock seconds of the whole check.
    public var seconds: Double
    /// Commands per second over the whole check.
    public var stepsPerSecond: Double
    /// Cases per coverage label.
    public var labels: [String: Int]
    /// The minimal failing command sequence, one command per line, or `nil`.
    public var counterexample: String?
    /// The corpus file the failure was saved to, or `nil`.
    public var savedPath: String?
    /// The Swift test that replays the failure, or `nil`.
    public var regressionTest: String?
    /// Why it failed, as a value (`nil` when it passed).
    public var failureKind: FailureKind?
    /// What the check did with the machine's corpus (`nil` for `replay` and `minimize`, which
    /// read no corpus).
    public var corpus: CorpusReport?
    /// What did not fail the check but should be said.
    public var warnings: [WarningReport]

    /// A report with every field given.
    public init(
        name: String, passed: Bool, exitReason: String, seed: String, cases: Int, steps: Int, seconds: Double,
        stepsPerSecond: Double, labels: [String: Int], counterexample: String? = nil, savedPath: String? = nil,
        regressionTest: String? = nil, failureKind: FailureKind? = nil, corpus: CorpusReport? = nil,
        warnings: [WarningReport] = []
    ) {
        self.name = name
        self.passed = passed
        self.exitReason = exitReason
        self.seed = seed
        self.cases = cases
        self.steps = steps
        self.seconds = seconds
        self.stepsPerSecond = stepsPerSecond
        self.labels = labels
        self.counterexample = counterexample
        self.savedPath = savedPath
        self.regressionTest = regressionTest
        self.failureKind = failureKind
        self.corpus = corpus
        self.warnings = warnings
    }

    /// The report of `run`.
    ///
    /// - Parameters:
    ///   - run: What the check found.
    ///   - measuredSeconds: The wall-clock time measured around the run, used when the run
    ///     itself reports no time (the engine's `CheckStatistics.seconds` can be 0).
    public init(_ run: MachineRun, measuredSeconds: Double? = nil) {
        let seconds = run.seconds > 0 ? run.seconds : measuredSeconds ?? 0
        self.init(
            name: run.machine, passed: run.passed, exitReason: run.exitReason.description, seed: CheckConfiguration.format(seed: run.seed),
            cases: run.cases, steps: run.steps, seconds: seconds, stepsPerSecond: seconds > 0 ? Double(run.steps) / seconds : 0,
            labels: run.labels, counterexample: run.counterexample, savedPath: run.savedPath, regressionTest: run.regressionTest,
            failureKind: FailureKind(run.exitReason),
            corpus: run.corpusDirectory.map { directory in
                CorpusReport(
                    directory: directory, replayed: run.corpusReplayed,
                    skipped: run.warnings.filter(\.skipsCorpusFile).map { .init(path: $0.path ?? directory, reason: $0.kind) })
            },
            warnings: run.warnings.map { WarningReport($0, machine: run.machine) })
    }

    private enum CodingKeys: String, CodingKey {
        case name, passed, exitReason, seed, cases, steps, seconds, stepsPerSecond, labels, counterexample, savedPath, regressionTest
        case failureKind, corpus, warnings
    }

    /// Encodes every key, writing `null` for a missing counterexample, path or test (so that
    /// CI scripts see the same keys whatever the verdict).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(passed, forKey: .passed)
        try container.encode(exitReason, forKey: .exitReason)
        try container.encode(seed, forKey: .seed)
        try container.encode(cases, forKey: .cases)
        try container.encode(steps, forKey: .steps)
        try container.encode(seconds.isFinite ? seconds : 0, forKey: .seconds)
        try container.encode(stepsPerSecond.isFinite ? stepsPerSecond : 0, forKey: .stepsPerSecond)
        try container.encode(labels, forKey: .labels)
        try container.encode(counterexample, forKey: .counterexample)
        try container.encode(savedPath, forKey: .savedPath)
        try container.encode(regressionTest, forKey: .regressionTest)
        try container.encode(failureKind, forKey: .failureKind)
        try container.encode(corpus, forKey: .corpus)
        try container.encode(warnings, forKey: .warnings)
    }
}

/// The document `--json` prints: every machine's report, every warning and the overall verdict.
public struct JSONReport: Codable, Equatable, Sendable {
    /// True when every machine passed.
    public var passed: Bool
    /// One entry per machine, in the order they ran.
    public var machines: [MachineReport]
    /// Every machine's warnings, in the order the machines ran (each names its machine), so
    /// that a CI script finds them in one place.
    public var warnings: [WarningReport]
    /// The signal that interrupted the run (`SIGINT`, `SIGTERM`), or `nil` when it ran to the end.
    public var interrupted: String?
    /// The machines an interrupted run did not reach.
    public var notRun: [String]

    /// The document for `machines`; it passes when all of them pass and nothing was interrupted.
    public init(machines: [MachineReport], interrupted: String? = nil, notRun: [String] = []) {
        self.machines = machines
        passed = machines.allSatisfy(\.passed) && interrupted == nil
        warnings = machines.flatMap(\.warnings)
        self.interrupted = interrupted
        self.notRun = notRun
    }

    private enum CodingKeys: String, CodingKey { case passed, machines, warnings, interrupted, notRun }

    /// Encodes every key, writing `null` when the run was not interrupted.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(passed, forKey: .passed)
        try container.encode(machines, forKey: .machines)
        try container.encode(warnings, forKey: .warnings)
        try container.encode(interrupted, forKey: .interrupted)
        try container.encode(notRun, forKey: .notRun)
    }

    /// The document as pretty-printed JSON with sorted keys, ending with a newline.
    public func encoded() -> String { JSONText.encode(self) }
}
