import MarketSim
import StressRun
import TradingVocabulary

/// `stresscheck stress --replay a.csv [b.csv …] [--from DATE] [--to DATE]`: runs the stack through
/// a user's own market data (`docs/stress.md`, "Historic replay").
///
/// Each file is one symbol, named after the file as `validate` names it, loaded and validated by
/// the same loader and validator first. Any fault but a gap refuses the data (exit 2, nothing
/// run): the replay would trade on a bad tick. A gap is a warning: real data has them (nights
/// and weekends of intraday equity bars), and the replay's clock steps across them. The files
/// are then aligned on their common timestamps, cut to the window, and run with every strategy
/// (or `--strategy`) through the same executor, properties and reports as a library batch.
///
/// The venue is calm (all-zero choices: no venue fault, no latency jitter) unless `--seed` or
/// `--seeds` is given: then each run draws the venue's fault mix from its item seed, over the
/// same data.
enum StressReplay {
    /// The most faults listed per file when data is refused.
    static let maxFaultsPrinted = 20

    /// The fault kinds that do not refuse data.
    static let tolerated: Set<DataFaultKind> = [.gap]

    /// One file, loaded and validated.
    struct File: Sendable {
        let path: String
        let symbol: Symbol
        let bars: Int
        /// Faults the replay tolerates (gaps).
        let warnings: [DataFault]
        /// Too few returns for the validator's spike check (nil when it looked).
        var spikesNotChecked: ValidationReport.SpikesNotChecked? = nil
        /// Nights, weekends and holidays of daily sessions: long steps that are not gaps.
        var sessionBreaks = 0
    }

    /// What a replay runs: the market, and what was found on the way.
    struct Prepared: Sendable {
        let replay: HistoricReplay
        let files: [File]
        /// The window as written, for the report.
        let from: String?
        let to: String?
    }

    /// Checks the replay's command line and data and makes its market; nothing is run.
    ///
    /// - Parameters:
    ///   - files: The `--replay` file, then the positional ones.
    /// - Throws: ``ReplayError``: a usage error (scenario names given too, a bad date, a window
    ///   from after its end, an option a replay does not take) or bad data (a file missing or
    ///   unparseable, faults, an empty window).
    static func prepare(files: [String], options: Options) throws(ReplayError) -> Prepared {
        for option in [
            ("--output", options.output != nil), ("--shard-index", options.shardIndex != nil),
            ("--shard-count", options.shardCount != nil),
        ] where option.1 {
            throw .optionNotTaken(option.0)
        }
        for name in files.dropFirst() where ScenarioLibrary.named(name) != nil {
            throw .scenarioWithReplay(name)
        }
        let from = try options.from.map { text throws(ReplayError) in try date("--from", text) }
        let to = try options.to.map { text throws(ReplayError) in try date("--to", text) }
        if let from, let to, let fromText = options.from, let toText = options.to, from.first >= to.after {
            throw .fromAfterTo(from: fromText, to: toText)
        }
        // Refused before a file is read: every file is held until the alignment, and the run
        // would refuse this many anyway, after loading them all.
        guard files.count <= CrashSimulator.maxSymbols else {
            throw .market(.tooManySymbols(files.count, limit: CrashSimulator.maxSymbols), files: [], from: options.from, to: options.to)
        }
        var loaded: [File] = []
        var series: [BarSeries] = []
        var ranges: [ReplayError.FileRange] = []
        for path in files {
            let symbol: Symbol
            let csv: LoadedCSV
            do {
                symbol = try CSVLoader.symbol(forPath: path)
                csv = try CSVLoader.load(path: path)
            } catch {
                throw .unloadable(error)
            }
            if let earlier = loaded.first(where: { $0.symbol == symbol }) {
                throw .duplicateSymbol(symbol.text, first: earlier.path, second: path)
            }
            let report = DataValidator.validate(csv, symbol: symbol.text)
            let refused = report.faults.filter { !tolerated.contains($0.kind) }
            guard refused.isEmpty else { throw .invalidData(file: path, faults: refused) }
            guard let firstBar = csv.bars.first, let lastBar = csv.bars.last else { throw .noBars(file: path) }
            ranges.append(.init(path: path, first: firstBar.time, last: lastBar.time))
            loaded.append(
                File(
                    path: path, symbol: symbol, bars: csv.bars.count, warnings: report.faults, spikesNotChecked: report.spikesNotChecked.first,
                    sessionBreaks: report.sessionBreaks))
            series.append(csv.series(symbol: symbol))
        }
        let market: HistoricMarket
        do {
            market = try HistoricMarket(series, from: from?.first, before: to?.after)
        } catch {
            throw .market(error, files: ranges, from: options.from, to: options.to)
        }
        let symbols = market.series.map(\.symbol.text)
        let name = "replay " + (symbols.count <= 4 ? symbols.joined(separator: ",") : symbols.prefix(3).joined(separator: ",") + ",+\(symbols.count - 3)")
        var arguments = ["--replay"] + files.map(ReplayHint.quoted)
        if let text = options.from { arguments += ["--from", ReplayHint.quoted(text)] }
        if let text = options.to { arguments += ["--to", ReplayHint.quoted(text)] }
        let replay = HistoricReplay(name: name, market: market, calmVenue: options.seed == nil && options.seeds == nil, arguments: arguments)
        return Prepared(replay: replay, files: loaded, from: options.from, to: options.to)
    }

    /// A `--from` or `--to` value.
    static func date(_ option: String, _ text: String) throws(ReplayError) -> HistoricDate {
        guard let date = HistoricDate(parsing: text) else { throw .invalidDate(option: option, text) }
        return date
    }

    /// The plan of a prepared replay: each strategy once on a calm venue, or `--seeds` times
    /// (1 by default) from `--seed` (the default campaign seed).
    static func plan(_ prepared: Prepared, options: Options) throws(UsageError) -> BatchPlan {
        let strategies = try Stress.strategies(options.strategy)
        do {
            return try BatchPlan(
                replay: prepared.replay, strategies: strategies, seeds: options.seeds ?? 1,
                campaignSeed: options.seed ?? Stress.defaultCampaignSeed)
        } catch {
            throw UsageError(error.description)
        }
    }

    /// `stresscheck stress --replay …`: prepares, runs, prints and writes `--html`.
    /// - Returns: 0 when every property held, 1 when one did not, 2 on bad data (with an
    ///   `error:` line; a usage error is thrown), 130/143 when interrupted.
    static func run(
        files: [String], options: Options, console: Console, environment: [String: String],
        interruption: Interruption
    ) throws(UsageError) -> Int32 {
        let html = try options.html.map { path throws(UsageError) in try OutputFile.checked(path) }
        let prepared: Prepared
        do {
            prepared = try prepare(files: files, options: options)
        } catch {
            guard !error.isUsage else { throw UsageError(error.description) }
            console.errors.write("error: \(error.description)\nNothing was run.\n")
            return ExitStatus.usage
        }
        let plan = try plan(prepared, options: options)
        // A replay in a sharded job (the engines' variables set) runs whole in every shard: said.
        for name in ShardSelection.indexVariables where !(environment[name] ?? "").isEmpty {
            console.errors.write("warning: \(name) is set, but a replay is not sharded: this process runs all of it\n")
        }
        if let item = options.item {
            guard item < plan.itemCount else { throw UsageError(BatchError(.unknownItem(item, count: plan.itemCount)).description) }
            guard options.html == nil else { throw UsageError("--item runs one item alone: it takes no --html") }
            if !options.json { console.output.write(summary(prepared)) }
            return Stress.runItem(item, of: plan, console: console, json: options.json, environment: environment)
        }
        let header = ShardHeader(plan: plan, codeVersion: CodeVersion.current(environment), shard: .whole)
        try Stress.refuseOversized("this replay", runs: plan.itemCount, kept: "the summary", remedy: "give fewer --seeds or strategies")
        let runner = BatchRunner(parallel: min(options.parallel ?? BatchRunner.activeCores, max(plan.itemCount, 1)))
        let progress = options.json ? nil : StressProgress(console: console)
        let started = ContinuousClock.now
        let items = runner.runBlocking(plan, progress: progress?.callback(), shouldStop: { interruption.signal() != nil })
        let seconds = (ContinuousClock.now - started).seconds
        let result = BatchResult(header: header, items: items)
        var run = StressReport.Run(seconds: seconds, parallel: runner.parallel, shardSource: "")
        let document = ReplayDocument(prepared)
        if let signal = interruption.signal(), !result.isComplete {
            progress?.clear()
            run.interrupted = Interruption.name(of: signal)
            write(result, run: run, prepared: prepared, document: document, console: console, json: options.json)
            console.errors.write(
                "Interrupted by \(Interruption.name(of: signal)) after \(Format.count(items.count, "run")) of "
                    + "\(Format.grouped(header.shardItemCount)); no file written.\n")
            return Interruption.exitStatus(for: signal)
        }
        if let html {
            do throws(UsageError) {
                try html.write(Array(StressHTML.render(result, plan: plan, warn: { console.errors.write($0) }).utf8))
            } catch {
                write(result, run: run, prepared: prepared, document: document, console: console, json: options.json)
                return Stress.writeFailed(error, written: [], passed: result.summary.passed, console: console)
            }
        }
        write(result, run: run, prepared: prepared, document: document, console: console, json: options.json)
        if let html, !options.json { console.output.write("HTML report: \(html.path)\n") }
        return result.summary.passed ? ExitStatus.passed : ExitStatus.failed
    }

    /// The summary: what was replayed, then the batch's table (or one JSON document with both).
    static func write(_ result: BatchResult, run: StressReport.Run, prepared: Prepared, document: ReplayDocument, console: Console, json: Bool) {
        if json {
            var stress = StressDocument(result, run: run, output: nil, mergedFrom: nil)
            stress.replay = document
            console.output.write(JSONText.encode(stress))
            return
        }
        console.output.write(summary(prepared) + StressReport.text(result, run: run, output: nil))
    }

    /// What was replayed: the files, the window, the interval, the venue; a line per warning kind.
    static func summary(_ prepared: Prepared) -> String {
        let market = prepared.replay.market
        var lines = [
            "replay: \(Format.count(prepared.files.count, "file")), \(Format.count(market.times.count, "common bar")) from \(market.start) "
                + "to \(market.times[market.times.count - 1]), interval \(market.interval); "
                + (prepared.replay.calmVenue ? "calm venue" : "venue faults drawn from each run's seed")
        ]
        for (file, dropped) in zip(prepared.files, market.droppedByAlignment) {
            var line = "  \(file.path) (\(file.symbol.text)): \(Format.count(file.bars, "bar"))"
            if dropped > 0 { line += ", \(Format.grouped(dropped)) dropped by the alignment" }
            if !file.warnings.isEmpty {
                line +=
                    "; \(Format.count(file.warnings.count, "gap")) (not refused: the clock steps across), first at line "
                    + (file.warnings[0].line.map(String.init) ?? "?")
            }
            if file.sessionBreaks > 0 { line += "; \(Format.count(file.sessionBreaks, "session break")) (the clock steps across)" }
            if let skipped = file.spikesNotChecked {
                line += "; spikes not looked for (\(Format.count(skipped.returns, "return")), \(skipped.needed) needed)"
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n\n"
    }
}

/// Why a replay cannot run (nothing is run).
enum ReplayError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A library scenario name given with `--replay`.
    case scenarioWithReplay(String)
    /// `--output`, `--shard-index` or `--shard-count` with `--replay`.
    case optionNotTaken(String)
    case invalidDate(option: String, String)
    case fromAfterTo(from: String, to: String)
    /// A file could not be loaded (missing, unreadable, unparseable), or its name is not a symbol.
    case unloadable(CSVError)
    case duplicateSymbol(String, first: String, second: String)
    /// The faults of a file that refuse it (never empty).
    case invalidData(file: String, faults: [DataFault])
    /// A file with a header and no data row.
    case noBars(file: String)
    /// The files cannot make a market: named with each file's span and the window as written.
    case market(HistoricMarketError, files: [FileRange], from: String?, to: String?)

    /// A file's first and last bar, for a message that says which file does not overlap.
    struct FileRange: Hashable, Sendable {
        var path: String
        var first, last: SimTime
    }

    /// A usage error: the command line, not the data, is wrong (the usage message is printed).
    var isUsage: Bool {
        switch self {
        case .scenarioWithReplay, .optionNotTaken, .invalidDate, .fromAfterTo: true
        case .unloadable, .duplicateSymbol, .invalidData, .noBars, .market: false
        }
    }

    var description: String {
        switch self {
        case .scenarioWithReplay(let name):
            "'\(name)' is a library scenario: --replay runs CSV files only (run scenarios and replays as separate commands)"
        case .optionNotTaken(let option):
            "option '\(option)' does not apply to a replay (a replay is not sharded: its market is your files)"
        case .invalidDate(let option, let text):
            "option '\(option)' expects a date YYYY-MM-DD or an ISO 8601 time such as 2020-03-12T14:30:00Z, from 1678 to 2261 "
                + "(times are nanoseconds since 1970 in 64 bits), got '\(text)'"
        case .fromAfterTo(let from, let to): "--from \(from) is after --to \(to)"
        case .unloadable(let error): "\(error.description)"
        case .duplicateSymbol(let symbol, let first, let second): "'\(first)' and '\(second)' are both symbol \(symbol)"
        case .invalidData(let file, let faults):
            "\(file) does not validate: \(Format.count(faults.count, "fault")) (`stresscheck validate \(ReplayHint.quoted(file))` lists them all)\n"
                + faults.prefix(StressReplay.maxFaultsPrinted).map { fault in
                    "  \(fault.line.map { "\(file):\($0)" } ?? file): \(fault.kind.rawValue) at bar \(fault.barIndex)"
                        + (fault.detail.isEmpty ? "" : " (\(fault.detail))")
                }.joined(separator: "\n")
                + (faults.count > StressReplay.maxFaultsPrinted ? "\n  … and \(Format.count(faults.count - StressReplay.maxFaultsPrinted, "more fault"))" : "")
        case .noBars(let file): "\(file) has no data row (a header alone): a replay needs bars"
        case .market(.noCommonTimestamps, let files, _, _):
            "the files share no timestamp, so aligning them leaves no bar: "
                + files.map { "\($0.path) runs from \($0.first) to \($0.last)" }.joined(separator: "; ")
        case .market(.tooFewBars(let count, _, _, let first, let last), _, let from, let to):
            "\(count == 0 ? "no common bar" : count == 1 ? "only 1 common bar" : "\(count) common bars") "
                + "\(from.map { "from --from \($0)" } ?? "from the start") \(to.map { "to --to \($0) (inclusive)" } ?? "to the end")"
                + "; a replay needs at least \(HistoricMarket.minimumBars), and the data's common bars run from \(first) to \(last)"
        case .market(let error, _, _, _): "\(error.description)"
        }
    }
}

/// The `replay` object of `stress --replay --json`.
struct ReplayDocument: Encodable, Sendable {
    struct FileDocument: Encodable, Sendable {
        var path: String
        var symbol: String
        var bars: Int
        var droppedByAlignment: Int
        var gaps: Int
    }

    var files: [FileDocument]
    var from: String?
    var to: String?
    var bars: Int
    var firstBar: String
    var lastBar: String
    var intervalSeconds: Double
    var calmVenue: Bool

    init(_ prepared: StressReplay.Prepared) {
        let market = prepared.replay.market
        files = zip(prepared.files, market.droppedByAlignment).map {
            FileDocument(path: $0.path, symbol: $0.symbol.text, bars: $0.bars, droppedByAlignment: $1, gaps: $0.warnings.count)
        }
        from = prepared.from
        to = prepared.to
        bars = market.times.count
        firstBar = "\(market.start)"
        lastBar = "\(market.times[market.times.count - 1])"
        intervalSeconds = market.interval.seconds
        calmVenue = prepared.replay.calmVenue
    }
}
