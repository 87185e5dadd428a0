import Foundation
import Testing
@testable import StressCheckCommand

/// The main job and `--json` say what happened to the corpus, every warning, the seed and why a
/// check failed (issue 9 §4).
@Suite struct CorpusReportingTests {
    /// A corpus root holding one file for `counter` with bytes its generator does not read.
    func corpusWithUnreadBytes() throws -> (root: String, file: String) {
        let root = try temporaryDirectory()
        let directory = (root as NSString).appendingPathComponent("counter")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let file = (directory as NSString).appendingPathComponent("trailing")
        #expect(FileManager.default.createFile(atPath: file, contents: Data([0, 7, 7, 7])))
        return (root, file)
    }

    @Test func jsonHasWarningsCorpusStatisticsAndNoFailureKindOnAPass() throws {
        let (root, file) = try corpusWithUnreadBytes()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = Invocation(["--json", "--cases", "20", "--seed", "5", "--corpus", root], machines: [TestMachines.counter()])
        #expect(run.status == 0, "\(run.output)\(run.errors)")
        let document = try JSONDecoder().decode(JSONReport.self, from: Data(run.output.utf8))
        #expect(document.passed)
        let warning = try #require(document.warnings.first)
        #expect(document.warnings.count == 1)
        #expect(warning.machine == "counter" && warning.kind == .unreadBytes && warning.path == file && warning.count == 1)
        let machine = try #require(document.machines.first)
        #expect(machine.warnings == document.warnings)
        #expect(machine.failureKind == nil)
        #expect(machine.corpus == CorpusReport(directory: (root as NSString).appendingPathComponent("counter"), replayed: 1))
        #expect(machine.seed == "0x0000000000000005")
        // Every key is there, `null` when empty, so that scripts see the same shape on a pass.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["passed", "machines", "warnings", "interrupted", "notRun"])
        let entry = try #require((object["machines"] as? [[String: Any]])?.first)
        #expect(entry["failureKind"] is NSNull)
        #expect((entry["corpus"] as? [String: Any])?["skipped"] as? [Any] != nil)
    }

    @Test func textOfTheMainJobShowsSeedCorpusFilesAndWarnings() throws {
        let (root, file) = try corpusWithUnreadBytes()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = Invocation(["--cases", "20", "--seed", "5", "--corpus", root], machines: [TestMachines.counter()])
        #expect(run.status == 0, "\(run.output)\(run.errors)")
        let first = run.output.split(separator: "\n").first ?? ""
        #expect(first.hasPrefix("✓ counter: PASS, 20 cases, "))
        #expect(first.hasSuffix("; seed 0x0000000000000005; 1 corpus file replayed"))
        #expect(
            run.output.hasSuffix(
                "\nWarning: counter: 1 corpus file(s) have bytes this check's generator does not read (first: \(file)); "
                    + "they were written by the fuzzer or for a different generator\n"))
    }

    @Test func failureKindTellsACounterexampleFromACoverageShortfall() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let machines = [
            TestMachines.counter("buggy", bugAtThree: true), TestMachines.counter("thin", impossibleCoverage: true),
            TestMachines.counter("fine"),
        ]
        let run = Invocation(["--json", "--cases", "100", "--no-save", "--corpus", root], machines: machines)
        #expect(run.status == 1)
        let document = try JSONDecoder().decode(JSONReport.self, from: Data(run.output.utf8))
        #expect(!document.passed)
        #expect(document.machines.map(\.failureKind) == [.counterexample, .coverageNotMet, nil])
        #expect(document.machines.map(\.passed) == [false, false, true])
        // No corpus file for these machines: nothing replayed, nothing skipped, nothing to warn about.
        #expect(document.machines.map { $0.corpus?.replayed } == [0, 0, 0])
        #expect(document.warnings.isEmpty)
    }

    @Test func withoutACorpusTheLineSaysSo() {
        let report = MachineReport(
            name: "m", passed: true, exitReason: "all cases passed", seed: "0x01", cases: 1, steps: 1, seconds: 1,
            stepsPerSecond: 1, labels: [:])
        #expect(ProgressDisplay.corpusSummary(report.corpus) == "no corpus")
        #expect(
            ProgressDisplay.corpusSummary(CorpusReport(directory: "d", replayed: 2, skipped: [.init(path: "d/x", reason: .fileUnreadable)]))
                == "2 corpus files replayed, 1 skipped")
    }
}

/// A corpus that is not where it is looked for, or not readable, is said so (issue 9 §4).
@Suite struct MissingCorpusTests {
    @Test func aMissingCorpusRootIsWarnedAboutOnceForEveryMachine() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let missing = (directory as NSString).appendingPathComponent("corpus")
        let machines = [TestMachines.counter("one"), TestMachines.counter("two")]
        let run = Invocation(["--cases", "10", "--corpus", missing], machines: machines)
        #expect(run.status == 0)
        #expect(run.output.contains("; 0 corpus files replayed\n"))
        #expect(
            run.output.hasSuffix(
                """

                Warning: one, two: the corpus directory \(missing) does not exist; no saved case was replayed
                The corpus is found relative to the working directory: run from the package root or pass --corpus <dir>.

                """))
        let json = Invocation(["--json", "--cases", "10", "--corpus", missing], machines: machines)
        let document = try JSONDecoder().decode(JSONReport.self, from: Data(json.output.utf8))
        #expect(document.warnings.map(\.kind) == [.corpusMissing, .corpusMissing])
        #expect(document.warnings.map(\.machine) == ["one", "two"])
        #expect(document.warnings.allSatisfy { $0.path == missing })
    }

    @Test func aDanglingCorpusLinkIsNotTreatedAsEmpty() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let link = (directory as NSString).appendingPathComponent("corpus")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: (directory as NSString).appendingPathComponent("gone"))
        let run = Invocation(["check", "counter", "--cases", "10", "--corpus", link], machines: [TestMachines.counter()])
        #expect(run.status == 0)
        #expect(run.output.contains("\nWarning: the corpus directory \(link) is a symbolic link to nothing; no saved case was replayed"))
    }
}

/// `replay` and `minimize` say when the bytes were not all read, and never read without bound
/// (issue 9 §4). Unread bytes are a warning, not a failure: the verdict on the bytes read stands.
@Suite struct InputWarningTests {
    func file(_ bytes: [UInt8]) throws -> (directory: String, path: String) {
        let directory = try temporaryDirectory()
        let path = (directory as NSString).appendingPathComponent("input")
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        return (directory, path)
    }

    @Test func replayOfBytesTheGeneratorDoesNotReadWarns() throws {
        let (directory, path) = try file([0, 7, 7, 7])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let machines = [TestMachines.counter()]
        let run = Invocation(["replay", "counter", path], machines: machines)
        #expect(run.status == 0)
        #expect(
            run.output == """
                ✓ counter: \(path) passes (0 commands from 4 bytes)
                Warning: 3 bytes of 4 this check's generator did not read: the input was written for another check or an older generator, or is not an input

                """)
        let json = Invocation(["replay", "counter", path, "--json"], machines: machines)
        let document = try JSONDecoder().decode(JSONReport.self, from: Data(json.output.utf8))
        #expect(document.passed)
        #expect(document.warnings.map(\.kind) == [.unreadBytes])
        #expect(document.warnings.first?.count == 3)
        #expect(document.machines.first?.corpus == nil)

        let minimize = Invocation(["minimize", "counter", path, "--no-save"], machines: machines)
        #expect(minimize.status == 0)
        #expect(minimize.output.contains("\nWarning: 3 bytes of 4 this check's generator did not read"))
    }

    @Test func aFailingReplayKeepsItsVerdictAndWarns() throws {
        // Three increments (a "more?" flag each; one kind, so no kind byte), the last "more?", two stray bytes.
        let (directory, path) = try file([1, 1, 1, 0, 9, 9])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = Invocation(["replay", "buggy", path], machines: [TestMachines.counter("buggy", bugAtThree: true)])
        #expect(run.status == 1, "\(run.output)")
        #expect(run.output.contains("\nWarning: 2 bytes of 6 this check's generator did not read"))
    }

    @Test func anEmptyInputSaysSo() throws {
        let (directory, path) = try file([])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = Invocation(["replay", "counter", path], machines: [TestMachines.counter()])
        #expect(run.status == 0)
        #expect(run.output.contains("\nWarning: \(path) is empty: it replays the simplest case (every choice 0), not a saved one"), "\(run.output)")
        let json = Invocation(["replay", "counter", path, "--json"], machines: [TestMachines.counter()])
        let document = try JSONDecoder().decode(JSONReport.self, from: Data(json.output.utf8))
        #expect(document.warnings.map(\.kind) == [.inputEmpty])
    }

    @Test func replayOfDevZeroReadsAtMostOneInput() throws {
        let run = Invocation(["replay", "counter", "/dev/zero", "--json"], machines: [TestMachines.counter()])
        #expect(run.status == 0)
        let document = try JSONDecoder().decode(JSONReport.self, from: Data(run.output.utf8))
        #expect(document.warnings.map(\.kind) == [.inputTooLong, .unreadBytes])
        #expect(document.warnings.first?.message == "/dev/zero is longer than any input can be (16,384 bytes); only its first 16,384 bytes were read")
        let text = Invocation(["replay", "counter", "/dev/zero"], machines: [TestMachines.counter()])
        #expect(text.output.hasPrefix("✓ counter: /dev/zero passes (0 commands from 16,384 bytes)\nWarning: /dev/zero is longer than any input can be"))
    }

    @Test func inputFileStopsOneBytePastTheLimit() throws {
        let (directory, path) = try file([UInt8](repeating: 1, count: 10))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try InputFile.read(path, limit: 10) == InputFile.Contents(bytes: [UInt8](repeating: 1, count: 10), isTruncated: false))
        #expect(try InputFile.read(path, limit: 9) == InputFile.Contents(bytes: [UInt8](repeating: 1, count: 9), isTruncated: true))
    }
}
