@testable import PropertyCheck
import Testing

/// What a fuzz target's replay builds once must not change what it finds: `replayer()` (the
/// generator built once) replays input after input exactly as `replay(bytes:)` does, and the
/// unread-bytes warning that writes its sentence when read is the warning it replaced.
@Suite struct ReplayerTests {
    /// Inputs of 0–40 bytes from a fixed linear congruential sequence: some pass, some find the
    /// counter's planted bug, some have bytes the generator does not read.
    static let inputs: [[UInt8]] = {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        return (0..<120).map { _ in (0..<Int(next() % 41)).map { _ in UInt8(truncatingIfNeeded: next()) } }
    }()

    @Test func aReplayerGivesWhatReplayGivesInputAfterInput() throws {
        let machine = CounterChecks.machine(withAdd: true)
        let replay = machine.replayer()
        // A failing input (the planted bug's counterexample), alone and with bytes after it.
        let failing = try #require(machine.check(configuration: CheckConfiguration(cases: 500, seed: 1)).check.counterexample).bytes
        var outcomes: Set<Bool> = []
        var unread = 0
        for bytes in [failing, failing + [0xFF, 7]] + Self.inputs {
            for shrink in [false, true] {
                let once = machine.replay(bytes: bytes, shrink: shrink)
                let reused = replay(bytes, shrink, CheckConfiguration())
                #expect(reused.passed == once.passed, "\(bytes)")
                #expect(reused.check.exitReason == once.check.exitReason, "\(bytes)")
                #expect(reused.check.counterexample?.bytes == once.check.counterexample?.bytes, "\(bytes)")
                #expect(reused.check.counterexample?.value.commands == once.check.counterexample?.value.commands, "\(bytes)")
                #expect(reused.statistics.steps == once.statistics.steps, "\(bytes)")
                #expect(reused.check.warnings == once.check.warnings, "\(bytes)")
                outcomes.insert(once.passed)
                unread += once.check.warnings.count { $0.kind == .unreadBytes }
            }
        }
        // The inputs reach both verdicts and the warning, so the comparison above bites.
        #expect(outcomes == [true, false])
        #expect(unread > 0)
    }

    @Test func theUnreadInputWarningIsTheSentenceItStandsFor() {
        let one = CheckWarning.unreadInput(1, of: 2)
        #expect(one.kind == .unreadBytes && one.count == 1 && one.path == nil)
        #expect(one.message.hasPrefix("1 byte of 2 this check's generator did not read: "))
        #expect(CheckWarning.unreadInput(3, of: 4).message.hasPrefix("3 bytes of 4 this check's generator did not read: "))
        #expect(CheckWarning.unreadInput(12_288, of: 16_384).message.hasPrefix("12,288 bytes of 16,384 this check's generator did not read: "))
        // Equal to the same warning with its sentence given, and to nothing else.
        #expect(one == CheckWarning(.unreadBytes, count: 1, one.message))
        #expect(one.description == one.message)
        #expect(one != CheckWarning.unreadInput(1, of: 3))
        #expect(one != CheckWarning(.unreadBytes, count: 2, one.message))
        #expect(one != CheckWarning(.inputTooLong, count: 1, one.message))
    }
}
