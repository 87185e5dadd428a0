import Foundation
import MarketSim
import StressRun
import Testing
@testable import StressCheckCommand

/// `stresscheck stress --replay`: a user's CSV files through the stack, and every way bad input
/// is refused before anything runs.
@Suite struct StressReplayCommandTests {
    /// Minute bars from 2020-03-12T09:00:00Z with these closes (each opening at the previous close).
    static func csv(_ closes: [Double], gapAfter: Int? = nil) -> String {
        var lines = ["Date,Open,High,Low,Close,Volume"]
        var previous = closes.first ?? 1
        let start = SimTime.seconds(1_584_003_600)
        for (i, close) in closes.enumerated() {
            var time = start + .minutes(Int64(i))
            if let gapAfter, i > gapAfter { time = time + .hours(16) }
            lines.append("\(CivilTime(time).iso8601),\(previous),\(max(previous, close) * 1.0001),\(min(previous, close) * 0.9999),\(close),1000")
            previous = close
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A calm hour around `level`, a 4% slide over 40 minutes, a calm hour.
    static func dip(_ level: Double) -> [Double] {
        let calm = (0..<60).map { (i: Int) -> Double in level * (1 + 0.0002 * sin(Double(i) * 0.7)) }
        let slide = (1...40).map { (i: Int) -> Double in level * (1 - 0.001 * Double(i)) }
        return calm + slide + calm.map { $0 * 0.96 }
    }

    /// A directory with `AAA.csv` (price level 10) and `BBB.csv` (5000), 160 bars each.
    static func files() throws -> (directory: String, a: String, b: String) {
        let directory = try temporaryDirectory()
        let a = directory + "/AAA.csv"
        let b = directory + "/BBB.csv"
        try csv(dip(10)).write(toFile: a, atomically: true, encoding: .utf8)
        try csv(dip(5000)).write(toFile: b, atomically: true, encoding: .utf8)
        return (directory, a, b)
    }

    @Test func aReplayRunsEveryStrategyWithTheLibrarysReport() throws {
        let (directory, a, b) = try Self.files()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = Invocation(["stress", "--replay", a, b, "--parallel", "2"])
        #expect(run.status == 0, "\(run.output)\(run.errors)")
        let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "replay: 2 files, 160 common bars from 2020-03-12T09:00:00Z to 2020-03-12T11:39:00Z, interval 1m; calm venue")
        #expect(lines.contains("  \(a) (AAA): 160 bars"))
        #expect(lines.contains { $0.hasPrefix("✓ stress: 3 runs (1 replay × 3 strategies × 1 seed); calm venue; 2 workers, ") })
        #expect(lines.contains { $0.hasPrefix("passed 3 of 3; safety violations 0 (0 runs); liveness 0 held, 3 not judged, 0 failed") })
        #expect(lines.contains { $0.hasPrefix("replay AAA,BBB ") })
        // The same files give the same summary (but the wall-clock line).
        let again = Invocation(["stress", "--replay", a, b, "--parallel", "1"])
        let withoutClock = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix("✓ stress:") } }
        #expect(withoutClock(again.output) == withoutClock(run.output))
    }

    @Test func aSingleFileInAWindowWithOneStrategyAndSeeds() throws {
        let (directory, a, _) = try Self.files()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let day = Invocation(["stress", "--replay", a, "--from", "2020-03-12", "--to", "2020-03-12", "--strategy", "buy-the-dip"])
        #expect(day.status == 0, "\(day.errors)")
        #expect(day.output.hasPrefix("replay: 1 file, 160 common bars"))
        let window = Invocation(["stress", "--replay", a, "--from", "2020-03-12T09:30:00Z", "--to", "2020-03-12T10:29:00Z", "--seeds", "2"])
        #expect(window.status == 0, "\(window.errors)")
        #expect(window.output.hasPrefix("replay: 1 file, 60 common bars from 2020-03-12T09:30:00Z to 2020-03-12T10:29:00Z, interval 1m; venue faults drawn"))
        #expect(window.output.contains("✓ stress: 6 runs (1 replay × 3 strategies × 2 seeds); campaign seed 0x000000005eed0012"))
        let item = Invocation(["stress", "--replay", a, "--strategy", "buy-the-dip", "--item", "0"])
        #expect(item.status == 0 && item.output.contains("✓ item 0: replay AAA / buy-the-dip, calm venue"), "\(item.output)\(item.errors)")
    }

    @Test func jsonAndHTMLReportTheReplay() throws {
        let (directory, a, b) = try Self.files()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let html = directory + "/report.html"
        let run = Invocation(["stress", "--replay", a, b, "--json", "--html", html])
        #expect(run.status == 0, "\(run.errors)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(document["passed"] as? Bool == true)
        #expect(document["scenarios"] as? [String] == ["replay AAA,BBB"])
        let replay = try #require(document["replay"] as? [String: Any])
        #expect(replay["bars"] as? Int == 160 && replay["calmVenue"] as? Bool == true && replay["intervalSeconds"] as? Double == 60)
        #expect((replay["files"] as? [[String: Any]])?.map { $0["symbol"] as? String } == ["AAA", "BBB"])
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("stresscheck stress — 3 runs, 3 passed"))
        #expect(page.contains("historic, calm venue"))
        // A library run's document has the key, null.
        let library = Invocation(["stress", "flash-crash-2010", "--strategy", "momentum", "--seeds", "1", "--json"])
        let plain = try #require(try JSONSerialization.jsonObject(with: Data(library.output.utf8)) as? [String: Any])
        #expect(plain["replay"] is NSNull)
    }

    /// A file too short for the validator's spike check replays, and its line says no spike was
    /// looked for in it.
    @Test func aFileTooShortForTheSpikeCheckSaysSo() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/TINY.csv"
        try Self.csv(Array(Self.dip(100).prefix(15))).write(toFile: path, atomically: true, encoding: .utf8)
        let run = Invocation(["stress", "--replay", path, "--strategy", "momentum"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("  \(path) (TINY): 15 bars; spikes not looked for (14 returns, 20 needed)\n"), "\(run.output)")
        let (filesDirectory, a, _) = try Self.files()
        defer { try? FileManager.default.removeItem(atPath: filesDirectory) }
        #expect(!Invocation(["stress", "--replay", a, "--strategy", "momentum"]).output.contains("spikes not looked for"))
    }

    @Test func aGapIsAWarningAndTheClockStepsAcrossIt() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/GAP.csv"
        try Self.csv(Self.dip(100), gapAfter: 79).write(toFile: path, atomically: true, encoding: .utf8)
        let run = Invocation(["stress", "--replay", path, "--strategy", "momentum"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("(GAP): 160 bars; 1 gap (not refused: the clock steps across), first at line 82"), "\(run.output)")
    }

    @Test func badInputIsATypedErrorExitTwoAndNothingRunsOrIsOverwritten() throws {
        let (directory, a, _) = try Self.files()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let html = directory + "/report.html"
        try "keep".write(toFile: html, atomically: true, encoding: .utf8)
        let broken = directory + "/BROKEN.csv"
        let faulty = directory + "/FAULTY.csv"
        try "Date,Open,High,Low,Close,Volume\n2020-03-12,1,2,0.5,1.5,10\n2020-03-13,1,2\n".write(toFile: broken, atomically: true, encoding: .utf8)
        try Self.csv(Self.dip(100)).replacingOccurrences(of: ",1000\n2020-03-12T09:05:00Z,", with: ",1000\n2020-03-12T09:05:00Z,-")
            .write(toFile: faulty, atomically: true, encoding: .utf8)
        let cases: [(arguments: [String], message: String)] = [
            (["--replay", directory + "/MISSING.csv"], "error: \(directory)/MISSING.csv: no such file"),
            (["--replay", broken], "error: \(broken), line 3"),
            (["--replay", faulty], "error: \(faulty) does not validate: "),
            (["--replay", a, "--from", "2020-13-45"], "error: option '--from' expects a date YYYY-MM-DD or an ISO 8601 time"),
            (["--replay", a, "--to", "yesterday"], "error: option '--to' expects a date"),
            (["--replay", a, "--from", "2020-03-13", "--to", "2020-03-12"], "error: --from 2020-03-13 is after --to 2020-03-12"),
            (
                ["--replay", a, "--from", "2021-01-01"],
                "error: no common bar from --from 2021-01-01 to the end; a replay needs at least 2, and the data's common bars run from 2020-03-12T09:00:00Z"
            ),
            (["--replay", a, "flash-crash-2010"], "error: 'flash-crash-2010' is a library scenario: --replay runs CSV files only"),
            (["--replay", a, directory + "/aaa.csv"], "error: '\(a)' and '\(directory)/aaa.csv' are both symbol AAA"),
            (["--replay", a, "--output", directory + "/x.jsonl"], "error: option '--output' does not apply to a replay"),
            (["flash-crash-2010", "--from", "2020-03-12"], "error: --from and --to apply only to --replay"),
        ]
        try Self.csv(Self.dip(7)).write(toFile: directory + "/aaa.csv", atomically: true, encoding: .utf8)
        for (arguments, message) in cases {
            let run = Invocation(["stress"] + arguments + ["--html", html])
            #expect(run.status == 2, "\(arguments)")
            #expect(run.errors.hasPrefix(message), "\(arguments): \(run.errors)")
            #expect(run.output.isEmpty, "\(arguments): nothing ran")
            #expect(try String(contentsOfFile: html, encoding: .utf8) == "keep", "\(arguments)")
        }
        // The refusal names the file, the line and the fault.
        let refused = Invocation(["stress", "--replay", faulty])
        #expect(refused.errors.contains("  \(faulty):7: nonPositivePrice at bar 5"), "\(refused.errors)")
        #expect(refused.errors.hasSuffix("Nothing was run.\n"))
    }

    @Test func prepareThrowsTypedErrors() throws {
        let (directory, a, _) = try Self.files()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var options = Options()
        options.from = "2020-03-13"
        options.to = "2020-03-12"
        #expect(throws: ReplayError.fromAfterTo(from: "2020-03-13", to: "2020-03-12")) { try StressReplay.prepare(files: [a], options: options) }
        options.to = "12/03/2020"
        #expect(throws: ReplayError.invalidDate(option: "--to", "12/03/2020")) { try StressReplay.prepare(files: [a], options: options) }
        #expect(throws: ReplayError.scenarioWithReplay("btc-2020-03-12")) { try StressReplay.prepare(files: [a, "btc-2020-03-12"], options: Options()) }
        // More files than a run takes symbols: refused before any is read (these do not exist).
        let many = (0...CrashSimulator.maxSymbols).map { "\(directory)/missing-\($0).csv" }
        #expect(throws: ReplayError.market(.tooManySymbols(CrashSimulator.maxSymbols + 1, limit: CrashSimulator.maxSymbols), files: [], from: nil, to: nil)) {
            try StressReplay.prepare(files: many, options: Options())
        }
        options = Options()
        options.from = "2021-01-01"
        do {
            _ = try StressReplay.prepare(files: [a], options: options)
            Issue.record("an empty window runs")
        } catch {
            guard case .market(.tooFewBars(0, _, _, _, _), _, _, _) = error else {
                Issue.record("\(error)")
                return
            }
        }
        do {
            _ = try StressReplay.prepare(files: [directory + "/NONE.csv"], options: Options())
            Issue.record("a missing file runs")
        } catch {
            guard case .unloadable(let csv) = error, csv.kind == .fileNotFound else {
                Issue.record("\(error)")
                return
            }
        }
        let prepared = try StressReplay.prepare(files: [a], options: Options())
        #expect(prepared.replay.calmVenue && prepared.replay.market.times.count == 160 && prepared.replay.arguments == ["--replay", a])
    }
}
