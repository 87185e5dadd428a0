import Testing
import TradingMachines
import TradingVocabulary

@Suite struct PositionManagerTests {
    /// A manager holding `count` adopted positions P0…, with the given cap.
    func manager(count: Int, cap: Int, sink: RecordingTransitionSink = RecordingTransitionSink()) throws -> PositionManager {
        var manager = PositionManager(sink: sink)
        try manager.setCap(cap)
        for symbol in symbols(count) { try manager.adopt(symbol) }
        return manager
    }

    @Test func theOriginalBugAtExactlyTheCapIsNormal() throws {
        let manager = try manager(count: 8, cap: 8)
        #expect(manager.count == 8)
        #expect(manager.excess == 0)
        #expect(manager.state == .normal)
        #expect(manager.cycle() == [])
        #expect(manager.checkInvariants() == [])
    }

    @Test func oneOverTheCapIsDrain() throws {
        let sink = RecordingTransitionSink()
        let manager = try manager(count: 9, cap: 8, sink: sink)
        #expect(manager.state == .drain)
        #expect(manager.excess == 1)
        #expect(sink.positionTransitions == [PositionTransition(from: .normal, to: .drain, count: 9, cap: 8, excess: 1, forced: false)])
    }

    @Test func openAcceptedOnlyInNormalBelowCap() throws {
        var manager = try manager(count: 7, cap: 8)
        #expect(try manager.open(btc) == .accepted)
        #expect(manager.count == 8)
        #expect(try manager.open(eth) == .rejected(.atCapacity))
        #expect(manager.count == 8)
        try manager.adopt(eth)
        #expect(try manager.open(sol) == .rejected(.draining))
        manager.setForcedUnwind(true)
        #expect(try manager.open(sol) == .rejected(.forcedUnwind))
        #expect(manager.holds(sol) == false)
    }

    @Test func capZeroRejectsEveryOpen() throws {
        var manager = try manager(count: 0, cap: 0)
        #expect(manager.state == .normal)
        #expect(try manager.open(btc) == .rejected(.atCapacity))
    }

    @Test func inputErrorsChangeNothing() throws {
        let sink = RecordingTransitionSink()
        var manager = try manager(count: 2, cap: 8, sink: sink)
        let before = manager.positions
        #expect(throws: PositionError.alreadyHeld(sym("P0-USD"))) { try manager.open(sym("P0-USD")) }
        #expect(throws: PositionError.alreadyHeld(sym("P1-USD"))) { try manager.adopt(sym("P1-USD")) }
        #expect(throws: PositionError.notHeld(btc)) { try manager.close(btc) }
        #expect(throws: PositionError.notHeld(btc)) { try manager.mark(btc, unrealizedPnL: 5) }
        #expect(throws: PositionError.negativeCap(-1)) { try manager.setCap(-1) }
        #expect(manager.positions == before)
        #expect(manager.cap == 8)
        #expect(sink.events == [])
    }

    @Test func alreadyHeldIsCheckedBeforeTheStateRule() throws {
        var manager = try manager(count: 3, cap: 2)
        #expect(manager.state == .drain)
        #expect(throws: PositionError.alreadyHeld(sym("P0-USD"))) { try manager.open(sym("P0-USD")) }
    }

    @Test func setCapBelowCountDrainsImmediatelyAndRaisingLeaves() throws {
        let sink = RecordingTransitionSink()
        var manager = try manager(count: 5, cap: 8, sink: sink)
        try manager.setCap(3)
        #expect(manager.state == .drain)
        #expect(manager.excess == 2)
        try manager.setCap(4)  // still DRAIN: no log entry
        try manager.setCap(5)
        #expect(manager.state == .normal)
        #expect(
            sink.positionTransitions == [
                PositionTransition(from: .normal, to: .drain, count: 5, cap: 3, excess: 2, forced: false),
                PositionTransition(from: .drain, to: .normal, count: 5, cap: 5, excess: 0, forced: false),
            ])
    }

    @Test func cycleInDrainClosesExactlyExcessLowestPnLFirstUnmarkedZeroTiesOldest() throws {
        var manager = PositionManager()
        let p = symbols(6)
        for symbol in p { try manager.adopt(symbol) }
        try manager.mark(p[0], unrealizedPnL: 500)
        try manager.mark(p[1], unrealizedPnL: -300)
        // p[2] unmarked (0), p[3] marked 0, p[4] unmarked (0)
        try manager.mark(p[3], unrealizedPnL: 0)
        try manager.mark(p[5], unrealizedPnL: -300)
        try manager.setCap(2)
        #expect(manager.excess == 4)
        #expect(
            manager.cycle() == [
                ExitOrder(symbol: p[1], reason: .drain),
                ExitOrder(symbol: p[5], reason: .drain),
                ExitOrder(symbol: p[2], reason: .drain),
                ExitOrder(symbol: p[3], reason: .drain),
            ])
        // cycle changes nothing and repeats itself until fills arrive
        #expect(manager.count == 6)
        #expect(manager.cycle().count == 4)
        try manager.close(p[1])
        #expect(manager.cycle() == [p[5], p[2], p[3]].map { ExitOrder(symbol: $0, reason: .drain) })
    }

    @Test func cycleInForcedUnwindClosesEverythingAndNormalNothing() throws {
        let sink = RecordingTransitionSink()
        var manager = try manager(count: 3, cap: 8, sink: sink)
        #expect(manager.cycle() == [])
        try manager.mark(sym("P2-USD"), unrealizedPnL: -1)
        manager.setForcedUnwind(true)
        #expect(manager.state == .forcedUnwind)
        #expect(manager.cycle() == ["P2-USD", "P0-USD", "P1-USD"].map { ExitOrder(symbol: sym($0), reason: .forcedUnwind) })
        manager.setForcedUnwind(true)  // no change, no log
        manager.setForcedUnwind(false)
        #expect(manager.state == .normal)
        #expect(
            sink.positionTransitions == [
                PositionTransition(from: .normal, to: .forcedUnwind, count: 3, cap: 8, excess: -5, forced: true),
                PositionTransition(from: .forcedUnwind, to: .normal, count: 3, cap: 8, excess: -5, forced: false),
            ])
    }

    @Test func forcedUnwindOffWithExcessGoesToDrain() throws {
        var manager = try manager(count: 3, cap: 1)
        manager.setForcedUnwind(true)
        #expect(manager.setForcedUnwind(false) == PositionTransition(from: .forcedUnwind, to: .drain, count: 3, cap: 1, excess: 2, forced: false))
    }

    @Test func closingTheExcessReturnsToNormalAndLogChains() throws {
        let sink = RecordingTransitionSink()
        var manager = try manager(count: 10, cap: 8, sink: sink)
        for order in manager.cycle() { try manager.close(order.symbol) }
        #expect(manager.state == .normal)
        #expect(manager.count == 8)
        let log = sink.positionTransitions
        #expect(log.map(\.to) == [.drain, .normal])
        #expect(zip(log, log.dropFirst()).allSatisfy { $0.to == $1.from })
        #expect(log.allSatisfy { $0.from != $0.to })
        #expect(manager.checkInvariants() == [])
    }

    @Test func reopenedSymbolIsYoungestAndUnmarked() throws {
        var manager = PositionManager()
        try manager.adopt(btc)
        try manager.adopt(eth)
        try manager.mark(btc, unrealizedPnL: -50)
        try manager.close(btc)
        #expect(try manager.open(btc) == .accepted)
        #expect(
            manager.positions == [
                HeldPosition(symbol: eth, unrealizedPnL: 0, isMarked: false, entry: 1),
                HeldPosition(symbol: btc, unrealizedPnL: 0, isMarked: false, entry: 2),
            ])
    }
}
