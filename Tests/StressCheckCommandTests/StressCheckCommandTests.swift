import Foundation
import PropertyCheck
import Testing
import TradingChecks
@testable import StressCheckCommand

/// One call of `main(arguments:)` with its output captured.
struct Invocation {
    let status: Int32
    let output: String
    let errors: String

    init(
        _ arguments: [String], terminal: Bool = false, machines: [MachineEntry] = Machines.all, interruption: Interruption = .never,
        environment: [String: String] = [:]
    ) {
        let output = TextBuffer()
        let errors = TextBuffer()
        status = StressCheckCommand.main(
            arguments: arguments, console: Console(output: output, errors: errors, isTerminal: terminal),
            machines: machines, interruption: interruption, environment: environment)
        self.output = output.text
        self.errors = errors.text
    }
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> String {
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("stresscheck-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite struct StressCheckCommandTests {
    @Test func listNamesEveryMachineWithItsSummary() {
        let run = Invocation(["list"])
        #expect(run.status == 0)
        #expect(run.errors.isEmpty)
        let first = run.output.split(separator: "\n").first ?? ""
        #expect(first.hasPrefix("position  ") && first.hasSuffix("  NORMAL / DRAIN / FORCED_UNWIND: position cap, drain orders, forced unwind"))
        // Summaries line up in one column.
        let columns = Set(run.output.split(separator: "\n").map { $0.range(of: "  ")?.lowerBound.utf16Offset(in: $0) ?? -1 })
        #expect(!columns.contains(-1))
    }

    @Test func helpPrintsUsageToStandardOutput() {
        for arguments in [["--help"], ["-h"], ["help"]] {
            let run = Invocation(arguments)
            #expect(run.status == 0)
            #expect(run.output.hasPrefix("USAGE: stresscheck [<subcommand>] [<options>]"))
            #expect(run.output.contains("MACHINES: position"))
            #expect(run.errors.isEmpty)
        }
    }

    @Test func checkPositionPasses() throws {
        let corpus = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: corpus) }
        let run = Invocation(["check", "position", "--cases", "50", "--seed", "1", "--corpus", corpus])
        #expect(run.status == 0, "\(run.output)\(run.errors)")
        #expect(run.errors.isEmpty)
        let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix("✓ position: PASS, 50 cases, ") == true)
        #expect(run.output.contains("\nmachine   seed                cases"))
        #expect(lines.contains { $0.hasPrefix("position  0x0000000000000001     50") && $0.hasSuffix("PASS") })
        #expect(run.output.contains("✓ position: 50 cases passed, 12 edge cases before them (seed 0x0000000000000001)"))
        // Not a terminal: no carriage returns or escape sequences.
        #expect(!run.output.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" })
    }

    @Test func checkJSONDecodes() throws {
        let corpus = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: corpus) }
        let run = Invocation(["check", "position", "--cases", "300", "--seed", "0x2a", "--json", "--corpus", corpus], terminal: true)
        #expect(run.status == 0)
        let report = try JSONDecoder().decode(JSONReport.self, from: Data(run.output.utf8))
        #expect(report.passed)
        let machine = try #require(report.machines.first)
        #expect(report.machines.count == 1)
        #expect(machine.name == "position")
        #expect(machine.seed == "0x000000000000002A")
        #expect(machine.cases >= 300)
        #expect(machine.steps > 0)
        #expect(machine.seconds > 0)
        #expect(machine.stepsPerSecond > 0)
        #expect(machine.labels["command open"] ?? 0 > 0)
        #expect(machine.counterexample == nil)
        // JSON mode shows no progress, even on a terminal.
        #expect(!run.output.contains("\r"))
    }

    @Test func terminalProgressIsALiveLine() throws {
        let corpus = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: corpus) }
        let run = Invocation(["check", "position", "--cases", "300", "--corpus", corpus], terminal: true)
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("\r\u{1B}[2K… position: 0 / 300 cases\r\u{1B}[2K… position: 256 / 300 cases"))
        #expect(run.output.contains("\r\u{1B}[2K✓ position: PASS, "))
    }

    @Test func replayAndMinimizeOfAPassingInput() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = (directory as NSString).appendingPathComponent("empty")
        #expect(FileManager.default.createFile(atPath: file, contents: Data()))
        let corpus = (directory as NSString).appendingPathComponent("corpus")

        let replay = Invocation(["replay", "position", file])
        #expect(replay.status == 0, "\(replay.output)\(replay.errors)")
        // An empty file replays the simplest case: it passes, and says it was empty.
        let empty = "Warning: \(file) is empty: it replays the simplest case (every choice 0), not a saved one\n"
        #expect(replay.output == "✓ position: \(file) passes (0 commands from 0 bytes)\n" + empty)

        let minimize = Invocation(["minimize", "position", file, "--corpus", corpus])
        #expect(minimize.status == 0)
        #expect(minimize.output.hasPrefix("✓ position: \(file) passes (0 commands); nothing to minimize, nothing written\n"), "\(minimize.output)")
        #expect(minimize.output.contains(empty), "\(minimize.output)")
        #expect(!FileManager.default.fileExists(atPath: corpus))

        let json = Invocation(["minimize", "position", file, "--corpus", corpus, "--json"])
        #expect(json.status == 0)
        let report = try JSONDecoder().decode(JSONReport.self, from: Data(json.output.utf8))
        #expect(report.passed && report.machines.first?.savedPath == nil)
        #expect(!FileManager.default.fileExists(atPath: corpus))
    }

    @Test func unknownMachineIsAUsageError() {
        for arguments in [["check", "nope"], ["replay", "nope", "file"], ["minimize", "nope", "file"]] {
            let run = Invocation(arguments)
            #expect(run.status == 2)
            #expect(run.output.isEmpty)
            #expect(run.errors.hasPrefix("error: unknown machine 'nope' (known machines: position"))
            #expect(run.errors.contains("\n\nUSAGE: stresscheck"))
        }
    }

    @Test func unreadableFileIsAUsageError() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let missing = (directory as NSString).appendingPathComponent("missing")
        let run = Invocation(["replay", "position", missing])
        #expect(run.status == 2)
        #expect(run.errors.hasPrefix("error: cannot read '\(missing)': No such file or directory\n"))
        let folder = Invocation(["minimize", "position", directory])
        #expect(folder.status == 2)
        #expect(folder.errors.hasPrefix("error: cannot read '\(directory)': Is a directory\n"))
    }

    @Test func badNumbersAreUsageErrors() {
        let run = Invocation(["check", "position", "--cases", "-3"])
        #expect(run.status == 2)
        #expect(run.output.isEmpty)
        #expect(run.errors.hasPrefix("error: option '--cases' expects a positive whole number, got '-3'\n\nUSAGE:"))
    }
}

/// A `STRESSCHECK_SEED` that is not a seed stops the command line before anything runs, naming
/// the variable (a check would otherwise run with another seed than the one asked for).
@Suite struct SeedVariableCommandTests {
    @Test func aSeedVariableThatIsNotASeedIsAUsageError() {
        let run = Invocation(["check", "position", "--cases", "5"], environment: ["STRESSCHECK_SEED": "banana"])
        #expect(run.status == 2)
        #expect(
            run.errors.hasPrefix("error: environment variable STRESSCHECK_SEED is 'banana', not a seed (decimal, or hexadecimal after 0x)\n"), "\(run.errors)")
        #expect(run.output.isEmpty)
        let seeded = Invocation(["check", "position", "--cases", "5"], environment: ["STRESSCHECK_SEED": "0x2A"])
        #expect(seeded.status == 0, "\(seeded.errors)")
    }
}
