import Testing
import TradingModels
import TradingVocabulary

/// Builds a model by applying commands, expecting none to error.
private func position(_ commands: [PositionCommand]) -> PositionModel {
    var model = PositionModel()
    for command in commands {
        if case .error(let error) = model.apply(command) { Issue.record("unexpected \(error) for \(command)") }
    }
    return model
}

private func opens(_ n: Int) -> [PositionCommand] { testSymbols.prefix(n).map { .open($0) } }

@Suite("Position model")
struct PositionModelTests {
    @Test func initialState() {
        let o = PositionModel().observation
        #expect(o == PositionObservation(state: .normal, count: 0, cap: 8, excess: -8, isForced: false, positions: [], log: []))
    }

    @Test func countEqualToCapIsNormalNotDrain() {
        var model = position([.setCap(2)] + opens(2))
        #expect(model.state == .normal)
        #expect(model.excess == 0)
        #expect(model.log.isEmpty)
        #expect(model.apply(.cycle) == .orders([]))
        #expect(model.apply(.open("DOGE-USD")) == .decision(.rejected(.atCapacity)))
    }

    @Test func openBelowCapIsAccepted() {
        var model = position([.setCap(2)] + opens(1))
        #expect(model.apply(.open("ETH-USD")) == .decision(.accepted))
        #expect(model.positions.map(\.entry) == [0, 1])
        #expect(model.positions.last == ObservedPosition(symbol: "ETH-USD", unrealizedPnL: 0, isMarked: false, entry: 1))
    }

    @Test func capZeroRejectsEveryOpen() {
        var model = position([.setCap(0)])
        #expect(model.state == .normal)
        #expect(model.apply(.open("BTC-USD")) == .decision(.rejected(.atCapacity)))
    }

    @Test func openOfHeldSymbolIsAnErrorBeforeAnyRejection() {
        var model = position(opens(1) + [.setForcedUnwind(true)])
        let before = model.observation
        #expect(model.apply(.open("BTC-USD")) == .error(.alreadyHeld("BTC-USD")))
        #expect(model.observation == before)
    }

    @Test func openRejectedInDrainAndForcedUnwind() {
        var model = position(opens(3) + [.setCap(2)])
        #expect(model.state == .drain)
        #expect(model.apply(.open("DOGE-USD")) == .decision(.rejected(.draining)))
        _ = model.apply(.setForcedUnwind(true))
        #expect(model.apply(.open("DOGE-USD")) == .decision(.rejected(.forcedUnwind)))
    }

    @Test func adoptPastTheCapEntersDrainAndLogsIt() {
        var model = position([.setCap(1)] + opens(1))
        let outcome = model.apply(.adopt("ETH-USD"))
        let expected = PositionTransition(from: .normal, to: .drain, count: 2, cap: 1, excess: 1, forced: false)
        #expect(outcome == .transition(expected))
        #expect(model.log == [expected])
        #expect(model.apply(.adopt("ETH-USD")) == .error(.alreadyHeld("ETH-USD")))
    }

    @Test func closeLeavesDrainAndCloseOfUnheldIsAnError() {
        var model = position(opens(3) + [.setCap(2)])
        #expect(
            model.apply(.close("SOL-USD"))
                == .transition(
                    PositionTransition(from: .drain, to: .normal, count: 2, cap: 2, excess: 0, forced: false)))
        let before = model.observation
        #expect(model.apply(.close("SOL-USD")) == .error(.notHeld("SOL-USD")))
        #expect(model.observation == before)
    }

    @Test func setCapBelowCountDrainsAtOnceAndRaisingLeaves() {
        var model = position(opens(3))
        #expect(
            model.apply(.setCap(2))
                == .transition(
                    PositionTransition(from: .normal, to: .drain, count: 3, cap: 2, excess: 1, forced: false)))
        #expect(model.apply(.setCap(1)) == .transition(nil))  // still DRAIN: nothing logged
        #expect(model.log.count == 1)
        #expect(
            model.apply(.setCap(3))
                == .transition(
                    PositionTransition(from: .drain, to: .normal, count: 3, cap: 3, excess: 0, forced: false)))
    }

    @Test func negativeCapIsAnError() {
        var model = PositionModel()
        #expect(model.apply(.setCap(-1)) == .error(.negativeCap(-1)))
        #expect(model.cap == 8)
        #expect(model.apply(.setCap(0)) == .transition(nil))
    }

    @Test func markOfUnheldIsAnErrorAndMarkNeverChangesState() {
        var model = position(opens(1))
        #expect(model.apply(.mark("ETH-USD", unrealizedPnL: 5)) == .error(.notHeld("ETH-USD")))
        #expect(model.apply(.mark("BTC-USD", unrealizedPnL: -5)) == .done)
        #expect(model.positions == [ObservedPosition(symbol: "BTC-USD", unrealizedPnL: -5, isMarked: true, entry: 0)])
        #expect(model.apply(.mark("BTC-USD", unrealizedPnL: 0)) == .done)
        #expect(model.positions[0].isMarked)
    }

    @Test func reopenedSymbolGetsANewEntryUnmarked() {
        var model = position(opens(2) + [.mark("BTC-USD", unrealizedPnL: 9), .close("BTC-USD")])
        #expect(model.apply(.open("BTC-USD")) == .decision(.accepted))
        #expect(model.positions.map(\.entry) == [1, 2])
        #expect(model.positions[1] == ObservedPosition(symbol: "BTC-USD", unrealizedPnL: 0, isMarked: false, entry: 2))
    }

    @Test func rejectedOpenDoesNotConsumeAnEntryNumber() {
        var model = position([.setCap(1)] + opens(1))
        _ = model.apply(.open("ETH-USD"))
        _ = model.apply(.adopt("SOL-USD"))
        #expect(model.positions.map(\.entry) == [0, 1])
    }

    @Test func drainCycleClosesExcessLowestPnLFirstTiesOldestFirst() {
        // BTC +5, ETH unmarked (0), SOL −3, ETC unmarked (0), UNI marked 0.
        var model = position(
            opens(5) + [
                .mark("BTC-USD", unrealizedPnL: 5), .mark("SOL-USD", unrealizedPnL: -3), .mark("UNI-USD", unrealizedPnL: 0),
                .setCap(2),
            ])
        #expect(model.excess == 3)
        let before = model.observation
        let expected: [ExitOrder] = [
            ExitOrder(symbol: "SOL-USD", reason: .drain), ExitOrder(symbol: "ETH-USD", reason: .drain),
            ExitOrder(symbol: "ETC-USD", reason: .drain),
        ]
        #expect(model.apply(.cycle) == .orders(expected))
        #expect(model.apply(.cycle) == .orders(expected))  // nothing pending is remembered
        #expect(model.observation == before)
    }

    @Test func forcedUnwindClosesEverythingAndTakesPrecedence() {
        var model = position(opens(3) + [.setCap(1), .mark("ETH-USD", unrealizedPnL: -1)])
        #expect(
            model.apply(.setForcedUnwind(true))
                == .transition(
                    PositionTransition(from: .drain, to: .forcedUnwind, count: 3, cap: 1, excess: 2, forced: true)))
        #expect(
            model.apply(.cycle)
                == .orders([
                    ExitOrder(symbol: "ETH-USD", reason: .forcedUnwind), ExitOrder(symbol: "BTC-USD", reason: .forcedUnwind),
                    ExitOrder(symbol: "SOL-USD", reason: .forcedUnwind),
                ]))
        #expect(model.apply(.setForcedUnwind(true)) == .transition(nil))
        #expect(
            model.apply(.setForcedUnwind(false))
                == .transition(
                    PositionTransition(from: .forcedUnwind, to: .drain, count: 3, cap: 1, excess: 2, forced: false)))
    }

    @Test func descriptionsArePasteableSwift() {
        #expect(PositionCommand.open("BTC-USD").description == #".open("BTC-USD")"#)
        #expect(PositionCommand.mark("SOL-USD", unrealizedPnL: -500).description == #".mark("SOL-USD", unrealizedPnL: -500)"#)
        #expect(PositionCommand.setCap(3).description == ".setCap(3)")
        #expect(PositionCommand.setForcedUnwind(true).description == ".setForcedUnwind(true)")
        #expect(PositionCommand.cycle.description == ".cycle")
    }

    @Test(arguments: 0..<20 as Range<UInt64>)
    func randomWalksKeepEveryInvariant(seed: UInt64) {
        var model = PositionModel()
        let violations = randomWalkViolations(
            &model, steps: 200, seed: seed,
            command: { rng, _ in randomPositionCommand(&rng) },
            apply: { $0.apply($1) }, observe: \.observation,
            state: PositionInvariants.state, step: PositionInvariants.steps)
        #expect(violations == [])
    }
}

/// A random position command over a small symbol set, bad inputs included.
func randomPositionCommand(_ rng: inout SplitMix) -> PositionCommand {
    let symbol = testSymbols.randomElement(using: &rng)!
    switch Int.random(in: 0..<10, using: &rng) {
    case 0, 1, 2: return .open(symbol)
    case 3: return .adopt(symbol)
    case 4, 5: return .close(symbol)
    case 6: return .mark(symbol, unrealizedPnL: Cents(Int64.random(in: -3...3, using: &rng)))
    case 7: return .setCap(Int.random(in: -1...5, using: &rng))
    case 8: return .setForcedUnwind(Int.random(in: 0..<4, using: &rng) == 0)
    default: return .cycle
    }
}
