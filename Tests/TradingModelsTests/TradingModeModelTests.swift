import Testing
import TradingModels
import TradingVocabulary

private func mode(_ commands: [TradingModeCommand]) -> TradingModeModel {
    var model = TradingModeModel()
    for command in commands { _ = model.apply(command) }
    return model
}

private let live: [TradingModeCommand] = [.enableDryRun, .goLive(confirmed: true)]

@Suite("Trading mode model")
struct TradingModeModelTests {
    @Test func initialStateIsOffAndRejectsOrders() {
        var model = TradingModeModel()
        #expect(model.observation == TradingModeObservation(state: .off, isHalted: false, history: [], routing: .rejected(.notAllowed(.submit, from: .off))))
        #expect(model.apply(.submit) == .routing(.rejected(.notAllowed(.submit, from: .off))))
    }

    @Test func neverOffToLive() {
        var model = TradingModeModel()
        #expect(model.apply(.goLive(confirmed: true)) == .mode(.rejected(.notAllowed(.goLive, from: .off))))
        #expect(model.state == .off)
    }

    @Test func goLiveChecksStateThenConfirmationThenHalt() {
        var model = mode([.enableDryRun, .setHalted(true)])
        #expect(model.apply(.goLive(confirmed: false)) == .mode(.rejected(.notConfirmed)))
        #expect(model.apply(.goLive(confirmed: true)) == .mode(.rejected(.halted)))
        _ = model.apply(.setHalted(false))
        #expect(model.apply(.goLive(confirmed: true)) == .mode(.transitioned(TradingModeTransition(from: .dryRun, to: .liveActive, cause: .goLive))))
        #expect(model.apply(.goLive(confirmed: true)) == .mode(.rejected(.notAllowed(.goLive, from: .liveActive))))
    }

    @Test func routingByState() {
        var model = mode([.enableDryRun])
        #expect(model.apply(.submit) == .routing(.routed(.simulation)))
        _ = model.apply(.goLive(confirmed: true))
        #expect(model.apply(.submit) == .routing(.routed(.exchange)))
    }

    @Test func enableDryRunOnlyFromOffAndAllowedWhileHalted() {
        var model = mode([.setHalted(true)])
        #expect(model.apply(.enableDryRun) == .mode(.transitioned(TradingModeTransition(from: .off, to: .dryRun, cause: .enableDryRun))))
        #expect(model.apply(.enableDryRun) == .mode(.rejected(.notAllowed(.enableDryRun, from: .dryRun))))
    }

    @Test func pauseOnlyFromLive() {
        var model = mode([.enableDryRun])
        let before = model.observation
        #expect(model.apply(.pause) == .mode(.rejected(.notAllowed(.pause, from: .dryRun))))
        #expect(model.observation == before)
        _ = model.apply(.goLive(confirmed: true))
        #expect(model.apply(.pause) == .mode(.transitioned(TradingModeTransition(from: .liveActive, to: .dryRun, cause: .pause))))
    }

    @Test func stopFromOffIsUnchangedNotRejected() {
        var model = TradingModeModel()
        #expect(model.apply(.stop) == .mode(.unchanged))
        #expect(model.history.isEmpty)
        model = mode(live)
        #expect(model.apply(.stop) == .mode(.transitioned(TradingModeTransition(from: .liveActive, to: .off, cause: .stop))))
    }

    @Test func haltMovesLiveToDryRunAndClearingNeverGoesLive() {
        var model = mode(live)
        #expect(model.apply(.setHalted(true)) == .mode(.transitioned(TradingModeTransition(from: .liveActive, to: .dryRun, cause: .halt))))
        #expect(model.isHalted)
        #expect(model.apply(.setHalted(false)) == .mode(.unchanged))
        #expect(model.state == .dryRun && !model.isHalted)
    }

    @Test func haltFlagAloneIsNotATransition() {
        var model = mode([.enableDryRun])
        #expect(model.apply(.setHalted(true)) == .mode(.unchanged))
        #expect(model.isHalted)
        #expect(model.history.count == 1)
    }

    @Test func restartBringsLiveActiveBackAsDryRun() {
        var model = mode(live)
        #expect(model.apply(.restart) == .restarted(TradingModeTransition(from: .liveActive, to: .dryRun, cause: .restart)))
        #expect(model.state == .dryRun)
        #expect(model.apply(.submit) == .routing(.routed(.simulation)))
    }

    @Test func restartOtherwiseRestoresExactly() {
        for commands: [TradingModeCommand] in [[], [.enableDryRun], [.enableDryRun, .setHalted(true)], live + [.stop]] {
            var model = mode(commands)
            let before = model.observation
            #expect(model.apply(.restart) == .restarted(nil))
            #expect(model.observation == before)
        }
    }

    @Test func descriptionsArePasteableSwift() {
        #expect(TradingModeCommand.goLive(confirmed: true).description == ".goLive(confirmed: true)")
        #expect(TradingModeCommand.setHalted(false).description == ".setHalted(false)")
        #expect(TradingModeCommand.restart.description == ".restart")
    }

    @Test(arguments: 0..<20 as Range<UInt64>)
    func randomWalksKeepEveryInvariant(seed: UInt64) {
        var model = TradingModeModel()
        let violations = randomWalkViolations(
            &model, steps: 200, seed: seed,
            command: { rng, _ in randomTradingModeCommand(&rng) },
            apply: { $0.apply($1) }, observe: \.observation,
            state: TradingModeInvariants.state, step: TradingModeInvariants.steps)
        #expect(violations == [])
    }
}

func randomTradingModeCommand(_ rng: inout SplitMix) -> TradingModeCommand {
    let all: [TradingModeCommand] = [
        .enableDryRun, .goLive(confirmed: true), .goLive(confirmed: true), .goLive(confirmed: false), .pause, .stop,
        .setHalted(true), .setHalted(false), .submit, .restart,
    ]
    return all.randomElement(using: &rng)!
}
