import PropertyCheck
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import TradingChecks

/// Carries out a parsed ``Command`` against the machines and writes what it finds.
struct Run {
    /// Where the output goes.
    let console: Console
    /// The machines known by name.
    let machines: [MachineEntry]
    /// The cases a check runs without `--cases`.
    let defaultCases: Int
    /// Whether a signal asked the run to stop.
    var interruption: Interruption = .never
    /// The environment: `stress` reads its shard and the code version from it.
    var environment: [String: String] = [:]
    /// The program: its name in the usage and the commands printed to rerun a failure.
    var program = Usage.Program.stresscheck

    /// Runs `command`.
    /// - Returns: The exit status: 0 when it passes, 1 when a check fails.
    /// - Throws: ``UsageError`` when an input file cannot be read.
    func callAsFunction(_ command: Command) throws(UsageError) -> Int32 {
        switch command {
        case .help:
            console.output.write(Usage.text(machines: machines.map(\.name), defaultCases: defaultCases, program: program))
            return ExitStatus.passed
        case .list:
            list()
            return ExitStatus.passed
        case .checkAll(let options):
            return check(machines, options: options, single: false)
        case .check(let name, let options):
            return check(machines.filter { $0.name == name }, options: options, single: true)
        case .replay(let name, let file, let options):
            return try replay(entry(name), file: file, options: options)
        case .minimize(let name, let file, let options):
            return try minimize(entry(name), file: file, options: options)
        case .validate(let files, let options):
            return ValidateRun(console: console)(files: files, json: options.json)
        case .scenarios(let options):
            Simulate.list(console: console, json: options.json)
            return ExitStatus.passed
        case .simulate(let scenario, let options):
            return try Simulate.run(
                Simulate.Request(
                    scenario: scenario, seed: options.seed, symbols: options.symbols, csv: options.csv,
                    json: options.json), console: console)
        case .stress(let scenarios, let options):
            return try Stress.run(
                Stress.Request(scenarios: scenarios, options: options), console: console, environment: environment,
                interruption: interruption)
        case .merge(let files, let options):
            return try Stress.merge(files: files, options: options, console: console)
        case .certify(let options):
            return try Certify.run(
                Certify.Request(
                    runs: options.runs, full: options.full, json: options.json, html: options.html,
                    prometheus: options.prometheus, serveMetrics: options.serveMetrics, latencyTable: options.latencyTable),
                console: console, environment: environment, interruption: interruption)
        case .doctor(let options):
            return Doctor.run(json: options.json, console: console, environment: environment)
        }
    }

    /// The machine named `name` (the parser has checked that it exists).
    private func entry(_ name: String) throws(UsageError) -> MachineEntry {
        guard let entry = machines.first(where: { $0.name == name }) else {
            throw UsageError("unknown machine '\(name)' (known machines: \(machines.map(\.name).joined(separator: ", ")))")
        }
        return entry
    }

    /// `list`: each machine's name and summary.
    private func list() {
        let width = machines.map(\.name.count).max() ?? 0
        for machine in machines {
            console.print(machine.name + String(repeating: " ", count: width - machine.name.count) + "  " + machine.summary)
        }
    }

    /// Checks `entries` one after another, with progress, then prints the summary table and
    /// each failure's report (every report when `single`), or the JSON document.
    private func check(_ entries: [MachineEntry], options: Options, single: Bool) -> Int32 {
        let progress = ProgressDisplay(console: console)
        var runs: [MachineRun] = []
        var reports: [MachineReport] = []
        let interruption = interruption
        for entry in entries {
            // A signal between two machines: the next one does not start.
            if interruption.signal() != nil { break }
            // A check whose case is a whole simulated run (stress) has a smaller budget of its own.
            let entryDefault = entry.defaultCases.map { min($0, defaultCases) } ?? defaultCases
            // `--time` alone: time decides; with `--cases`, whichever is spent first.
            let cases = options.cases ?? (options.time == nil ? entryDefault : CheckConfiguration.unboundedCases)
            var runOptions = MachineRunOptions(
                cases: cases, seed: options.seed, maxSteps: options.steps,
                corpusDirectory: options.corpus, saveFailures: options.save)
            runOptions.timeLimit = options.time
            runOptions.shouldStop = { interruption.signal() != nil }
            let seed = CheckConfiguration(cases: cases, seed: options.seed).effectiveSeed(for: entry.name)
            runOptions.replayHint = ReplayHint.check(entry.name, seed: seed, options: options, defaultCases: entryDefault, program: program.invocation)
            if !options.json {
                let budget = ProgressDisplay.Budget(cases: options.cases ?? (options.time == nil ? cases : nil), time: options.time)
                progress.start(entry.name, budget: budget)
                runOptions.progress = progress.callback(entry.name, budget: budget)
            }
            let started = ContinuousClock.now
            let run = entry.check(runOptions)
            let report = MachineReport(run, measuredSeconds: (ContinuousClock.now - started).seconds)
            if !options.json { progress.finish(report) }
            runs.append(run)
            reports.append(report)
        }
        let notRun = entries.dropFirst(runs.count).map(\.name)
        // Any signal stopped the run: between machines, in a machine's cases, or in a shrink
        // (whose failure is reported as found).
        let signal = interruption.signal()
        if options.json {
            console.output.write(JSONReport(machines: reports, interrupted: signal.map(Interruption.name(of:)), notRun: notRun).encoded())
        } else {
            console.print()
            console.print(SummaryTable.render(reports))
            for run in runs where (single || !run.passed) && FailureKind(run.exitReason) != .interrupted {
                console.print()
                console.print(run.report)
            }
            // A failing or single machine's report ends with its warnings; the others' are here.
            printWarnings(of: runs.filter { !single && $0.passed })
            if let signal { printInterruption(signal, runs: runs, notRun: notRun, options: options) }
        }
        if let signal { return Interruption.exitStatus(for: signal) }
        return runs.allSatisfy(\.passed) ? ExitStatus.passed : ExitStatus.failed
    }

    /// What an interrupted run did and did not do, and how to rerun the machine it stopped in.
    private func printInterruption(_ signal: Int32, runs: [MachineRun], notRun: [String], options: Options) {
        let total = runs.count + notRun.count
        console.print()
        var line = "Interrupted by \(Interruption.name(of: signal)): \(Format.count(runs.count, "machine")) of \(total) checked"
        if let stopped = runs.last(where: { FailureKind($0.exitReason) == .interrupted }) {
            line += ", \(stopped.machine) stopped after \(Format.count(stopped.cases, "case")) (seed \(CheckConfiguration.format(seed: stopped.seed)))"
        }
        if !notRun.isEmpty { line += "; not run: " + notRun.joined(separator: ", ") }
        console.print(line + ".")
        if let stopped = runs.last(where: { FailureKind($0.exitReason) == .interrupted }) {
            let entryDefault = machines.first { $0.name == stopped.machine }?.defaultCases.map { min($0, defaultCases) } ?? defaultCases
            console.print(
                "To rerun it: "
                    + ReplayHint.check(stopped.machine, seed: stopped.seed, options: options, defaultCases: entryDefault, program: program.invocation))
        }
    }

    /// The warnings of `runs`, one line each; a warning several machines share (a missing corpus
    /// root) is printed once with every machine named.
    private func printWarnings(of runs: [MachineRun]) {
        var order: [String] = []
        var machines: [String: [String]] = [:]
        var kinds: Set<CheckWarning.Kind> = []
        for run in runs {
            for warning in run.warnings {
                if machines[warning.message] == nil { order.append(warning.message) }
                machines[warning.message, default: []].append(run.machine)
                kinds.insert(warning.kind)
            }
        }
        guard !order.isEmpty else { return }
        console.print()
        for message in order { console.print("Warning: \(machines[message, default: []].joined(separator: ", ")): \(message)") }
        if kinds.contains(.corpusMissing) {
            console.print("The corpus is found relative to the working directory: run from the package root or pass --corpus <dir>.")
        }
    }

    /// Reads `file` (at most ``InputFile/maxBytes``) and runs its case on `entry`, shrinking
    /// when `shrink`; a file longer than any input adds an `inputTooLong` warning to the report.
    private func runInput(_ entry: MachineEntry, file: String, shrink: Bool) throws(UsageError) -> (MachineRun, MachineReport, Int) {
        let contents = try InputFile.read(file)
        let started = ContinuousClock.now
        let run = entry.replay(contents.bytes, shrink)
        var report = MachineReport(run, measuredSeconds: (ContinuousClock.now - started).seconds)
        report.savedPath = nil
        if contents.isTruncated {
            let limit = Format.count(InputFile.maxBytes, "byte")
            let warning = CheckWarning(
                .inputTooLong, path: file, count: InputFile.maxBytes,
                "\(file) is longer than any input can be (\(limit)); only its first \(limit) were read")
            report.warnings.insert(WarningReport(warning, machine: entry.name), at: 0)
        }
        if contents.bytes.isEmpty {
            let warning = CheckWarning(.inputEmpty, path: file, "\(file) is empty: it replays the simplest case (every choice 0), not a saved one")
            report.warnings.insert(WarningReport(warning, machine: entry.name), at: 0)
        }
        return (run, report, contents.bytes.count)
    }

    /// Prints the warnings of a `replay` or `minimize` report: all of them when the input
    /// passed, only the command's own when it failed (the engine's report lists the others).
    private func printInputWarnings(_ report: MachineReport, run: MachineRun) {
        for warning in report.warnings where run.passed || warning.kind == .inputTooLong || warning.kind == .inputEmpty {
            console.print("Warning: \(warning.message)")
        }
    }

    /// `replay`: runs the file's case without shrinking.
    ///
    /// Bytes the machine's generator did not read, and a file longer than any input, are
    /// warnings (the verdict on the bytes read stands), printed and in the JSON's `warnings`.
    private func replay(_ entry: MachineEntry, file: String, options: Options) throws(UsageError) -> Int32 {
        let (run, report, byteCount) = try runInput(entry, file: file, shrink: false)
        if options.json {
            console.output.write(JSONReport(machines: [report]).encoded())
        } else if run.passed {
            console.print("✓ \(entry.name): \(file) passes (\(Format.count(run.steps, "command")) from \(Format.count(byteCount, "byte")))")
            printInputWarnings(report, run: run)
        } else {
            console.print("Replaying \(file) (\(Format.count(byteCount, "byte"))) against \(entry.name), without shrinking:")
            printInputWarnings(report, run: run)
            console.print()
            console.print(run.report(replay: .command(ReplayHint.replay(entry.name, file: file, program: program.invocation))))
            console.print()
            console.print("To shrink it: " + ReplayHint.minimize(entry.name, file: file, options: options, program: program.invocation))
        }
        return run.passed ? ExitStatus.passed : ExitStatus.failed
    }

    /// `minimize`: shrinks the file's case; saves the minimal bytes unless `--no-save`.
    private func minimize(_ entry: MachineEntry, file: String, options: Options) throws(UsageError) -> Int32 {
        let (run, replayed, byteCount) = try runInput(entry, file: file, shrink: true)
        var report = replayed
        var saveError: String?
        if !run.passed, let minimal = run.counterexampleBytes, options.save {
            // The same root the checks use: `STRESSCHECK_CORPUS` overrides `--corpus` there too.
            let corpus = Corpus(root: CheckConfiguration(corpusDirectory: options.corpus).effectiveCorpusDirectory() ?? options.corpus)
            do {
                report.savedPath = try corpus.save(minimal, for: entry.name)
            } catch {
                saveError = "could not save the minimal input: \(error)"
            }
        }
        if let saveError { console.errors.write("error: \(saveError)\n") }
        if options.json {
            console.output.write(JSONReport(machines: [report]).encoded())
            return run.passed ? ExitStatus.passed : ExitStatus.failed
        }
        guard !run.passed else {
            console.print("✓ \(entry.name): \(file) passes (\(Format.count(run.steps, "command"))); nothing to minimize, nothing written")
            printInputWarnings(report, run: run)
            return ExitStatus.passed
        }
        let minimalCount = run.counterexampleBytes?.count ?? byteCount
        console.print("Minimized \(file) for \(entry.name): \(Format.count(byteCount, "byte")) → \(Format.count(minimalCount, "byte"))")
        printInputWarnings(report, run: run)
        console.print()
        let hint = report.savedPath.map { ReplayHint.replay(entry.name, file: $0, program: program.invocation) }
        console.print(run.report(replay: hint.map { .command($0) } ?? .omitted))
        console.print()
        if let path = report.savedPath {
            console.print("Saved the minimal input: \(path)")
        } else if !options.save {
            console.print("Not saved (--no-save).")
        }
        return ExitStatus.failed
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) * 1e-18
    }
}

/// The process exit statuses (an interrupted check exits with 128 + the signal's number: 130
/// for SIGINT, 143 for SIGTERM; see ``Interruption``).
enum ExitStatus {
    /// Every check passed (or nothing was checked: `list`, `help`); `validate`: every file clean.
    static let passed: Int32 = 0
    /// A check failed; `validate`: data faults were found.
    static let failed: Int32 = 1
    /// The command line was not valid, or an input file could not be read (or, for `validate`,
    /// loaded).
    static let usage: Int32 = 2
}
