import Foundation
import PropertyCheck
import QueueCheckExample
import Testing

@testable import StressCheckCommand

/// `StressCheckCLI`: a user's executable registers its machines (here the example package's,
/// Examples/QueueCheck) and gets the command line: list, check, replay, minimize, JSON, the
/// exit statuses, and usage naming the program, without StressCheck's own subcommands.
@Suite struct OwnMachinesCLITests {
    struct Run {
        let status: Int32
        let output: String
        let errors: String

        init(_ arguments: [String], machines: [MachineEntry] = QueueMachines.all) {
            let output = TextBuffer()
            let errors = TextBuffer()
            status = StressCheckCLI.run(
                arguments: arguments, machines: machines, program: "queue-check", console: Console(output: output, errors: errors))
            self.output = output.text
            self.errors = errors.text
        }
    }

    @Test func listsTheRegisteredMachines() {
        let run = Run(["list"])
        #expect(run.status == 0)
        #expect(run.output.split(separator: "\n").map { String($0.prefix { $0 != " " }) } == ["bounded-queue", "bounded-queue-stale-slot"])
    }

    @Test func aPassingMachineExits0AndABuggyOneExits1WithTheShrunkSequence() throws {
        let corpus = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: corpus) }
        let passing = Run(["check", "bounded-queue", "--cases", "200", "--corpus", corpus])
        #expect(passing.status == 0, "\(passing.output)\(passing.errors)")
        #expect(passing.output.contains("✓ bounded-queue: 200 cases passed"))
        let failing = Run(["check", "bounded-queue-stale-slot", "--cases", "200", "--corpus", corpus])
        #expect(failing.status == 1)
        #expect(failing.output.contains("Counterexample:\n  1. .push(0)\n  2. .pop\n  3. .push(1)\n  4. .pop\n"))
        #expect(failing.output.contains("try QueueMachines.staleSlot.replay(["))
        // The hints name the user's program, not stresscheck.
        #expect(failing.output.contains("Replay: swift run -c release queue-check check bounded-queue-stale-slot --seed 0x"))
        // Saved, then replayed and minimized by file, as stresscheck does.
        let saved = try #require(try FileManager.default.contentsOfDirectory(atPath: corpus + "/bounded-queue-stale-slot").first)
        let file = corpus + "/bounded-queue-stale-slot/" + saved
        let replayed = Run(["replay", "bounded-queue-stale-slot", file])
        #expect(replayed.status == 1)
        #expect(replayed.output.contains("swift run -c release queue-check minimize bounded-queue-stale-slot"))
        let minimized = Run(["minimize", "bounded-queue-stale-slot", file, "--no-save"])
        #expect(minimized.status == 1)
        let passes = Run(["replay", "bounded-queue", file])
        #expect(passes.status == 0, "the fixed queue passes the failing input")
    }

    @Test func jsonAndTimeWork() throws {
        let run = Run(["--json", "--time", "100ms", "--no-save", "--corpus", "/nonexistent-own-machines-corpus"])
        #expect(run.status == 1)
        let document = try JSONDecoder().decode(JSONReport.self, from: Data(run.output.utf8))
        #expect(document.machines.map(\.name) == ["bounded-queue", "bounded-queue-stale-slot"])
        #expect(document.machines.map(\.passed) == [true, false])
    }

    @Test func usageNamesTheProgramAndOffersOnlyTheMachineCommands() {
        let help = Run(["--help"])
        #expect(help.status == 0)
        #expect(help.output.hasPrefix("USAGE: queue-check [<subcommand>] [<options>]"))
        #expect(help.output.contains("MACHINES: bounded-queue, bounded-queue-stale-slot"))
        #expect(!help.output.contains("certify"))
        let stress = Run(["stress"])
        #expect(stress.status == 2)
        #expect(stress.errors.hasPrefix("error: unknown subcommand 'stress' (expected one of: list, check, replay, minimize, help)\n\nUSAGE: queue-check"))
        let unknown = Run(["check", "position"])
        #expect(unknown.status == 2)
        #expect(unknown.errors.hasPrefix("error: unknown machine 'position' (known machines: bounded-queue, bounded-queue-stale-slot)"))
    }

    @Test func twoMachinesWithOneNameAreAUsageError() {
        let run = Run(["list"], machines: [QueueMachines.all[0], QueueMachines.all[0]])
        #expect(run.status == 2)
        #expect(run.errors.hasPrefix("error: two machines are registered as 'bounded-queue'"))
    }
}
