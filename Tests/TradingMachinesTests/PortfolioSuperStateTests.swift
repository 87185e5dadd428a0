import Testing
import TradingMachines
import TradingVocabulary

@Suite struct PortfolioSuperStateTests {
    func classify(_ v: Double, _ d: Double = 0, _ l: Double = 1) throws -> PortfolioState {
        try PortfolioSuperState.classify(volatility: v, drawdown: d, liquidity: l)
    }

    @Test func volatilityBoundaries() throws {
        #expect(try classify(0) == .normal)
        #expect(try classify(0.0299) == .normal)
        #expect(try classify(0.03) == .cautious)
        #expect(try classify(0.0499) == .cautious)
        #expect(try classify(0.05) == .stressed)
        #expect(try classify(0.10) == .stressed)
        #expect(try classify(0.1001) == .crisis)
        #expect(try classify(5) == .crisis)
    }

    @Test func drawdownBoundaries() throws {
        #expect(try classify(0, 0.0499) == .normal)
        #expect(try classify(0, 0.05) == .cautious)
        #expect(try classify(0, 0.1499) == .cautious)
        #expect(try classify(0, 0.15) == .stressed)
        #expect(try classify(0, 0.30) == .stressed)
        #expect(try classify(0, 0.3001) == .crisis)
        #expect(try classify(0, 1) == .crisis)
    }

    @Test func liquidityBoundaryAndMostSevereWins() throws {
        #expect(try classify(0, 0, 0.2) == .normal)
        #expect(try classify(0, 0, 0.1999) == .stressed)
        #expect(try classify(0, 0, 0) == .stressed)
        #expect(try classify(0.2, 0, 0.1) == .crisis)
        #expect(try classify(0.04, 0.2, 1) == .stressed)
        #expect(try classify(0.04, 0.01, 1) == .cautious)
    }

    @Test func badConditionsAreTypedErrorsAndChangeNothing() throws {
        var machine = PortfolioSuperState()
        try machine.update(volatility: 0.04, drawdown: 0, liquidity: 1)
        let before = machine.snapshot
        let cases: [(Double, Double, Double, SuperStateError)] = [
            (.nan, 0, 1, .invalidCondition(.volatility, .notFinite)),
            (.infinity, 0, 1, .invalidCondition(.volatility, .notFinite)),
            (-0.01, 0, 1, .invalidCondition(.volatility, .negative)),
            (0, .nan, 1, .invalidCondition(.drawdown, .notFinite)),
            (0, -1, 1, .invalidCondition(.drawdown, .negative)),
            (0, 1.0001, 1, .invalidCondition(.drawdown, .aboveOne)),
            (0, 0, -.infinity, .invalidCondition(.liquidity, .notFinite)),
            (0, 0, 1.5, .invalidCondition(.liquidity, .aboveOne)),
            (.nan, 2, -1, .invalidCondition(.volatility, .notFinite)),
        ]
        for (v, d, l, expected) in cases {
            #expect(throws: expected) { try machine.update(volatility: v, drawdown: d, liquidity: l) }
        }
        #expect(machine.snapshot == before)
        #expect(machine.lastClassification == .cautious)
    }

    @Test func normalCautiousStressedFollowTheClassification() throws {
        let sink = RecordingTransitionSink()
        var machine = PortfolioSuperState(sink: sink)
        try machine.update(volatility: 0.03, drawdown: 0, liquidity: 1)
        #expect(machine.state == .cautious)
        try machine.update(volatility: 0.03, drawdown: 0, liquidity: 1)  // same: nothing recorded
        try machine.update(volatility: 0.05, drawdown: 0, liquidity: 1)
        #expect(machine.state == .stressed)
        try machine.update(volatility: 0.01, drawdown: 0, liquidity: 1)
        #expect(machine.state == .normal)
        #expect(machine.history.map(\.to) == [.cautious, .stressed, .normal])
        #expect(sink.superStateTransitions == machine.history)
    }

    @Test func crisisNeverGoesStraightToNormalAndRecoveryNeedsThreeConfirmations() throws {
        var machine = PortfolioSuperState()
        try machine.update(volatility: 0.2, drawdown: 0, liquidity: 1)
        #expect(machine.state == .crisis)
        #expect(machine.riskMultiplier == 2500)
        try machine.update(volatility: 0, drawdown: 0, liquidity: 1)
        #expect(machine.state == .recovery)  // not NORMAL
        #expect(machine.confirmations == 0)  // the entering update does not count
        try machine.update(volatility: 0, drawdown: 0, liquidity: 1)
        #expect(machine.state == .recovery)
        #expect(machine.confirmations == 1)
        try machine.update(volatility: 0.03, drawdown: 0, liquidity: 1)
        #expect(machine.state == .recovery)  // the 2nd does not leave
        #expect(machine.confirmations == 2)
        let third = try machine.update(volatility: 0.03, drawdown: 0, liquidity: 1)
        #expect(machine.state == .cautious)  // the 3rd leaves, to its own classification
        #expect(third.transition == SuperStateTransition(from: .recovery, to: .cautious, cause: .update(.cautious)))
        #expect(machine.confirmations == 0)
        #expect(machine.history.map(\.to) == [.crisis, .recovery, .cautious])
        #expect(machine.checkInvariants() == [])
    }

    @Test func crisisStaysOnCrisisAndGoesToRecoveryOnStressed() throws {
        var machine = PortfolioSuperState()
        try machine.update(volatility: 0.5, drawdown: 0, liquidity: 1)
        #expect(try machine.update(volatility: 0.5, drawdown: 0, liquidity: 1).transition == nil)
        try machine.update(volatility: 0.05, drawdown: 0, liquidity: 1)
        #expect(machine.state == .recovery)
    }

    @Test func recoveryFallsBackOnStressedOrCrisis() throws {
        var machine = PortfolioSuperState()
        try machine.update(volatility: 0.5, drawdown: 0, liquidity: 1)
        try machine.update(volatility: 0, drawdown: 0, liquidity: 1)
        try machine.update(volatility: 0, drawdown: 0, liquidity: 1)
        try machine.update(volatility: 0, drawdown: 0, liquidity: 0.1)
        #expect(machine.state == .stressed)
        try machine.update(volatility: 0.5, drawdown: 0, liquidity: 1)
        try machine.update(volatility: 0, drawdown: 0, liquidity: 1)
        try machine.update(volatility: 0, drawdown: 0, liquidity: 1)
        try machine.update(volatility: 0, drawdown: 0.31, liquidity: 1)
        #expect(machine.state == .crisis)
        try machine.update(volatility: 0, drawdown: 0, liquidity: 1)
        #expect(machine.confirmations == 0)  // the count restarts on re-entering RECOVERY
    }

    @Test func haltAndResume() throws {
        let sink = RecordingTransitionSink()
        var machine = PortfolioSuperState(sink: sink)
        #expect(throws: SuperStateError.notHalted(.normal)) { try machine.resume() }
        #expect(machine.halt() == SuperStateTransition(from: .normal, to: .emergencyHalt, cause: .halt))
        #expect(machine.halt() == nil)
        #expect(machine.riskMultiplier == 0)
        // No update yet counts as NORMAL: resume goes to RECOVERY.
        #expect(try machine.resume() == SuperStateTransition(from: .emergencyHalt, to: .recovery, cause: .resume))
        machine.halt()
        try machine.update(volatility: 0.5, drawdown: 0, liquidity: 1)
        #expect(machine.state == .emergencyHalt)  // updates are classified but do not leave
        #expect(machine.lastClassification == .crisis)
        #expect(try machine.resume().to == .crisis)
        machine.halt()
        try machine.update(volatility: 0.04, drawdown: 0, liquidity: 1)
        #expect(try machine.resume().to == .recovery)
        #expect(machine.history.count == 6)
        #expect(sink.superStateTransitions.count == 6)
        #expect(machine.checkInvariants() == [])
    }

    @Test func haltFromRecoveryResetsConfirmations() throws {
        var machine = PortfolioSuperState()
        try machine.update(volatility: 0.5, drawdown: 0, liquidity: 1)
        try machine.update(volatility: 0, drawdown: 0, liquidity: 1)
        try machine.update(volatility: 0, drawdown: 0, liquidity: 1)
        #expect(machine.confirmations == 1)
        machine.halt()
        #expect(machine.confirmations == 0)
        try machine.resume()
        try machine.update(volatility: 0, drawdown: 0, liquidity: 1)
        try machine.update(volatility: 0, drawdown: 0, liquidity: 1)
        #expect(machine.state == .recovery)
        try machine.update(volatility: 0, drawdown: 0, liquidity: 1)
        #expect(machine.state == .normal)
    }

    @Test func canOpenLimits() throws {
        var machine = PortfolioSuperState()
        let value: Cents = 1_000_000
        #expect(try machine.canOpen(size: 150_000, deployed: 0, portfolioValue: value) == .accepted)
        #expect(try machine.canOpen(size: 150_001, deployed: 0, portfolioValue: value) == .rejected(.exceedsMaxPosition))
        #expect(try machine.canOpen(size: 150_000, deployed: 700_000, portfolioValue: value) == .accepted)
        #expect(try machine.canOpen(size: 150_000, deployed: 700_001, portfolioValue: value) == .rejected(.exceedsUtilization))
        try machine.update(volatility: 0.03, drawdown: 0, liquidity: 1)
        #expect(try machine.canOpen(size: 120_000, deployed: 630_000, portfolioValue: value) == .accepted)
        #expect(try machine.canOpen(size: 120_001, deployed: 0, portfolioValue: value) == .rejected(.exceedsMaxPosition))
        for conditions in [(0.05, PortfolioState.stressed), (0.5, .crisis)] {
            try machine.update(volatility: conditions.0, drawdown: 0, liquidity: 1)
            #expect(try machine.canOpen(size: 1, deployed: 0, portfolioValue: value) == .rejected(.newPositionsNotAllowed(conditions.1)))
        }
        try machine.update(volatility: 0, drawdown: 0, liquidity: 1)
        #expect(machine.state == .recovery)
        #expect(try machine.canOpen(size: 100_000, deployed: 600_000, portfolioValue: value) == .accepted)
        #expect(try machine.canOpen(size: 100_001, deployed: 0, portfolioValue: value) == .rejected(.exceedsMaxPosition))
        machine.halt()
        #expect(try machine.canOpen(size: 1, deployed: 0, portfolioValue: value) == .rejected(.newPositionsNotAllowed(.emergencyHalt)))
        #expect(throws: SuperStateError.nonPositiveSize(0)) { try machine.canOpen(size: 0, deployed: 0, portfolioValue: value) }
        #expect(throws: SuperStateError.negativeDeployed(-1)) { try machine.canOpen(size: 1, deployed: -1, portfolioValue: value) }
        #expect(throws: SuperStateError.nonPositivePortfolioValue(0)) { try machine.canOpen(size: 1, deployed: 0, portfolioValue: 0) }
        #expect(
            try machine.canOpen(size: Cents(Int64.max), deployed: Cents(Int64.max), portfolioValue: Cents(Int64.max))
                == .rejected(.newPositionsNotAllowed(.emergencyHalt)))
    }

    @Test func largeValuesDoNotOverflow() throws {
        let machine = PortfolioSuperState()
        let max = Cents(Int64.max)
        #expect(try machine.canOpen(size: Cents(Int64.max / 10), deployed: Cents(Int64.max / 2), portfolioValue: max) == .accepted)
        #expect(try machine.canOpen(size: Cents(Int64.max / 2), deployed: max, portfolioValue: max) == .rejected(.exceedsMaxPosition))
        #expect(try machine.canOpen(size: Cents(Int64.max / 10), deployed: max, portfolioValue: max) == .rejected(.exceedsUtilization))
    }

    @Test func everyObservedTransitionIsAllowed() throws {
        var machine = PortfolioSuperState()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            switch Int.random(in: 0..<20, using: &generator) {
            case 0: machine.halt()
            case 1: _ = try? machine.resume()
            default:
                try machine.update(
                    volatility: Double.random(in: 0...0.15, using: &generator),
                    drawdown: Double.random(in: 0...0.4, using: &generator),
                    liquidity: Double.random(in: 0...1, using: &generator))
            }
            #expect(machine.limits == machine.state.limits)
        }
        #expect(machine.checkInvariants() == [])
        #expect(!machine.history.contains { $0.from == .crisis && $0.to == .normal })
    }
}
