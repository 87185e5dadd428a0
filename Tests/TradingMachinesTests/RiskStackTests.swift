import Testing
import TradingMachines
import TradingVocabulary

/// Everything observable in every layer, to show that a rejection changes nothing anywhere.
struct StackObservation: Equatable {
    var tradingMode: TradingModeSnapshot
    var superState: SuperStateSnapshot
    var positions: [HeldPosition]
    var positionState: PositionState
    var cap: Int
    var holdings: [SectorHolding]
    var sectorExposures: [Cents]
    var groupExposures: [Cents]
    var total: Cents

    init(_ stack: RiskStack) {
        tradingMode = stack.tradingMode.snapshot
        superState = stack.superState.snapshot
        positions = stack.positions.positions
        positionState = stack.positions.state
        cap = stack.positions.cap
        holdings = stack.sectorCaps.holdings
        sectorExposures = Sector.allCases.map { stack.sectorCaps.exposure(of: $0) }
        groupExposures = SectorGroup.allCases.map { stack.sectorCaps.exposure(of: $0) }
        total = stack.sectorCaps.totalExposure
    }
}

@Suite struct RiskStackTests {
    /// A $10,000 stack (1,000,000 cents) in dry run: max position 150,000; sector 200,000.
    func stack(sink: RecordingTransitionSink = RecordingTransitionSink()) throws -> RiskStack {
        var stack = try RiskStack(portfolioValue: 1_000_000, sink: sink)
        stack.enableDryRun()
        return stack
    }

    /// Submits and checks that a rejection left every layer as it was.
    func submitExpectingRejection(_ stack: inout RiskStack, _ symbol: Symbol, _ amount: Cents, _ expected: RiskRejection) throws {
        let before = StackObservation(stack)
        #expect(try stack.submit(OrderRequest(symbol: symbol, amount: amount)) == .rejected(expected))
        #expect(StackObservation(stack) == before)
        #expect(stack.checkInvariants() == [])
    }

    @Test func acceptedOrderIsBookedInEveryLayerAndRouted() throws {
        var stack = try stack()
        #expect(try stack.submit(OrderRequest(symbol: btc, amount: 100_000)) == .accepted(.simulation))
        #expect(stack.positions.holds(btc))
        #expect(stack.sectorCaps.holding(of: btc) == 100_000)
        stack.goLive(confirmed: true)
        #expect(try stack.submit(OrderRequest(symbol: btc, amount: 50_000)) == .accepted(.exchange))
        #expect(stack.positions.count == 1)
        #expect(stack.sectorCaps.exposure(of: .bitcoin) == 150_000)
        #expect(stack.checkInvariants() == [])
    }

    @Test func tradingModeLayerRejectsFirst() throws {
        var stack = try RiskStack(portfolioValue: 1_000_000)
        // Also too large for the super-state and every other layer: trading mode is named.
        try submitExpectingRejection(&stack, btc, 900_000, .tradingMode(.notAllowed(.submit, from: .off)))
    }

    @Test func superStateLayerRejections() throws {
        var stack = try stack()
        try submitExpectingRejection(&stack, btc, 150_001, .superState(.exceedsMaxPosition))
        for symbol in [btc, eth, sol, uni, sym("LINK-USD")] {
            #expect(try stack.submit(OrderRequest(symbol: symbol, amount: 150_000)) == .accepted(.simulation))
        }
        #expect(try stack.submit(OrderRequest(symbol: doge, amount: 100_000)) == .accepted(.simulation))
        // deployed 850,000 = 85%: one cent more exceeds utilization
        try submitExpectingRejection(&stack, aave, 1, .superState(.exceedsUtilization))
        try stack.update(volatility: 0.05, drawdown: 0, liquidity: 1)
        try submitExpectingRejection(&stack, btc, 1, .superState(.newPositionsNotAllowed(.stressed)))
    }

    @Test func deployedCountsMarkedValues() throws {
        var stack = try stack()
        #expect(try stack.submit(OrderRequest(symbol: btc, amount: 100_000)) == .accepted(.simulation))
        try stack.markToMarket(btc, value: 800_000)
        try submitExpectingRejection(&stack, eth, 50_001, .superState(.exceedsUtilization))
        #expect(try stack.submit(OrderRequest(symbol: eth, amount: 50_000)) == .accepted(.simulation))
    }

    @Test func positionLayerRejections() throws {
        var stack = try stack()
        try stack.setCap(2)
        #expect(try stack.submit(OrderRequest(symbol: btc, amount: 10_000)) == .accepted(.simulation))
        #expect(try stack.submit(OrderRequest(symbol: eth, amount: 10_000)) == .accepted(.simulation))
        try submitExpectingRejection(&stack, sol, 10_000, .positions(.atCapacity))
        // More of a held symbol at the cap: the count does not change, so it is allowed.
        #expect(try stack.submit(OrderRequest(symbol: btc, amount: 10_000)) == .accepted(.simulation))
        try stack.setCap(1)
        try submitExpectingRejection(&stack, btc, 10_000, .positions(.draining))
        try submitExpectingRejection(&stack, sol, 10_000, .positions(.draining))
        try stack.setCap(8)
        stack.setForcedUnwind(true)
        try submitExpectingRejection(&stack, btc, 10_000, .positions(.forcedUnwind))
        try submitExpectingRejection(&stack, sol, 10_000, .positions(.forcedUnwind))
    }

    @Test func sectorCapsLayerRejections() throws {
        var stack = try stack()
        #expect(try stack.submit(OrderRequest(symbol: btc, amount: 150_000)) == .accepted(.simulation))
        try submitExpectingRejection(&stack, sym("WBTC-USD"), 50_001, .sectorCaps(.sectorHardLimit(.bitcoin)))
        #expect(try stack.submit(OrderRequest(symbol: sym("WBTC-USD"), amount: 50_000)) == .accepted(.simulation))
        #expect(try stack.submit(OrderRequest(symbol: uni, amount: 150_000)) == .accepted(.simulation))
        #expect(try stack.submit(OrderRequest(symbol: sym("SUSHI-USD"), amount: 50_000)) == .accepted(.simulation))
        #expect(try stack.submit(OrderRequest(symbol: aave, amount: 150_000)) == .accepted(.simulation))
        try submitExpectingRejection(&stack, sym("LDO-USD"), 1, .sectorCaps(.groupLimit(.defi)))
    }

    @Test func badAmountIsAnErrorAndChangesNothing() throws {
        var stack = try stack()
        let before = StackObservation(stack)
        #expect(throws: RiskStackError.nonPositiveAmount(0)) { try stack.submit(OrderRequest(symbol: btc, amount: 0)) }
        #expect(throws: RiskStackError.nonPositiveAmount(-1)) { try stack.submit(OrderRequest(symbol: btc, amount: -1)) }
        #expect(StackObservation(stack) == before)
        #expect(throws: RiskStackError.sectorCaps(.nonPositivePortfolioValue(0))) { try RiskStack(portfolioValue: 0) }
    }

    @Test func closeAndAdoptKeepLayersInStep() throws {
        var stack = try stack()
        #expect(try stack.submit(OrderRequest(symbol: btc, amount: 10_000)) == .accepted(.simulation))
        try stack.adopt(eth, value: 400_000)  // over the sector limit: recorded anyway
        #expect(stack.sectorCaps.health(of: .ethereum) == .critical)
        #expect(throws: RiskStackError.position(.alreadyHeld(eth))) { try stack.adopt(eth, value: 1) }
        #expect(throws: RiskStackError.sectorCaps(.negativeValue(-1))) { try stack.adopt(sol, value: -1) }
        #expect(!stack.positions.holds(sol))
        stack.stop()
        try stack.close(btc)  // closing is allowed in every mode
        #expect(throws: RiskStackError.position(.notHeld(btc))) { try stack.close(btc) }
        #expect(stack.sectorCaps.totalExposure == 400_000)
        #expect(stack.checkInvariants() == [])
    }

    @Test func haltIsMirroredToTradingMode() throws {
        let sink = RecordingTransitionSink()
        var stack = try stack(sink: sink)
        stack.goLive(confirmed: true)
        stack.halt()
        #expect(stack.superState.state == .emergencyHalt)
        #expect(stack.tradingMode.state == .dryRun)
        #expect(stack.tradingMode.isHalted)
        #expect(stack.goLive(confirmed: true) == .rejected(.halted))
        try submitExpectingRejection(&stack, btc, 1, .superState(.newPositionsNotAllowed(.emergencyHalt)))
        try stack.resume()
        #expect(stack.superState.state == .recovery)
        #expect(!stack.tradingMode.isHalted)
        #expect(stack.tradingMode.state == .dryRun)
        #expect(
            sink.events == [
                .tradingMode(TradingModeTransition(from: .off, to: .dryRun, cause: .enableDryRun)),
                .tradingMode(TradingModeTransition(from: .dryRun, to: .liveActive, cause: .goLive)),
                .superState(SuperStateTransition(from: .normal, to: .emergencyHalt, cause: .halt)),
                .tradingMode(TradingModeTransition(from: .liveActive, to: .dryRun, cause: .halt)),
                .superState(SuperStateTransition(from: .emergencyHalt, to: .recovery, cause: .resume)),
            ])
        #expect(throws: RiskStackError.superState(.notHalted(.recovery))) { try stack.resume() }
        #expect(stack.checkInvariants() == [])
    }

    @Test func restartRestoresSuperStateAndNeverResumesLive() throws {
        var stack = try stack()
        stack.goLive(confirmed: true)
        try stack.update(volatility: 0.5, drawdown: 0, liquidity: 1)
        let restored = try RiskStack(restoring: stack.superState.snapshot, tradingModeSnapshot: stack.tradingMode.snapshot, portfolioValue: 1_000_000)
        #expect(restored.superState.snapshot == stack.superState.snapshot)
        #expect(restored.tradingMode.state == .dryRun)
        #expect(restored.tradingMode.history.last == TradingModeTransition(from: .liveActive, to: .dryRun, cause: .restart))
        stack.halt()
        let halted = try RiskStack(restoring: stack.superState.snapshot, tradingModeSnapshot: .initial, portfolioValue: 1_000_000)
        #expect(halted.tradingMode.isHalted)  // the super-state wins
        #expect(halted.checkInvariants() == [])
    }
}
