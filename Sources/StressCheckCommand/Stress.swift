import Foundation
import MarketSim
import StressRun

/// `stresscheck stress` and `stresscheck merge`: batches of stress runs, their shards, and the
/// merge of shard files (`docs/stress.md`, "Batches" and "Sharding a campaign").
///
/// Both produce a ``BatchResult`` — the typed value a report renders — and then render it: the
/// summary table or `--json`, and with `--output` the JSON Lines file of the batch or shard.
enum Stress {
    /// Runs per (scenario, strategy) without `--seeds`: the whole library with every strategy
    /// runs in well under a minute in a release build on 2 cores (measured in `docs/stress.md`).
    static let defaultSeeds = 10
    /// The campaign seed without `--seed`.
    static let defaultCampaignSeed: UInt64 = 0x5EED_0012
    /// The placeholder of `--output` replaced by the shard's index.
    static let shardPlaceholder = "{shard}"

    /// What `stress` was asked to run.
    struct Request: Sendable {
        var scenarios: [String]
        var options: Options
    }

    /// The plan of `request`: the named scenarios (every library scenario when none), the
    /// strategies of `--strategy` (all when not given), `--seeds`, `--seed`.
    static func plan(_ request: Request) throws(UsageError) -> BatchPlan {
        let scenarios = request.scenarios.isEmpty ? ScenarioLibrary.all.map(\.name) : request.scenarios
        let strategies = try strategies(request.options.strategy)
        do {
            return try BatchPlan(
                scenarios: scenarios, strategies: strategies, seeds: request.options.seeds ?? defaultSeeds,
                campaignSeed: request.options.seed ?? defaultCampaignSeed)
        } catch {
            throw UsageError(error.description)
        }
    }

    /// `all` (or nothing): every built-in strategy; else names separated by commas.
    static func strategies(_ text: String?) throws(UsageError) -> [BatchStrategy] {
        guard let text, text != "all" else { return BatchStrategy.allCases }
        var result: [BatchStrategy] = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            guard let strategy = BatchStrategy.named(name) else {
                throw UsageError(BatchError(.unknownStrategy(name)).description + " or 'all'")
            }
            result.append(strategy)
        }
        return result
    }

    /// `stresscheck stress`: runs the batch or the shard, prints the summary, writes `--output`.
    /// - Returns: 0 when every property held, 1 when one did not, 130/143 when interrupted.
    static func run(_ request: Request, console: Console, environment: [String: String], interruption: Interruption) throws(UsageError) -> Int32 {
        let options = request.options
        if let first = options.replay {
            return try StressReplay.run(
                files: [first] + request.scenarios, options: options, console: console, environment: environment,
                interruption: interruption)
        }
        guard options.from == nil, options.to == nil else { throw UsageError("--from and --to apply only to --replay") }
        let plan = try plan(request)
        // Before the shard: the rerun line a failure prints (`--item N`) must work inside the
        // sharded job that printed it, where the engine's index variable is still set.
        if let item = options.item {
            guard item < plan.itemCount else { throw UsageError(BatchError(.unknownItem(item, count: plan.itemCount)).description) }
            guard options.output == nil, options.html == nil, options.shardIndex == nil, options.shardCount == nil else {
                throw UsageError("--item runs one item alone: it takes no --output, --html, --shard-index or --shard-count")
            }
            return runItem(item, of: plan, console: console, json: options.json, environment: environment)
        }
        let (shard, source) = try ShardSelection.resolve(index: options.shardIndex, count: options.shardCount, environment: environment)
        let output = try options.output.map { path throws(UsageError) in
            try OutputFile.checked(path.replacingOccurrences(of: shardPlaceholder, with: String(shard.index)))
        }
        let html = try options.html.map { path throws(UsageError) in
            try OutputFile.checked(path.replacingOccurrences(of: shardPlaceholder, with: String(shard.index)))
        }
        try OutputFile.refuseSharedTargets([("--output", output), ("--html", html)])
        let header = ShardHeader(plan: plan, codeVersion: CodeVersion.current(environment), shard: shard)
        let shards = (plan.itemCount + maxRunsPerProcess - 1) / maxRunsPerProcess
        try refuseOversized(
            shard.count > 1 ? "this shard" : "this batch", runs: header.shardItemCount, kept: "the summary and the shard file",
            remedy: "split the batch with --shard-count \(shards) or more, one process a shard")
        let runner = BatchRunner(parallel: min(options.parallel ?? BatchRunner.activeCores, max(header.shardItemCount, 1)))
        let progress = options.json ? nil : StressProgress(console: console)
        let started = ContinuousClock.now
        let items = runner.runBlocking(plan, shard: shard, progress: progress?.callback(), shouldStop: { interruption.signal() != nil })
        let seconds = (ContinuousClock.now - started).seconds
        let result = BatchResult(header: header, items: items)
        var run = StressReport.Run(seconds: seconds, parallel: runner.parallel, shardSource: source)
        if let signal = interruption.signal(), !result.isComplete {
            progress?.clear()
            run.interrupted = Interruption.name(of: signal)
            StressReport.write(result, run: run, console: console, json: options.json, output: nil)
            console.errors.write(
                "Interrupted by \(Interruption.name(of: signal)) after \(Format.count(items.count, "run")) of "
                    + "\(Format.grouped(header.shardItemCount)); no file written.\n")
            return Interruption.exitStatus(for: signal)
        }
        var written: [String] = []
        do throws(UsageError) {
            if let output {
                try output.write(result.file.encoded)
                written.append(output.path)
            }
            if let html { try html.write(Array(StressHTML.render(result, plan: plan, warn: { console.errors.write($0) }).utf8)) }
        } catch {
            // The runs are done: their summary is printed, then what could not be written.
            StressReport.write(result, run: run, console: console, json: options.json, output: nil)
            return writeFailed(error, written: written, passed: result.summary.passed, console: console)
        }
        StressReport.write(result, run: run, console: console, json: options.json, output: output?.path)
        if let html, !options.json { console.output.write("HTML report: \(html.path)\n") }
        return result.summary.passed ? ExitStatus.passed : ExitStatus.failed
    }

    /// The most workers `--parallel` takes: each is a thread of its own, and past the cores
    /// more only share them (60 000 asked for reached the kernel's thread limit).
    static let maxParallel = 1_024

    /// The most runs one process takes: every run's figures (about 140 bytes) are kept for the
    /// summary and the shard file, so memory grows with the runs (three billion runs asked for
    /// 408 GB at once and the process died); and the shard file of this many (300 bytes a
    /// passing run, up to about 620 for one that broke every property) stays under what
    /// `merge` reads of one file (``mergeFileLimit``).
    static let maxRunsPerProcess = 1_000_000

    /// Refuses more than ``maxRunsPerProcess`` runs in one process (a batch, a shard, a
    /// replay), before anything runs, saying what to do instead.
    static func refuseOversized(_ what: String, runs: Int, kept: String, remedy: String) throws(UsageError) {
        guard runs > maxRunsPerProcess else { return }
        throw UsageError(
            "\(what) has \(Format.grouped(runs)) runs; one process runs at most \(Format.grouped(maxRunsPerProcess)) "
                + "(each run's figures are kept for \(kept)): \(remedy)")
    }

    /// A report that could not be written after the runs: an `error:` line that says which file,
    /// what was written and what the runs found; exit 2 (the usage message would not help).
    static func writeFailed(_ error: UsageError, written: [String], passed: Bool, console: Console) -> Int32 {
        console.errors.write(
            "error: \(error.message)\n"
                + (written.isEmpty ? "Nothing was written" : "Written: \(written.joined(separator: ", "))")
                + "; the runs \(passed ? "passed" : "failed") (exit 2 for the file, not the runs).\n")
        return ExitStatus.usage
    }

    /// `--item N`: that item alone, with its record's figures.
    static func runItem(_ number: Int, of plan: BatchPlan, console: Console, json: Bool, environment: [String: String]) -> Int32 {
        let result = BatchRunner.runItem(number, of: plan)
        let header = ShardHeader(plan: plan, codeVersion: CodeVersion.current(environment), shard: .whole)
        StressReport.writeItem(result, header: header, console: console, json: json)
        return result.passed ? ExitStatus.passed : ExitStatus.failed
    }

    /// `stresscheck merge`: reads and checks every shard file, merges them, prints the summary of
    /// the whole batch and writes `--output`. Bad files: an `error:` line naming the file and
    /// line, exit 2, nothing written.
    static func merge(files: [String], options: Options, console: Console) throws(UsageError) -> Int32 {
        let output = try options.output.map { path throws(UsageError) in try OutputFile.checked(path) }
        if let output, let input = files.first(where: { output.isSameFile(as: $0) }) {
            throw UsageError("--output '\(output.path)' is the input '\(input)': merge writes a new file and never replaces a shard")
        }
        // Each file read once (a pipe such as `<(cat shard-0.jsonl)` reads only once), at most
        // `mergeFileLimit` bytes of it.
        var contents: [(path: String, bytes: [UInt8])] = []
        for path in files {
            let file: InputFile.Contents
            do { file = try InputFile.read(path, limit: mergeFileLimit) } catch { return fail(error.message, console: console) }
            guard !file.isTruncated else {
                return fail("'\(path)' is larger than \(mergeFileLimit >> 20) MiB, the most merge reads of one file", console: console)
            }
            contents.append((path, file.bytes))
        }
        if let first = contents.first, LatencyMerge.isLatencyTable(first.bytes) {
            return try LatencyMerge.run(contents, output: output, options: options, console: console)
        }
        // A kind mixed up is named before any file's own errors.
        if let table = contents.first(where: { LatencyMerge.isLatencyTable($0.bytes) }) {
            return fail("\(table.path): a latency table (merge takes shard files or latency tables, not both)", console: console)
        }
        var shards: [(name: String, file: ShardFile)] = []
        for (path, bytes) in contents {
            do {
                shards.append((path, try ShardFile(parsing: bytes)))
            } catch {
                return fail("\(path): \(error.description)", console: console)
            }
        }
        let merged: ShardFile
        do { merged = try ShardMerge.merge(shards) } catch { return fail(error.description, console: console) }
        let result = BatchResult(merged)
        if let output {
            do throws(UsageError) { try output.write(merged.encoded) } catch {
                StressReport.write(result, run: nil, console: console, json: options.json, output: nil, mergedFrom: files.count)
                return writeFailed(error, written: [], passed: result.summary.passed, console: console)
            }
        }
        StressReport.write(result, run: nil, console: console, json: options.json, output: output?.path, mergedFrom: files.count)
        return result.summary.passed ? ExitStatus.passed : ExitStatus.failed
    }

    /// The largest file `merge` reads: a shard file holds a line of about 300 bytes per run, so
    /// this is millions of runs per shard, and a longer file (a log, `/dev/zero`) is refused
    /// rather than read without bound.
    static let mergeFileLimit = 1 << 30

    /// An input error of `merge`: one line, exit 2 (the usage message would not help).
    static func fail(_ message: String, console: Console) -> Int32 {
        console.errors.write("error: \(message)\nNothing was written.\n")
        return ExitStatus.usage
    }
}

/// A live line on a terminal: `… stress: 120 / 1,200 runs`, rewritten at most once per percent.
struct StressProgress {
    let console: Console

    /// Erases the live line (an interrupted batch never reaches its last run, which erases it).
    func clear() {
        if console.isTerminal { console.output.write("\r\u{1B}[2K") }
    }

    func callback() -> BatchRunner.Progress? {
        guard console.isTerminal else { return nil }
        let output = console.output
        return { finished, total in
            let step = max(total / 100, 1)
            guard finished % step == 0 || finished == total else { return }
            output.write("\r\u{1B}[2K… stress: \(Format.grouped(finished)) / \(Format.grouped(total)) runs" + (finished == total ? "\r\u{1B}[2K" : ""))
        }
    }
}
