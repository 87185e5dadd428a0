import MarketSim
import TradingVocabulary

/// `stresscheck validate <file.csv>…`: loads each file as it is, validates it on its own, and
/// reports every fault with its file, line and kind.
///
/// Each file is one symbol, named after the file (`BTC-USD.csv` is `BTC-USD`; a name that is not a
/// valid symbol is used as it is). With several files that all load, the report also says how
/// many timestamps they share and how many bars aligning them would drop (``AlignedSeries``).
/// Exit status: 0 when every file is clean, 1 when faults were found or a file has a header and
/// no data row, 2 when a file could not be loaded (an empty file among them) (its ``CSVError`` is printed: file, line, column, what was wrong).
struct ValidateRun {
    /// Where the report goes.
    let console: Console

    /// The most faults printed per file in the text report (`--json` has them all).
    static let maxFaultsPrinted = 50

    /// Validates `files`; prints text, or one JSON document when `json`.
    /// - Returns: The exit status.
    func callAsFunction(files: [String], json: Bool) -> Int32 {
        let results = files.map(FileValidation.init(path:))
        let alignment = FileValidation.alignment(of: results)
        if json {
            console.output.write(ValidationDocument(results, alignment: alignment).encoded())
        } else {
            for result in results { printResult(result) }
            printSummary(results, alignment: alignment)
        }
        if results.contains(where: { $0.error != nil }) { return ExitStatus.usage }
        return results.allSatisfy(\.isClean) ? ExitStatus.passed : ExitStatus.failed
    }

    /// One file's verdict and faults.
    private func printResult(_ result: FileValidation) {
        guard let report = result.report else {
            console.print("✗ \(result.path): could not be loaded: \(result.error.map(\.description) ?? "")")
            return
        }
        let bars = Format.count(report.barCount, "bar")
        if result.isEmpty {
            console.print("✗ \(result.path) (\(result.label)): no data row (a header alone): no bar to validate or replay")
            return
        }
        guard !report.isClean else {
            console.print("✓ \(result.path) (\(result.label)): \(bars), clean")
            printSpikeNote(report)
            return
        }
        defer { printSpikeNote(report) }
        let counts = report.countsByKind.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
        console.print("✗ \(result.path) (\(result.label)): \(bars), \(Format.count(report.faults.count, "fault")) (\(counts.joined(separator: ", ")))")
        for fault in report.faults.prefix(Self.maxFaultsPrinted) {
            let place = fault.line.map { "\(result.path):\($0)" } ?? result.path
            console.print("  \(place): \(fault.kind.rawValue) at bar \(fault.barIndex)" + (fault.detail.isEmpty ? "" : " (\(fault.detail))"))
        }
        if report.faults.count > Self.maxFaultsPrinted {
            console.print("  … and \(Format.count(report.faults.count - Self.maxFaultsPrinted, "more fault")) (--json lists them all)")
        }
    }

    /// Says when spikes were not looked for (too few returns): clean of them only for that; and
    /// how many long steps were taken for session breaks rather than gaps.
    private func printSpikeNote(_ report: ValidationReport) {
        for skipped in report.spikesNotChecked {
            console.print("  note: spikes not looked for: \(Format.count(skipped.returns, "return")), \(skipped.needed) needed")
        }
        if report.sessionBreaks > 0 {
            console.print(
                "  note: \(Format.count(report.sessionBreaks, "session break")) (nights, weekends, holidays of daily sessions) not counted as gaps")
        }
    }

    /// The alignment and the overall verdict.
    private func printSummary(_ results: [FileValidation], alignment: TimestampAlignment?) {
        if let alignment {
            let dropped = alignment.dropped.map { "\($0.symbol.text) \(Format.grouped($0.bars))" }
            console.print("Aligned on timestamps: \(Format.count(alignment.commonBars, "common bar")); dropped \(dropped.joined(separator: ", ")).")
        } else if let reason = FileValidation.alignmentSkipped(of: results) {
            console.print("Not aligned on timestamps: \(reason).")
        }
        let unreadable = results.filter { $0.error != nil }.count
        let empty = results.filter(\.isEmpty).count
        let faulty = results.filter { !($0.report?.isClean ?? true) }
        let faults = faulty.reduce(0) { $0 + ($1.report?.faults.count ?? 0) }
        if unreadable > 0 {
            console.print("✗ \(Format.count(unreadable, "file")) of \(results.count) could not be loaded")
        }
        if empty > 0 {
            console.print("✗ \(Format.count(empty, "file")) of \(results.count) \(empty == 1 ? "has" : "have") no data row")
        }
        if !faulty.isEmpty {
            console.print("✗ \(Format.count(faults, "fault")) in \(faulty.count) of \(Format.count(results.count, "file"))")
        } else if unreadable == 0, empty == 0 {
            console.print("✓ \(results.count == 1 ? "the file is" : "all \(results.count) files are") clean")
        }
    }
}

/// One file, loaded and validated, or the error that stopped it.
struct FileValidation {
    /// The file as given on the command line.
    let path: String
    /// The file's symbol, when its name makes a valid one.
    let symbol: Symbol?
    /// The bars' timestamps (all that alignment needs: the bars themselves are not kept, so
    /// validating many files holds one file's bars at a time), or `nil`.
    let times: [SimTime]?
    /// The validation report, or `nil` when the file did not load.
    let report: ValidationReport?
    /// Why the file did not load, or `nil`.
    let error: CSVError?

    /// Loads and validates the file at `path`.
    init(path: String) {
        self.path = path
        symbol = try? CSVLoader.symbol(forPath: path)
        do {
            let loaded = try CSVLoader.load(path: path)
            times = loaded.bars.map(\.time)
            report = DataValidator.validate(loaded.bars, symbol: symbol?.text ?? path, lines: loaded.lines)
            error = nil
        } catch {
            times = nil
            report = nil
            self.error = error
        }
    }

    /// The name faults carry: the symbol, or the path when it makes none.
    var label: String { symbol?.text ?? path }

    /// True when the file loaded, has at least one bar, and has no fault.
    var isClean: Bool { !isEmpty && (report?.isClean ?? false) }

    /// True when the file loaded but holds no bar (a header alone): nothing in it can be
    /// replayed, so it is not clean, though no bar is faulty.
    var isEmpty: Bool { report?.barCount == 0 }

    /// The files aligned on their common timestamps (as ``AlignedSeries`` aligns them: each
    /// common time once), when there are several, all loaded, with distinct valid symbols;
    /// otherwise `nil`.
    /// Why several files were not aligned on their timestamps, when they were not: a file that
    /// did not load, a name that is not a valid symbol, two files of one symbol. `nil` for one
    /// file, or when they were aligned (the report says the one or the other, never nothing).
    static func alignmentSkipped(of results: [FileValidation]) -> String? {
        guard results.count > 1 else { return nil }
        if let unloaded = results.first(where: { $0.times == nil }) { return "'\(unloaded.path)' did not load" }
        if let unnamed = results.first(where: { $0.symbol == nil }) {
            return "'\(unnamed.path)' is not named after a valid symbol (e.g. BTC-USD.csv)"
        }
        for (index, result) in results.enumerated() {
            if let other = results[..<index].first(where: { $0.symbol == result.symbol }) {
                return "'\(other.path)' and '\(result.path)' are both \(result.label)"
            }
        }
        return nil
    }

    static func alignment(of results: [FileValidation]) -> TimestampAlignment? {
        guard results.count > 1 else { return nil }
        var symbols: [Symbol] = []
        var timeLists: [[SimTime]] = []
        for result in results {
            guard let symbol = result.symbol, let times = result.times else { return nil }
            symbols.append(symbol)
            timeLists.append(times)
        }
        guard Set(symbols).count == symbols.count else { return nil }
        var common = Set(timeLists[0])
        for times in timeLists.dropFirst() { common.formIntersection(times) }
        return TimestampAlignment(commonBars: common.count, dropped: zip(symbols, timeLists).map { ($0, $1.count - common.count) })
    }
}

/// How many timestamps several files share, and how many bars aligning them drops per symbol.
struct TimestampAlignment {
    let commonBars: Int
    let dropped: [(symbol: Symbol, bars: Int)]
}
