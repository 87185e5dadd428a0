import Foundation
import MarketSim
import PropertyCheck
@_spi(BugZoo) import StressRun

/// The `stress` check: the safety and liveness properties of `docs/stress.md` over the
/// scenario library (every entry with every built-in strategy, from the entry's seed), then
/// over generated scenarios (``StressGen``), each a whole run of strategy → risk stack →
/// simulated exchange. A failure shrinks to the calmest market and the fewest faults that
/// still break the stack, is saved to `corpus/stress/` and replays with
/// `stresscheck replay stress <file>`.
public enum StressChecks {
    /// The check's name, on the command line and of its corpus directory.
    public static let name = "stress"
    /// Generated cases when none are asked for: the main job stays fast (about 1–2 s in release
    /// with the library) and every zoo variant is still caught (see `docs/stress.md`).
    public static let defaultCases = 300
    /// The most bytes one case may draw: a library run draws up to about 100 KB.
    public static let maxBytes = 512 * 1024
    /// Property calls the shrinker may make in a check; each call is a whole run.
    public static let shrinkCalls = 3_000
    /// Property calls the shrinker may make when asked to minimize one input (`replay` with
    /// shrinking: `stresscheck minimize`, a fuzz target's crash). Such an input may be a
    /// fuzzer's, far larger than a generated failure: with the check's 3 000 calls the crashes of
    /// `stress/halt-not-propagated` stopped at 13 to 69 bars, one per seed, "not minimal".
    public static let minimizeShrinkCalls = 30_000

    /// The production check.
    public static let entry = entry(name: name, executor: ScenarioExecutor(), library: true)

    /// The check of a deliberately broken executor (the bug zoo), on generated scenarios only.
    @_spi(BugZoo) public static func entry(name: String, mutation: ExecutorMutation, library: Bool = false) -> MachineEntry {
        var executor = ScenarioExecutor()
        executor.mutation = mutation
        return entry(name: name, executor: executor, library: library)
    }

    static func entry(name: String, executor: ScenarioExecutor, library: Bool) -> MachineEntry {
        MachineEntry(
            name: name, summary: "stress runs: safety and liveness of strategy → risk stack → exchange over the library and generated crashes",
            defaultCases: defaultCases,
            check: { options in run(name: name, executor: executor, library: library, options: options) },
            replay: { bytes, shrink in
                var configuration = settings(CheckConfiguration())
                configuration.shrinkCalls = minimizeShrinkCalls
                configuration.replayHint = "swift run -c release stresscheck \(shrink ? "minimize" : "replay") \(name) <the input file>"
                let counter = StepCounter()
                let result = PropertyCheck.replay(
                    name, StressGen.cases(executor: executor), bytes: bytes, shrink: shrink,
                    configuration: configuration, property(counting: counter))
                return MachineRun(result, machine: name, steps: counter.steps)
            })
    }

    /// The engine's settings for stress cases: room for a library run's bytes, a shrink budget
    /// in whole runs, no edge cases, and no per-case deadline on the (cheap) property.
    static func settings(_ base: CheckConfiguration) -> CheckConfiguration {
        var configuration = base
        configuration.maxBytes = maxBytes
        configuration.shrinkCalls = min(configuration.shrinkCalls, shrinkCalls)
        configuration.generationTimeLimit = .seconds(30)
        configuration.failureSamples = configuration.failureSamples ?? 3
        // No edge cases unless asked: each would be a whole run, and shrinking whole runs from
        // their extremes reached other local minima than the zoo's known ones (zoo-check:
        // stress/stale-conditions on seed 1 ended as a flash crash, not its pump and dump).
        configuration.edgeCases = configuration.edgeCases ?? 0
        return configuration
    }

    /// Counts the bars the property sees run.
    final class StepCounter: @unchecked Sendable {
        var steps = 0
    }

    static func property(counting counter: StepCounter) -> (StressCase, PropertyContext) throws -> Bool {
        { c, context in
            counter.steps += c.record?.equityCurve.count ?? 0
            context.label(c.scenario.kind.name)
            context.label(c.strategy.description)
            if let record = c.record {
                switch record.liveness {
                case .held: context.label("liveness held")
                case .notApplicable: context.label("liveness not judged")
                case .failed: context.label("liveness failed")
                }
            }
            try verdict(c)
            return true
        }
    }

    /// Phase 1, the library (each entry × strategy from its seed); phase 2, the engine's check
    /// (the corpus, then generated cases). A library failure is shrunk from the bytes that
    /// replay its run, and saved like any failure.
    static func run(name: String, executor: ScenarioExecutor, library: Bool, options: MachineRunOptions) -> MachineRun {
        let configuration = settings(options.configuration)
        let counter = StepCounter()
        let started = ContinuousClock.now
        var libraryRuns = 0
        if library {
            for index in ScenarioLibrary.all.indices {
                for strategy in StressStrategy.allCases {
                    if let stop = configuration.shouldStop, stop() { break }
                    let (outcome, bytes) = StressGen.library(index, strategy: strategy, executor: executor)
                    let entry = ScenarioLibrary.all[index]
                    let c = StressCase(
                        origin: .library(name: entry.name, seed: entry.seed), scenario: entry.scenario, strategy: strategy,
                        outcome: outcome, executorBytes: [], executorBounds: executor.configuration.faultBounds)
                    libraryRuns += 1
                    counter.steps += c.record?.equityCurve.count ?? 0
                    guard (try? verdict(c)) == nil else { continue }
                    var shrinking = configuration
                    shrinking.usesCorpus = false
                    let result = PropertyCheck.replay(
                        name, StressGen.cases(executor: executor), bytes: bytes, shrink: true,
                        configuration: shrinking, property(counting: counter))
                    var saved: String?
                    var warnings: [CheckWarning] = []
                    if configuration.saveFailures, let root = configuration.effectiveCorpusDirectory(), let minimal = result.counterexample?.bytes {
                        saved = Corpus(root: root).save(minimal, for: name, warnings: &warnings)
                    }
                    let corpus = configuration.effectiveCorpusDirectory().map { Corpus(root: $0).directory(for: name) }
                    return MachineRun(
                        result, machine: name, steps: counter.steps, extraCases: libraryRuns - 1,
                        seconds: (ContinuousClock.now - started).seconds, corpusDirectory: corpus, savedPath: saved, warnings: warnings,
                        foundIn: "library \(entry.name) with \(strategy) (seed \(CheckConfiguration.format(seed: entry.seed)))")
                }
            }
        }
        let result = PropertyCheck.check(name, StressGen.cases(executor: executor), configuration: configuration, property(counting: counter))
        let corpus = configuration.effectiveCorpusDirectory().map { Corpus(root: $0).directory(for: name) }
        return MachineRun(
            result, machine: name, steps: counter.steps, extraCases: libraryRuns, seconds: (ContinuousClock.now - started).seconds,
            corpusDirectory: corpus, savedPath: result.counterexample?.savedPath)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

extension MachineRun {
    /// A stress check's run: the engine's result, plus the library runs before it.
    init(
        _ result: CheckResult<StressCase>, machine: String, steps: Int, extraCases: Int = 0, seconds: Double? = nil,
        corpusDirectory: String? = nil, savedPath: String? = nil, warnings: [CheckWarning] = [], foundIn: String? = nil
    ) {
        let bytes = result.counterexample?.bytes
        // A regression test to paste, for inputs short enough to read (else: replay the saved file).
        let test = bytes.flatMap { bytes in
            bytes.count > 256
                ? nil
                : """
                @Test func stressRegression() {
                    let bytes: [UInt8] = [\(bytes.map { String(format: "0x%02x", $0) }.joined(separator: ", "))]
                    #expect(Machines.named("\(machine)")?.replay(bytes, false).passed == true)
                }
                """
        }
        self.init(
            machine: machine, passed: result.passed, exitReason: result.exitReason, signature: result.counterexample?.signature,
            seed: result.seed, cases: result.statistics.validCases + extraCases, steps: steps, seconds: seconds ?? result.statistics.seconds,
            labels: result.statistics.labels, warnings: result.warnings + warnings, corpusDirectory: corpusDirectory,
            corpusReplayed: result.statistics.corpusFiles, corpusSkipped: result.statistics.corpusSkipped, counterexampleBytes: bytes,
            counterexample: result.counterexample.map { $0.value.description }, counterexampleLines: result.counterexample?.value.lines,
            savedPath: savedPath, regressionTest: test
        ) { replay in
            var text = result.report(replay: replay)
            if let foundIn { text += "\nFound in the scenario library: \(foundIn)." }
            if let savedPath, result.counterexample?.savedPath == nil { text += "\nSaved: \(savedPath)" }
            if let test { text += "\n\nRegression test:\n" + test }
            return text
        }
    }
}
