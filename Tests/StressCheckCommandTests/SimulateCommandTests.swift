import Foundation
import MarketSim
import Testing
@testable import StressCheckCommand

/// `stresscheck scenarios` and `stresscheck simulate`.
@Suite struct SimulateCommandTests {
    @Test func scenariosListsTheLibraryAndTheKinds() {
        let run = Invocation(["scenarios"])
        #expect(run.status == 0)
        for entry in ScenarioLibrary.all { #expect(run.output.contains(entry.name)) }
        #expect(run.output.contains("CRASH KINDS (their default parameters): flash-crash, gradual-decline, sector-crash, black-swan, liquidity-crisis"))
        let json = Invocation(["scenarios", "--json"])
        let catalog = try? JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        let entries = catalog?["library"] as? [[String: String]]
        #expect(entries?.map { $0["name"] ?? "" } == ScenarioLibrary.all.map(\.name))
        #expect(catalog?["crashKinds"] as? [String] == ["flash-crash", "gradual-decline", "sector-crash", "black-swan", "liquidity-crisis"])
    }

    @Test func simulatePrintsTheCrashAndItsCalibration() {
        let run = Invocation(["simulate", "flash-crash-2010"])
        #expect(run.status == 0, "\(run.output)\(run.errors)")
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "flash-crash-2010 (flash-crash, GBM) seed 20100506, simulation v\(CrashSimulator.version)")
        #expect(lines.contains { $0.hasPrefix("ES ") })
        #expect(lines.contains { $0.hasPrefix("phases: calm 600 bars (10m) → decline 240 bars (4m) → plunge 15 bars (15s)") })
        #expect(lines.filter { $0.hasPrefix("  ✓ ") }.count == ScenarioLibrary.named("flash-crash-2010")?.calibration.count)
        #expect(lines.contains { $0.hasPrefix("simulated 44m 20s (2660 bars) in ") && $0.hasSuffix("simulated hours per wall-clock second") })
    }

    /// The same seed gives the same fingerprint; another seed another one.
    @Test func simulateIsDeterministic() throws {
        func fingerprint(_ arguments: [String]) throws -> String {
            let run = Invocation(arguments)
            let object = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
            return object?["fingerprint"] as? String ?? ""
        }
        let first = try fingerprint(["simulate", "black-swan", "--symbols", "BTC-USD,ETH-USD", "--seed", "7", "--json"])
        #expect(first.count == 16)
        #expect(try fingerprint(["simulate", "black-swan", "--symbols", "BTC-USD,ETH-USD", "--seed", "7", "--json"]) == first)
        #expect(try fingerprint(["simulate", "black-swan", "--symbols", "BTC-USD,ETH-USD", "--seed", "8", "--json"]) != first)
    }

    @Test func simulateWritesOneCSVPerSymbolThatLoadsBack() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = (directory as NSString).appendingPathComponent("bars.csv")
        let run = Invocation(["simulate", "sector-crash", "--symbols", "UNI-USD,BTC-USD", "--csv", path])
        #expect(run.status == 0, "\(run.errors)")
        for symbol in ["UNI-USD", "BTC-USD"] {
            let file = (directory as NSString).appendingPathComponent("bars-\(symbol).csv")
            #expect(run.output.contains("bars written to \(file)"))
            let loaded = try CSVLoader.load(path: file)
            #expect(loaded.bars.count == 390)  // 1 h + 2 h + 30 min + 2 h + 1 h of minute bars
        }
    }

    @Test(arguments: [
        (["simulate"], "error: 'simulate' needs a scenario (usage: stresscheck simulate <scenario>)"),
        (["simulate", "nope"], "error: unknown scenario 'nope' (known: "),
        (["simulate", "flash-crash", "--symbols", "BTC-USD,"], "error: option '--symbols' expects symbols separated by commas"),
        (["simulate", "flash-crash", "--symbols", "btc"], "error: scenario 'flash-crash': scenario: symbol \"btc\" is invalid"),
        (["simulate", "flash-crash", "--cases", "3"], "error: option '--cases' does not apply to 'simulate'"),
        (["scenarios", "extra"], "error: unexpected argument 'extra'"),
    ])
    func usageErrorsExit2WithOneLine(arguments: [String], message: String) {
        let run = Invocation(arguments)
        #expect(run.status == 2)
        #expect(run.errors.hasPrefix(message), "\(run.errors.prefix(200))")
    }

    @Test func unwritableCSVIsAUsageError() {
        let run = Invocation(["simulate", "flash-crash", "--csv", "/nonexistent-dir/bars.csv"])
        #expect(run.status == 2)
        #expect(run.errors.hasPrefix("error: cannot write '/nonexistent-dir/bars.csv'"))
    }

    /// Two symbols whose names make one file name are refused before the run: one file would
    /// hold the second symbol's bars and the first's would be lost.
    @Test func symbolsSharingACSVFileNameAreRefused() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = (directory as NSString).appendingPathComponent("bars.csv")
        let run = Invocation(["simulate", "flash-crash", "--symbols", "BTC/USD,BTC_USD", "--csv", path])
        #expect(run.status == 2, "\(run.output)")
        let file = (directory as NSString).appendingPathComponent("bars-BTC_USD.csv")
        #expect(run.errors.hasPrefix("error: --csv for BTC/USD and --csv for BTC_USD name the same file '\(file)'"), "\(run.errors)")
        #expect(!FileManager.default.fileExists(atPath: file))
    }

    /// The CSV files are report files: checked before the run (a directory refused, nothing run)
    /// and written through a symbolic link, which stays a link.
    @Test func csvFilesAreCheckedBeforeTheRunAndLinksKept() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let refused = Invocation(["simulate", "flash-crash", "--csv", directory])
        #expect(refused.status == 2)
        #expect(refused.errors.hasPrefix("error: cannot write '\(directory)': it is a directory"), "\(refused.errors.prefix(200))")
        #expect(refused.output.isEmpty, "nothing ran")
        // With several symbols too (each symbol's file was written beside the directory).
        for csv in [directory, directory + "/", directory + "/missing/"] {
            let several = Invocation(["simulate", "flash-crash", "--symbols", "BTC-USD,ETH-USD", "--csv", csv])
            #expect(several.status == 2 && several.errors.hasPrefix("error: cannot write '\(csv)': it names a directory"), "\(csv): \(several.errors)")
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: (directory as NSString).deletingLastPathComponent).allSatisfy {
                !$0.hasPrefix((directory as NSString).lastPathComponent + "-")
            })
        let target = directory + "/target.csv"
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
        let link = directory + "/link.csv"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let run = Invocation(["simulate", "flash-crash", "--csv", link])
        #expect(run.status == 0, "\(run.errors)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try CSVLoader.load(path: target).bars.count > 0)
    }
}
