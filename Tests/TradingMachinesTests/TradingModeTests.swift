import Testing
import TradingMachines
import TradingVocabulary

@Suite struct TradingModeTests {
    @Test func offNeverGoesLive() {
        var mode = TradingMode()
        #expect(mode.goLive(confirmed: true) == .rejected(.notAllowed(.goLive, from: .off)))
        #expect(mode.state == .off)
        #expect(mode.history == [])
    }

    @Test func goLiveNeedsConfirmationAndNoHalt() {
        let sink = RecordingTransitionSink()
        var mode = TradingMode(sink: sink)
        #expect(mode.enableDryRun() == .transitioned(TradingModeTransition(from: .off, to: .dryRun, cause: .enableDryRun)))
        #expect(mode.goLive(confirmed: false) == .rejected(.notConfirmed))
        mode.setHalted(true)
        #expect(mode.goLive(confirmed: true) == .rejected(.halted))
        #expect(mode.goLive(confirmed: false) == .rejected(.notConfirmed))  // confirmation is checked first
        mode.setHalted(false)
        #expect(mode.state == .dryRun)  // clearing the halt never goes live
        #expect(mode.goLive(confirmed: true) == .transitioned(TradingModeTransition(from: .dryRun, to: .liveActive, cause: .goLive)))
        #expect(mode.goLive(confirmed: true) == .rejected(.notAllowed(.goLive, from: .liveActive)))
        #expect(sink.tradingModeTransitions == mode.history)
    }

    @Test func routing() {
        var mode = TradingMode()
        #expect(mode.submit() == .rejected(.notAllowed(.submit, from: .off)))
        mode.enableDryRun()
        #expect(mode.submit() == .routed(.simulation))
        mode.goLive(confirmed: true)
        #expect(mode.submit() == .routed(.exchange))
        #expect(mode.history.count == 2)  // submit changes nothing
    }

    @Test func pauseStopAndRejections() {
        var mode = TradingMode()
        #expect(mode.stop() == .unchanged)
        #expect(mode.pause() == .rejected(.notAllowed(.pause, from: .off)))
        mode.enableDryRun()
        #expect(mode.enableDryRun() == .rejected(.notAllowed(.enableDryRun, from: .dryRun)))
        #expect(mode.pause() == .rejected(.notAllowed(.pause, from: .dryRun)))
        mode.goLive(confirmed: true)
        #expect(mode.enableDryRun() == .rejected(.notAllowed(.enableDryRun, from: .liveActive)))
        #expect(mode.pause() == .transitioned(TradingModeTransition(from: .liveActive, to: .dryRun, cause: .pause)))
        mode.goLive(confirmed: true)
        #expect(mode.stop() == .transitioned(TradingModeTransition(from: .liveActive, to: .off, cause: .stop)))
        #expect(mode.history.map(\.cause) == [.enableDryRun, .goLive, .pause, .goLive, .stop])
        #expect(mode.checkInvariants() == [])
    }

    @Test func haltForcesDryRun() {
        var mode = TradingMode()
        mode.enableDryRun()
        mode.goLive(confirmed: true)
        #expect(mode.setHalted(true) == .transitioned(TradingModeTransition(from: .liveActive, to: .dryRun, cause: .halt)))
        #expect(mode.isHalted)
        #expect(mode.setHalted(true) == .unchanged)
        #expect(mode.enableDryRun() == .rejected(.notAllowed(.enableDryRun, from: .dryRun)))
        #expect(mode.checkInvariants() == [])
    }

    @Test func restartNeverResumesLive() throws {
        var mode = TradingMode()
        mode.enableDryRun()
        mode.goLive(confirmed: true)
        let sink = RecordingTransitionSink()
        let restarted = try TradingMode(restarting: mode.snapshot, sink: sink)
        #expect(restarted.state == .dryRun)
        #expect(restarted.history == mode.history + [TradingModeTransition(from: .liveActive, to: .dryRun, cause: .restart)])
        #expect(sink.tradingModeTransitions == [TradingModeTransition(from: .liveActive, to: .dryRun, cause: .restart)])
        mode.pause()
        let fromDryRun = try TradingMode(restarting: mode.snapshot)
        #expect(fromDryRun.snapshot == mode.snapshot)
    }

    @Test func inconsistentSnapshotIsRefused() {
        let bad = TradingModeSnapshot(state: .liveActive, isHalted: false, history: [TradingModeTransition(from: .off, to: .liveActive, cause: .goLive)])
        #expect(throws: InvalidSnapshot(violations: ["history.noOffToLive"])) { try TradingMode(restarting: bad) }
        let halted = TradingModeSnapshot(state: .off, isHalted: true, history: [])
        #expect(throws: Never.self) { try TradingMode(restarting: halted) }
    }
}
