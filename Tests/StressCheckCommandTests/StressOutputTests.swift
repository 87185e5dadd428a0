import Foundation
import MarketSim
import StressRun
import Testing
@testable import StressCheckCommand

/// What `stress` and `merge` write, and what they refuse to touch: report files checked before
/// anything runs, inputs never replaced, an interrupted batch never reported as passed, a shard
/// file with a key the writer never writes refused, and replay errors that name the file.
@Suite struct StressOutputTests {
    static let small = StressCommandTests.small

    @Test func aReportFileThatIsNotARegularFileIsRefusedBeforeAnythingRuns() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cases: [([String], String)] = [
            (["--output", directory], "cannot write '\(directory)': it is a directory; give a file name"),
            (["--html", directory], "cannot write '\(directory)': it is a directory; give a file name"),
            (["--output", "/dev/null"], "cannot write '/dev/null': it is a device; give a file name"),
            (["--output", directory + "/a.jsonl", "--html", directory + "/a.jsonl"], "--output and --html name the same file"),
            (["--output", ""], "option '--output' needs a file path"),
        ]
        for (arguments, message) in cases {
            let run = Invocation(Self.small + arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.errors.contains(message), "\(arguments): \(run.errors)")
            #expect(run.output.isEmpty, "\(arguments): nothing ran")
        }
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "/dev/null is still the device")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    @Test func oneFileSpelledTwoWaysOrAStandardStreamIsRefused() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/sub", withIntermediateDirectories: false)
        // Neither exists yet: the same directory, reached two ways, holds one new file.
        for other in [directory + "/sub/../b.jsonl", directory + "/./b.jsonl", directory + "//b.jsonl"] {
            let run = Invocation(Self.small + ["--output", directory + "/b.jsonl", "--html", other])
            #expect(run.status == 2, "\(other)")
            #expect(run.errors.contains("--output and --html name the same file"), "\(other): \(run.errors)")
        }
        // A name that ends as a directory's is not a file, even when nothing is there yet.
        for name in [directory + "/results/", directory + "/.", directory + "/sub/.."] {
            let run = Invocation(Self.small + ["--output", name])
            #expect(run.status == 2 && run.errors.contains("cannot write '\(name)': it names a directory"), "\(name): \(run.errors)")
        }
        for stream in ["/dev/stdout", "/dev/stderr", "/dev/stdin", "-"] {
            let run = Invocation(Self.small + ["--output", stream])
            #expect(run.status == 2 && run.errors.contains("cannot write '\(stream)': it is the standard "), "\(stream): \(run.errors)")
        }
        // Standard output redirected to a file (`--output /dev/stdout > so.txt` reaches it as
        // /proc/self/fd/1 and then the file): that file is refused by what it is, not its name.
        let redirected = directory + "/so.txt"
        let descriptor = open(redirected, O_WRONLY | O_CREAT, 0o644)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        #expect(throws: UsageError.self) { try OutputFile.checked(redirected, streams: [(descriptor, "output")]) }
        do {
            _ = try OutputFile.checked(redirected, streams: [(descriptor, "output")])
        } catch {
            #expect(error.message == "cannot write '\(redirected)': it is the file the standard output goes to; give another file name")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["so.txt", "sub"], "nothing written")
    }

    @Test func aSymbolicLinkIsFollowedAndKept() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/real", withIntermediateDirectories: false)
        let target = directory + "/real/target.jsonl"
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
        let link = directory + "/link.jsonl"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let run = Invocation(Self.small + ["--output", link])
        #expect(run.status == 0, "\(run.errors)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("{\"campaignSeed\""))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/real") == ["target.jsonl"], "no temporary file left")
        let dangling = directory + "/dangling.jsonl"
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: directory + "/missing/x.jsonl")
        let refused = Invocation(Self.small + ["--output", dangling])
        #expect(refused.status == 2)
        #expect(refused.errors.contains("cannot write '\(dangling)': it is a symbolic link to nothing"), "\(refused.errors)")
    }

    @Test func aFileThatCannotBeWrittenSaysWhichAndWhy() throws {
        let directory = try temporaryDirectory()
        let file = try OutputFile.checked(directory + "/report.html")
        try FileManager.default.removeItem(atPath: directory)
        #expect(throws: UsageError.self) { try file.write(Array("x".utf8)) }
        do {
            try file.write(Array("x".utf8))
        } catch {
            #expect(error.message.hasPrefix("cannot write '\(directory)/report.html': creating '"), "\(error.message)")
            #expect(error.message.hasSuffix("failed: No such file or directory"), "\(error.message)")
        }
    }

    @Test func mergeNeverReplacesOneOfItsInputs() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var shards: [String] = []
        for index in 0..<2 {
            shards.append(directory + "/s\(index).jsonl")
            #expect(Invocation(Self.small + ["--shard-index", "\(index)", "--shard-count", "2", "--output", shards[index]]).status == 0)
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: shards[0]))
        let run = Invocation(["merge"] + shards + ["--output", shards[0]])
        #expect(run.status == 2)
        #expect(run.errors.contains("--output '\(shards[0])' is the input '\(shards[0])'"), "\(run.errors)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: shards[0])) == before)
        // The same file under another name (a link) is the same input.
        let alias = directory + "/alias.jsonl"
        try FileManager.default.createSymbolicLink(atPath: alias, withDestinationPath: shards[1])
        #expect(Invocation(["merge"] + shards + ["--output", alias]).status == 2)
        #expect(Invocation(["merge"] + shards + ["--output", directory + "/merged.jsonl"]).status == 0)
    }

    @Test func anInterruptedBatchIsNeitherPassedNorComplete() throws {
        let run = Invocation(Self.small + ["--json"], interruption: Interruption { SIGINT })
        #expect(run.status == 130)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(document["passed"] as? Bool == false)
        #expect(document["interrupted"] as? String == "SIGINT")
        #expect(document["plannedRuns"] as? Int == 4)
        #expect((document["summary"] as? [String: Any])?["runs"] as? Int == 0)
        let whole = try #require(try JSONSerialization.jsonObject(with: Data(Invocation(Self.small + ["--json"]).output.utf8)) as? [String: Any])
        #expect(whole["passed"] as? Bool == true)
        #expect(whole["interrupted"] is NSNull)
        #expect(whole["plannedRuns"] as? Int == 4)
        // On a terminal the progress line is erased before the summary.
        let terminal = Invocation(Self.small, terminal: true, interruption: Interruption { SIGINT })
        #expect(terminal.output.hasPrefix("\r\u{1B}[2K■ stress: 0 of 4 runs, interrupted"), "\(terminal.output.debugDescription)")
    }

    @Test func aKeyTheWriterNeverWritesIsRefusedOnAnyLine() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/s.jsonl"
        #expect(Invocation(Self.small + ["--output", path]).status == 0)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        for (number, name) in [(0, "header"), (1, "item"), (5, "footer")] {
            var edited = lines
            edited[number] = "{\"extra\":1," + edited[number].dropFirst()
            let file = directory + "/\(name).jsonl"
            try Data((edited.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: file))
            let run = Invocation(["merge", file])
            #expect(run.status == 2, "\(name)")
            #expect(run.errors.contains("line \(number + 1): extra: unknown key"), "\(name): \(run.errors)")
            do {
                _ = try ShardFile(parsing: Array(edited.joined(separator: "\n").utf8) + [0x0A])
                Issue.record("\(name): an unknown key is read")
            } catch {
                #expect(error.kind == .field)
            }
        }
    }

    @Test func anItemRerunsInsideTheShardedJobThatPrintedIt() {
        let run = Invocation(Self.small + ["--item", "1"], environment: ["JOB_COMPLETION_INDEX": "2"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.hasPrefix("✓ item 1: "))
    }

    @Test func replayErrorsNameTheFileAndTheWindowAsWritten() throws {
        let (directory, a, _) = try StressReplayCommandTests.files()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let empty = directory + "/EMPTY.csv"
        try "Date,Open,High,Low,Close,Volume\n".write(toFile: empty, atomically: true, encoding: .utf8)
        let later = directory + "/LATER.csv"
        try StressReplayCommandTests.csv(StressReplayCommandTests.dip(50)).replacingOccurrences(of: "2020-03-12", with: "2020-03-13")
            .write(toFile: later, atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["--replay", empty], "error: \(empty) has no data row (a header alone): a replay needs bars"),
            (
                ["--replay", a, later],
                "error: the files share no timestamp, so aligning them leaves no bar: \(a) runs from 2020-03-12T09:00:00Z to 2020-03-12T11:39:00Z; "
                    + "\(later) runs from 2020-03-13T09:00:00Z to 2020-03-13T11:39:00Z"
            ),
            (
                ["--replay", a, "--from", "2020-03-12T09:00:00Z", "--to", "2020-03-12T09:00:30Z"],
                "error: only 1 common bar from --from 2020-03-12T09:00:00Z to --to 2020-03-12T09:00:30Z (inclusive); a replay needs at least 2"
            ),
        ]
        for (arguments, message) in cases {
            let run = Invocation(["stress"] + arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.errors.contains(message), "\(arguments): \(run.errors)")
        }
        let sharded = Invocation(["stress", "--replay", a, "--strategy", "momentum"], environment: ["JOB_COMPLETION_INDEX": "1"])
        #expect(sharded.status == 0, "\(sharded.errors)")
        #expect(sharded.errors.contains("warning: JOB_COMPLETION_INDEX is set, but a replay is not sharded: this process runs all of it"))
    }
}
