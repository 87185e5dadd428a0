import Foundation
import MarketSim

/// `stresscheck scenarios` and `stresscheck simulate`: the scenario library and the crash
/// simulator on the command line.
enum Simulate {
    /// What `simulate` was asked to run.
    struct Request: Equatable, Sendable {
        /// A library scenario's name or a crash kind's (`flash-crash`, …).
        var scenario: String
        var seed: UInt64?
        var symbols: [String]?
        var csv: String?
        var json: Bool
    }

    /// The scenario called `name` (a library entry, or a crash kind with its defaults), its seed,
    /// and the library entry if it is one.
    static func resolve(_ name: String, symbols: [String]?) throws(UsageError) -> (scenario: CrashScenario, seed: UInt64, entry: LibraryScenario?) {
        if let entry = ScenarioLibrary.named(name) {
            var scenario = entry.scenario
            if let symbols { scenario.symbols = symbols }
            return (scenario, entry.seed, entry)
        }
        if let kind = CrashKind.allCases.first(where: { $0.name == name }) {
            do {
                // A sector crash needs symbols in and out of its sectors (DeFi by default).
                let fallback = kind == .sectorCrash ? ["UNI-USD", "AAVE-USD", "BTC-USD"] : ["BTC-USD"]
                return (try CrashScenario(CrashParameters(kind), symbols: symbols ?? fallback), 1, nil)
            } catch {
                preconditionFailure("the defaults of \(kind.name) are invalid: \(error)")
            }
        }
        let known = ScenarioLibrary.all.map(\.name) + CrashKind.allCases.map(\.name)
        throw UsageError("unknown scenario '\(name)' (known: \(known.joined(separator: ", ")))")
    }

    /// `stresscheck scenarios`: the library, one line each, then the crash kinds.
    static func list(console: Console, json: Bool) {
        if json {
            let entries = ScenarioLibrary.all.map { ScenarioListing(name: $0.name, kind: $0.kind.name, title: $0.title, source: $0.source) }
            console.output.write(JSONText.encode(ScenarioCatalog(library: entries, crashKinds: CrashKind.allCases.map(\.name))))
            return
        }
        let width = ScenarioLibrary.all.map(\.name.count).max() ?? 0
        console.print("SCENARIO LIBRARY (stresscheck simulate <name>):")
        for entry in ScenarioLibrary.all {
            console.print(
                "  " + entry.name.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                    + entry.kind.name.padding(toLength: 18, withPad: " ", startingAt: 0) + entry.title)
            console.print("  " + String(repeating: " ", count: width + 2 + 18) + "source: " + entry.source)
        }
        console.print("")
        console.print("CRASH KINDS (their default parameters): " + CrashKind.allCases.map(\.name).joined(separator: ", "))
    }

    /// `stresscheck simulate`: runs the scenario, prints its summary, writes the bars if asked.
    /// - Returns: 0, or 1 when a library scenario's run misses one of its calibration ranges.
    static func run(_ request: Request, console: Console) throws(UsageError) -> Int32 {
        let (scenario, defaultSeed, entry) = try resolve(request.scenario, symbols: request.symbols)
        // The CSV files are checked before the run, as every report file is (`OutputFile`).
        var csvFiles: [OutputFile] = []
        if let csv = request.csv {
            // With several symbols, the symbol goes into the file's name: a directory (or a path
            // ending in '/') has none, and 'sub/' would write 'sub-BTC-USD' beside it.
            var info = stat()
            if scenario.symbols.count > 1, csv.hasSuffix("/") || (stat(csv, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR) {
                throw UsageError(
                    "cannot write '\(csv)': it names a directory; give a file name (with several symbols, each symbol's goes before the extension)")
            }
            for symbol in scenario.symbols {
                csvFiles.append(try OutputFile.checked(csvPath(csv, symbol: symbol, symbols: scenario.symbols.count)))
            }
            // Two symbols whose names make one file name (`BTC/USD` and `BTC_USD`): the second
            // would overwrite the first's bars.
            try OutputFile.refuseSharedTargets(zip(scenario.symbols, csvFiles).map { ("--csv for \($0)", $1) })
        }
        let seed = request.seed ?? defaultSeed
        var choices = SeededChoices(seed: seed)
        let clock = ContinuousClock()
        let started = clock.now
        let result: CrashResult
        do {
            result = try CrashSimulator.run(scenario, choices: &choices)
        } catch {
            throw UsageError("scenario '\(request.scenario)': \(error.description)")
        }
        let wall = (clock.now - started) / .seconds(1)
        let outcomes = entry?.calibrate(result) ?? []
        var written: [String] = []
        if let csv = request.csv { written = try writeCSV(result, to: csv, checked: csvFiles) }
        let report = SimulationReport(
            name: request.scenario, seed: seed, result: result, outcomes: outcomes, wallSeconds: wall,
            csvFiles: written)
        if request.json {
            console.output.write(JSONText.encode(report))
        } else {
            console.output.write(report.text)
        }
        return outcomes.allSatisfy(\.passed) ? ExitStatus.passed : ExitStatus.failed
    }

    /// Writes each symbol's bars as CSV: to `path` for one symbol; otherwise to `path` with the
    /// symbol before the extension (`bars.csv` → `bars-BTC-USD.csv`).
    /// `checked` holds the files checked before the run; a series another symbol's file does not
    /// cover is checked now.
    static func writeCSV(_ result: CrashResult, to path: String, checked: [OutputFile] = []) throws(UsageError) -> [String] {
        var written: [String] = []
        for series in result.series {
            let name = csvPath(path, symbol: series.symbol.text, symbols: result.series.count)
            let file: OutputFile
            if let known = checked.first(where: { $0.path == name }) { file = known } else { file = try OutputFile.checked(name) }
            do {
                try file.write(Array(CSVWriter.text(series.bars).utf8))
            } catch {
                let before = written.isEmpty ? "" : " (written before it: \(written.map { "'\($0)'" }.joined(separator: ", ")))"
                throw UsageError("\(error.message)\(before)")
            }
            written.append(name)
        }
        return written
    }

    /// The CSV file of `symbol`: `path` itself for a single symbol, else `path` with the symbol
    /// (a `/` as `_`) before its extension.
    static func csvPath(_ path: String, symbol: String, symbols: Int) -> String {
        symbols == 1 ? path : insert(symbol.replacingOccurrences(of: "/", with: "_"), into: path)
    }

    private static func insert(_ symbol: String, into path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension
        let base = url.deletingPathExtension().path
        return ext.isEmpty ? "\(base)-\(symbol)" : "\(base)-\(symbol).\(ext)"
    }

}

/// One library entry in `scenarios --json`.
/// `scenarios --json`: the library, and the crash kinds `simulate` also takes by name.
struct ScenarioCatalog: Codable, Equatable {
    var library: [ScenarioListing]
    var crashKinds: [String]
}

struct ScenarioListing: Codable, Equatable {
    var name: String
    var kind: String
    var title: String
    var source: String
}
