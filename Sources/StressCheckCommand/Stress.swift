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
        let (shard, source) = try ShardSelection.resolve(index: options.shardIndex, count: options.shardCount, environment: environment)
        let output = try options.output.map { path throws(UsageError) in
            try OutputFile.checked(path.replacingOccurrences(of: shardPlaceholder, with: String(shard.index)))
        }
        let html = try options.html.map { path throws(UsageError) in
            try OutputFile.checked(path.replacingOccurrences(of: shardPlaceholder, with: String(shard.index)))
        }
        if let item = options.item {
            guard item < plan.itemCount else { throw UsageError(BatchError(.unknownItem(item, count: plan.itemCount)).description) }
            guard options.output == nil, options.html == nil, options.shardIndex == nil, options.shardCount == nil else {
                throw UsageError("--item runs one item alone: it takes no --output, --html, --shard-index or --shard-count")
            }
            return runItem(item, of: plan, console: console, json: options.json, environment: environment)
        }
        let header = ShardHeader(plan: plan, codeVersion: CodeVersion.current(environment), shard: shard)
        let runner = BatchRunner(parallel: options.parallel ?? BatchRunner.activeCores)
        let progress = options.json ? nil : StressProgress(console: console).callback()
        let started = ContinuousClock.now
        let items = runner.runBlocking(plan, shard: shard, progress: progress, shouldStop: { interruption.signal() != nil })
        let seconds = (ContinuousClock.now - started).seconds
        let result = BatchResult(header: header, items: items)
        let run = StressReport.Run(seconds: seconds, parallel: runner.parallel, shardSource: source)
        if let signal = interruption.signal(), !result.isComplete {
            StressReport.write(result, run: run, console: console, json: options.json, output: nil)
            console.errors.write(
                "Interrupted by \(Interruption.name(of: signal)) after \(Format.count(items.count, "run")) of "
                    + "\(Format.grouped(header.shardItemCount)); no file written.\n")
            return Interruption.exitStatus(for: signal)
        }
        if let output { try output.write(result.file.encoded) }
        if let html { try html.write(Array(StressHTML.render(result, plan: plan, warn: { console.errors.write($0) }).utf8)) }
        StressReport.write(result, run: run, console: console, json: options.json, output: output?.path)
        if let html, !options.json { console.output.write("HTML report: \(html.path)\n") }
        return result.summary.passed ? ExitStatus.passed : ExitStatus.failed
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
        if let output { try output.write(merged.encoded) }
        let result = BatchResult(merged)
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

/// The `--output` file: its directory checked before anything runs, written whole and renamed
/// into place, so that a failed or interrupted command never leaves a partial file or
/// overwrites a good one.
struct OutputFile {
    let path: String

    /// `path`, once its directory is known to exist and be writable.
    static func checked(_ path: String) throws(UsageError) -> OutputFile {
        let directory = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        let parent = directory.isEmpty ? "." : directory
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue,
            FileManager.default.isWritableFile(atPath: parent)
        else {
            throw UsageError("cannot write '\(path)': its directory '\(parent)' does not exist or is not writable")
        }
        return OutputFile(path: path)
    }

    /// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
    func write(_ bytes: [UInt8]) throws(UsageError) {
        let temporary = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: temporary))
        } catch {
            throw UsageError("cannot write '\(temporary)': \(error.localizedDescription)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            let left = unlink(temporary) == 0 ? "" : " (and '\(temporary)' is left behind: \(String(cString: strerror(errno))))"
            throw UsageError("cannot rename '\(temporary)' to '\(path)': \(reason)\(left)")
        }
    }
}

/// A live line on a terminal: `… stress: 120 / 1,200 runs`, rewritten at most once per percent.
struct StressProgress {
    let console: Console

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
