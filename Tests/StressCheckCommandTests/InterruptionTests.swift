import Foundation
import Synchronization
import PropertyCheck
import Testing
@testable import StressCheckCommand
import TradingChecks
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An interrupted run prints what it did and the seed, and exits 128 + the signal (issue 9 §4).
@Suite struct InterruptionTests {
    /// An interruption that reports `signal` from its `after`-th question on.
    static func signal(_ signal: Int32, after: Int) -> Interruption {
        let asked = Mutex(0)
        return Interruption {
            asked.withLock {
                $0 += 1
                return $0 >= after ? signal : nil
            }
        }
    }

    static let machines = [TestMachines.counter("one"), TestMachines.counter("two"), TestMachines.counter("three")]

    @Test func sigintStopsAfterTheCurrentCaseAndPrintsThePartialSummary() throws {
        let corpus = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: corpus) }
        // Asked once before `one` starts, then once per case, its 2 edge cases included: the
        // 44th question stops it after 40 random cases.
        let run = Invocation(
            ["--cases", "1000", "--seed", "7", "--corpus", corpus], machines: Self.machines,
            interruption: Self.signal(SIGINT, after: 44))
        #expect(run.status == 130)
        #expect(run.output.hasPrefix("■ one: INTERRUPTED, 40 cases, "))
        #expect(run.output.contains("\none      0x0000000000000007     40  "))
        #expect(run.output.contains("  INTERRUPTED: interrupted after 40 valid cases; the rest did not run\n"))
        #expect(
            run.output.hasSuffix(
                """

                Interrupted by SIGINT: 1 machine of 3 checked, one stopped after 40 cases (seed 0x0000000000000007); not run: two, three.
                To rerun it: swift run -c release stresscheck check one --seed 0x0000000000000007 --cases 1000 --corpus \(corpus)

                """))
    }

    @Test func sigtermBetweenMachinesInJSON() throws {
        let corpus = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: corpus) }
        // `one` runs its edge case and 5 cases to the end (7 questions), `two` stops at its first.
        let run = Invocation(
            ["--json", "--cases", "5", "--corpus", corpus], machines: Self.machines,
            interruption: Self.signal(SIGTERM, after: 9))
        #expect(run.status == 143)
        let document = try JSONDecoder().decode(JSONReport.self, from: Data(run.output.utf8))
        #expect(!document.passed)
        #expect(document.interrupted == "SIGTERM")
        #expect(document.machines.map(\.name) == ["one", "two"])
        #expect(document.machines.map(\.failureKind) == [nil, .interrupted])
        #expect(document.notRun == ["three"])
    }

    @Test func aRunThatIsNotInterruptedSaysNothingAboutIt() throws {
        let corpus = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: corpus) }
        let run = Invocation(["--json", "--cases", "5", "--corpus", corpus], machines: Self.machines)
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(object["interrupted"] is NSNull)
        #expect((object["notRun"] as? [Any])?.isEmpty == true)
    }

    @Test func theHandlerTurnsASignalIntoTheFlag() {
        let interruption = Interruption.installSignalHandlers()
        #expect(interruption.signal() == nil)
        // SA_RESETHAND: the handler runs once, then SIGTERM has its default action again.
        // Sent to the process (a test's thread may block signals): any thread that does not
        // block it runs the handler, so wait for the flag.
        kill(getpid(), SIGTERM)
        let deadline = ContinuousClock.now + .seconds(5)
        while interruption.signal() == nil && ContinuousClock.now < deadline { usleep(1_000) }
        #expect(interruption.signal() == SIGTERM)
        #expect(Interruption.exitStatus(for: SIGINT) == 130 && Interruption.exitStatus(for: SIGTERM) == 143)
    }
}

/// A step limit of 0 runs no command: it is refused, never a pass (issue 9 §4).
@Suite struct StepLimitCommandTests {
    @Test func stepsZeroIsAUsageError() {
        let run = Invocation(["check", "position", "--steps", "0"])
        #expect(run.status == 2)
        #expect(run.output.isEmpty)
        #expect(run.errors.hasPrefix("error: option '--steps' expects a positive whole number, got '0'\n"))
    }

    @Test func aMachineRunWithZeroStepsFailsAsAnInvalidGenerator() {
        let run = TestMachines.counter().check(MachineRunOptions(cases: 10, maxSteps: 0))
        #expect(!run.passed)
        #expect(FailureKind(run.exitReason) == .invalidGenerator)
        #expect(run.steps == 0 && run.cases == 0)
        #expect(run.exitReason.description.contains("maxSteps is 0"))
    }
}
