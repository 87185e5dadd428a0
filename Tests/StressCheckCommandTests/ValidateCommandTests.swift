import Foundation
import MarketSim
import Testing
@testable import StressCheckCommand

/// `stresscheck validate`: text and JSON reports, exit statuses.
@Suite struct ValidateCommandTests {
    /// `count` clean one-minute GBM bars as CSV.
    private func cleanCSV(count: Int, seed: UInt64) throws -> String {
        var generator = try BarGenerator(model: PriceModelSpec.gbm(drift: 0, volatility: 0.8).model(interval: .minutes(1)), startPrice: 100)
        var choices = SeededChoices(seed: seed)
        return CSVWriter.text((0..<count).map { _ in generator.next(choices: &choices) })
    }

    private func write(_ text: String, _ name: String, in directory: String) throws -> String {
        let path = (directory as NSString).appendingPathComponent(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func cleanFilePassesWithStatus0() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try write(try cleanCSV(count: 200, seed: 1), "btc-usd.csv", in: directory)
        let run = Invocation(["validate", path])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output == "✓ \(path) (BTC-USD): 200 bars, clean\n✓ the file is clean\n")
        #expect(run.errors.isEmpty)
    }

    @Test func faultsAreListedWithFileLineAndKindWithStatus1() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var lines = try cleanCSV(count: 200, seed: 2).split(separator: "\n").map(String.init)
        lines[11] = lines[11].replacingOccurrences(of: #",[^,]*$"#, with: ",0", options: .regularExpression)  // bar 10: volume 0
        lines[51] = lines[50]  // bar 50: bar 49 again
        let faulty = try write(lines.joined(separator: "\n") + "\n", "ETH-USD.csv", in: directory)
        let clean = try write(try cleanCSV(count: 150, seed: 3), "SOL-USD.csv", in: directory)
        let run = Invocation(["validate", faulty, clean])
        #expect(run.status == 1, "\(run.output)")
        let output = run.output.split(separator: "\n").map(String.init)
        #expect(output.first == "✗ \(faulty) (ETH-USD): 200 bars, 2 faults (1 duplicateTimestamp, 1 zeroVolume)")
        #expect(output.dropFirst().first == "  \(faulty):12: zeroVolume at bar 10 (volume 0)")
        #expect(output.dropFirst(2).first?.hasPrefix("  \(faulty):52: duplicateTimestamp at bar 50 (") == true)
        #expect(output.contains("✓ \(clean) (SOL-USD): 150 bars, clean"))
        // The duplicate leaves ETH-USD without minute 50: 149 common timestamps.
        #expect(output.contains("Aligned on timestamps: 149 common bars; dropped ETH-USD 51, SOL-USD 1."))
        #expect(output.last == "✗ 2 faults in 1 of 2 files")
    }

    /// Several files that cannot be aligned say why, instead of leaving the alignment out.
    @Test func filesThatCannotBeAlignedSayWhy() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/other", withIntermediateDirectories: false)
        let first = try write(try cleanCSV(count: 20, seed: 5), "BTC-USD.csv", in: directory)
        let twin = try write(try cleanCSV(count: 20, seed: 6), "BTC-USD.csv", in: directory + "/other")
        let unnamed = try write(try cleanCSV(count: 20, seed: 7), "my prices.csv", in: directory)
        let twins = Invocation(["validate", first, twin])
        #expect(twins.output.contains("Not aligned on timestamps: '\(first)' and '\(twin)' are both BTC-USD.\n"), "\(twins.output)")
        let named = Invocation(["validate", first, unnamed])
        #expect(named.output.contains("Not aligned on timestamps: '\(unnamed)' is not named after a valid symbol (e.g. BTC-USD.csv).\n"), "\(named.output)")
        let missing = Invocation(["validate", first, directory + "/missing.csv"])
        #expect(missing.output.contains("Not aligned on timestamps: '\(directory)/missing.csv' did not load.\n"), "\(missing.output)")
        #expect(!Invocation(["validate", first]).output.contains("aligned"))
        let json = Invocation(["validate", "--json", first, twin])
        #expect(json.output.contains("\"alignmentSkipped\" : \"'\(first)' and '\(twin)' are both BTC-USD\""), "\(json.output)")
    }

    /// A header alone loads (no syntax error) but holds nothing to replay: not clean, status 1,
    /// said in the text and as `"empty": true` in JSON; a clean file beside it is still clean.
    @Test func fileWithAHeaderAloneIsNotClean() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let empty = try write("Date,Open,High,Low,Close,Volume\n", "BTC-USD.csv", in: directory)
        let clean = try write(try cleanCSV(count: 20, seed: 8), "ETH-USD.csv", in: directory)
        let run = Invocation(["validate", empty, clean])
        #expect(run.status == 1, "\(run.output)")
        let output = run.output.split(separator: "\n").map(String.init)
        #expect(output.first == "✗ \(empty) (BTC-USD): no data row (a header alone): no bar to validate or replay")
        #expect(output.contains("✓ \(clean) (ETH-USD): 20 bars, clean"))
        #expect(output.last == "✗ 1 file of 2 has no data row")
        let json = Invocation(["validate", "--json", empty, clean])
        #expect(json.status == 1)
        let document = try JSONDecoder().decode(ValidationDocument.self, from: Data(json.output.utf8))
        #expect(!document.clean)
        #expect(document.files.map(\.empty) == [true, false])
    }

    /// A series with fewer returns than the spike check needs (20) is clean of spikes only
    /// because none was looked for: the text says so under the file, JSON has `spikesChecked`
    /// false; one more bar and the note goes. Still clean, status 0: it is a note, not a fault.
    @Test func aSeriesTooShortForTheSpikeCheckSaysSo() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let short = try write(try cleanCSV(count: 20, seed: 8), "ETH-USD.csv", in: directory)
        let long = try write(try cleanCSV(count: 21, seed: 8), "BTC-USD.csv", in: directory)
        let run = Invocation(["validate", short, long])
        #expect(run.status == 0, "\(run.output)")
        let output = run.output.split(separator: "\n").map(String.init)
        let line = try #require(output.firstIndex(of: "✓ \(short) (ETH-USD): 20 bars, clean"))
        #expect(output[line + 1] == "  note: spikes not looked for: 19 returns, 20 needed")
        #expect(output.filter { $0.contains("spikes not looked for") }.count == 1)
        let json = Invocation(["validate", "--json", short, long])
        let document = try JSONDecoder().decode(ValidationDocument.self, from: Data(json.output.utf8))
        #expect(document.files.map(\.spikesChecked) == [false, true])
        #expect(document.clean)
        // A document written before the key existed still decodes (nil: not recorded).
        let older = json.output.replacingOccurrences(of: "\"spikesChecked\" : false,", with: "").replacingOccurrences(of: "\"spikesChecked\" : true,", with: "")
        #expect(older != json.output)
        let decoded = try JSONDecoder().decode(ValidationDocument.self, from: Data(older.utf8))
        #expect(decoded.files.map(\.spikesChecked) == [nil, nil])
    }

    @Test func intradayEquityNightsAreSessionBreaksNotGaps() throws {
        // Two weeks of one-minute bars, 14:30–21:00 UTC on weekdays: nine nights (a weekend
        // among them) that used to be nine gaps (exit 1).
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var bars: [Bar] = []
        for day in [2, 3, 4, 5, 6, 9, 10, 11, 12, 13] {
            let open = SimTime.seconds(1_672_531_200 + Int64(day - 1) * 86_400 + 14 * 3_600 + 30 * 60)  // 2023-01-day 14:30 UTC
            for minute in 0..<390 {
                let price = 100 + Double(minute % 7) * 0.01
                bars.append(Bar(time: open + .minutes(Int64(minute)), open: price, high: price + 0.02, low: price - 0.02, close: price + 0.01, volume: 1e5))
            }
        }
        let path = try write(CSVWriter.text(bars), "SPY.csv", in: directory)
        let run = Invocation(["validate", path])
        #expect(run.status == 0, "\(run.output)")
        #expect(
            run.output
                == "✓ \(path) (SPY): 3,900 bars, clean\n  note: 9 session breaks (nights, weekends, holidays of daily sessions) not counted as gaps\n"
                + "✓ the file is clean\n")
        let json = Invocation(["validate", "--json", path])
        let document = try JSONDecoder().decode(ValidationDocument.self, from: Data(json.output.utf8))
        #expect(document.clean && document.files.map(\.sessionBreaks) == [9])
    }

    @Test func unparsableFileGivesTheTypedErrorWithStatus2() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bad = try write("Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,1,1.5,10\n2024-01-03,1,2,oops,1.5,10\n", "bad.csv", in: directory)
        let clean = try write(try cleanCSV(count: 50, seed: 4), "ok.csv", in: directory)
        let missing = (directory as NSString).appendingPathComponent("missing.csv")
        let run = Invocation(["validate", bad, clean, missing])
        #expect(run.status == 2)
        let output = run.output.split(separator: "\n").map(String.init)
        #expect(output.first == "✗ \(bad): could not be loaded: \(bad), line 3, column 4 (Low): unparsable number \"oops\"")
        #expect(output.contains("✗ \(missing): could not be loaded: \(missing): no such file"))
        #expect(output.contains("✓ \(clean) (OK): 50 bars, clean"))
        #expect(output.last == "✗ 2 files of 3 could not be loaded")
        #expect(!run.output.contains("Aligned"))
    }

    @Test func jsonDocumentDecodes() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var lines = try cleanCSV(count: 100, seed: 5).split(separator: "\n").map(String.init)
        lines[21] = lines[21].replacingOccurrences(of: #"^([^,]*),[^,]*"#, with: "$1,nan", options: .regularExpression)
        let faulty = try write(lines.joined(separator: "\n"), "A.csv", in: directory)
        let bad = try write("Date,Open,High,Low,Close\n", "B.csv", in: directory)
        let run = Invocation(["validate", "--json", faulty, bad])
        #expect(run.status == 2)
        #expect(run.output.contains("\"alignment\" : null"))
        let document = try JSONDecoder().decode(ValidationDocument.self, from: Data(run.output.utf8))
        #expect(!document.clean && document.alignment == nil)
        #expect(document.files.map(\.file) == [faulty, bad])
        #expect(document.files[0].symbol == "A" && document.files[0].bars == 100 && document.files[0].error == nil)
        #expect(document.files[0].faultCounts == ["notANumber": 1])
        #expect(document.files[0].faults == [.init(kind: "notANumber", bar: 20, line: 22, detail: "open is NaN")])
        #expect(document.files[1].bars == 0 && document.files[1].faults.isEmpty)
        #expect(
            document.files[1].error
                == .init(
                    kind: "missingColumn", line: 1, column: nil, columnName: nil,
                    message: "\(bad), line 1: no Volume column in the header"))
        // Two clean files: aligned.
        let other = try write(try cleanCSV(count: 80, seed: 6), "C.csv", in: directory)
        let clean = try write(try cleanCSV(count: 100, seed: 7), "D.csv", in: directory)
        let aligned = Invocation(["validate", other, clean, "--json"])
        #expect(aligned.status == 0)
        let both = try JSONDecoder().decode(ValidationDocument.self, from: Data(aligned.output.utf8))
        #expect(both.clean && both.alignment == .init(commonBars: 80, dropped: ["C": 0, "D": 20]))
    }

    @Test func usageErrors() {
        let none = Invocation(["validate"])
        #expect(none.status == 2 && none.output.isEmpty)
        #expect(none.errors.hasPrefix("error: 'validate' needs a file (usage: stresscheck validate <file>…)\n\nUSAGE:"))
        let option = Invocation(["validate", "a.csv", "--cases", "3"])
        #expect(option.status == 2)
        #expect(option.errors.hasPrefix("error: option '--cases' does not apply to 'validate'\n"))
        #expect(Invocation(["help"]).output.contains("validate <file.csv>..."))
    }
}
