import Foundation
import PropertyCheck

/// How to run a machine's check from the CLI or a fuzz target.
public struct MachineRunOptions: Sendable {
    /// Command sequences to generate.
    public var cases: Int
    /// The seed (`nil`: the check's fixed default; `STRESSCHECK_SEED` overrides).
    public var seed: UInt64?
    /// The most commands in one sequence (`nil`: the check's default, 100).
    public var maxSteps: Int?
    /// The corpus root (`corpus/` of the package); `nil` keeps none.
    public var corpusDirectory: String?
    /// Save a minimized failure into the corpus.
    public var saveFailures: Bool
    /// Called with the cases done so far, every 256 cases.
    public var progress: (@Sendable (Int) -> Void)?
    /// Asked between cases; true stops the check (an interrupted run). `nil`: never.
    public var shouldStop: (@Sendable () -> Bool)?
    /// Printed with a failure as the command that reruns it.
    public var replayHint: String?

    public init(cases: Int = 1_000, seed: UInt64? = nil, maxSteps: Int? = nil, corpusDirectory: String? = nil, saveFailures: Bool = true) {
        self.cases = cases
        self.seed = seed
        self.maxSteps = maxSteps
        self.corpusDirectory = corpusDirectory
        self.saveFailures = saveFailures
    }

    var configuration: CheckConfiguration {
        var configuration = CheckConfiguration(cases: cases, seed: seed, corpusDirectory: corpusDirectory)
        configuration.saveFailures = saveFailures
        configuration.progress = progress
        configuration.shouldStop = shouldStop
        configuration.replayHint = replayHint
        return configuration
    }
}

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
}

/// One machine the CLI, the tests and the fuzz targets know by name.
public struct MachineEntry: Sendable {
    /// The name on the command line and of the corpus directory: `position`, `sector-caps`, …
    public let name: String
    /// One line about the machine.
    public let summary: String
    /// Runs the differential check.
    public let check: @Sendable (MachineRunOptions) -> MachineRun
    /// Runs the one case some bytes decode to (a corpus file, a libFuzzer crash), shrinking it
    /// when it fails and `shrink` is set.
    public let replay: @Sendable (_ bytes: [UInt8], _ shrink: Bool) -> MachineRun
    /// The cases its check runs when none are asked for (`nil`: the caller's default). A check
    /// whose case is a whole simulated run (`stress`) runs fewer than a machine's check.
    public let defaultCases: Int?

    /// An entry for any check: its name, its summary, its default budget, and how it runs and replays.
    public init(
        name: String, summary: String, defaultCases: Int? = nil, check: @escaping @Sendable (MachineRunOptions) -> MachineRun,
        replay: @escaping @Sendable (_ bytes: [UInt8], _ shrink: Bool) -> MachineRun
    ) {
        self.name = name
        self.summary = summary
        self.defaultCases = defaultCases
        self.check = check
        self.replay = replay
    }

    /// An entry for a stateful check; `make` builds the check for a step limit.
    public init<Model, System, Command, Observation>(
        summary: String,
        _ make: @escaping @Sendable (_ maxSteps: Int?) -> StateMachineCheck<Model, System, Command, Observation>
    ) {
        name = make(nil).name
        self.summary = summary
        defaultCases = nil
        check = { options in
            let machine = make(options.maxSteps)
            let configuration = options.configuration
            let corpus = configuration.effectiveCorpusDirectory().map { Corpus(root: $0).directory(for: machine.name) }
            return MachineRun(machine.check(configuration: configuration), machine: machine.name, corpusDirectory: corpus)
        }
        replay = { bytes, shrink in
            let machine = make(nil)
            var configuration = CheckConfiguration()
            // The input is a file (a corpus file, a libFuzzer crash file): replaying it is the way back.
            if machine.name.hasPrefix("zoo ") {
                configuration.replayHint = "STRESSCHECK_ZOO=\(machine.name.dropFirst(4)) Fuzz/.build/release/fuzz-zoo <the input file>"
            } else {
                configuration.replayHint = "swift run -c release stresscheck \(shrink ? "minimize" : "replay") \(machine.name) <the input file>"
            }
            return MachineRun(machine.replay(bytes: bytes, shrink: shrink, configuration: configuration), machine: machine.name)
        }
    }
}

extension MachineRun {
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

extension StateMachineCheck {
    /// The same check with another step limit.
    public func limited(to maxSteps: Int?) -> StateMachineCheck {
        guard let maxSteps else { return self }
        var copy = self
        copy.maxSteps = maxSteps
        return copy
    }
}

/// Every machine StressCheck verifies, in the order a new user meets them.
public enum Machines {
    public static let all: [MachineEntry] = [
        MachineEntry(summary: "NORMAL / DRAIN / FORCED_UNWIND: position cap, drain orders, forced unwind") { PositionChecks.machine.limited(to: $0) },
        MachineEntry(summary: "sector exposure: soft/hard limits per sector, correlated-group limits") { SectorCapsChecks.machine.limited(to: $0) },
        MachineEntry(summary: "portfolio super-state: NORMAL … CRISIS, RECOVERY confirmations, halt/resume, persistence") {
            SuperStateChecks.machine.limited(to: $0)
        },
        MachineEntry(summary: "trading mode: OFF / DRY_RUN / LIVE_ACTIVE, confirmation, halts, restarts never resume live") {
            TradingModeChecks.machine.limited(to: $0)
        },
        MachineEntry(summary: "the risk stack: mode → super-state → positions → sector caps, one order at a time") { RiskStackChecks.machine.limited(to: $0) },
        MachineEntry(summary: "the simulated exchange: latency, partial fills, rejects, outages, exact books") { ExchangeChecks.machine.limited(to: $0) },
        MachineEntry(summary: "market making: quotes around the mid, skew, inventory limits, pulls, close and emergency stop") {
            MarketMakingChecks.machine.limited(to: $0)
        },
        MachineEntry(summary: "simple arbitrage: two venues, two legs, a failed leg unwound, completed when the legs match") {
            ArbitrageChecks.machine.limited(to: $0)
        },
        MachineEntry(summary: "cash and carry: spot long, futures short on a rich basis, the band rebalanced, closed on convergence") {
            HedgeChecks.spotFutures.limited(to: $0)
        },
        MachineEntry(summary: "calendar spread: near and far futures, opened either way, closed on reversion or before the near expiry") {
            HedgeChecks.calendarSpread.limited(to: $0)
        },
        StressChecks.entry,
    ]

    /// The entry named `name`.
    public static func named(_ name: String) -> MachineEntry? { all.first { $0.name == name } }
}
