import Testing
import TradingModels
import TradingVocabulary

/// Conditions that classify as the given state (volatility alone decides).
private func conditions(_ state: PortfolioState) -> SuperStateCommand {
    switch state {
    case .cautious: .update(volatility: 0.04, drawdown: 0, liquidity: 1)
    case .stressed: .update(volatility: 0.07, drawdown: 0, liquidity: 1)
    case .crisis: .update(volatility: 0.2, drawdown: 0, liquidity: 1)
    default: .update(volatility: 0, drawdown: 0, liquidity: 1)
    }
}

private func superState(_ commands: [SuperStateCommand]) -> SuperStateModel {
    var model = SuperStateModel()
    for command in commands { _ = model.apply(command) }
    return model
}

private func classify(_ v: Double, _ d: Double, _ l: Double) -> PortfolioState? {
    try? SuperStateModel.classify(volatility: v, drawdown: d, liquidity: l)
}

@Suite("Super-state model")
struct SuperStateModelTests {
    @Test func initialState() {
        let o = SuperStateModel().observation
        #expect(
            o
                == SuperStateObservation(
                    state: .normal, limits: PortfolioState.normal.limits, riskMultiplier: 10_000,
                    confirmations: 0, lastClassification: nil, history: []))
    }

    @Test func volatilityBoundaries() {
        #expect(classify(0.0299, 0, 1) == .normal)
        #expect(classify(0.03, 0, 1) == .cautious)
        #expect(classify(0.05, 0, 1) == .stressed)
        #expect(classify(0.10, 0, 1) == .stressed)
        #expect(classify(0.1000001, 0, 1) == .crisis)
        #expect(classify(7, 0, 1) == .crisis)  // no upper bound on volatility
    }

    @Test func drawdownBoundaries() {
        #expect(classify(0, 0.0499, 1) == .normal)
        #expect(classify(0, 0.05, 1) == .cautious)
        #expect(classify(0, 0.15, 1) == .stressed)
        #expect(classify(0, 0.30, 1) == .stressed)
        #expect(classify(0, 0.3000001, 1) == .crisis)
    }

    @Test func liquidityBoundaryAndMostSevereWins() {
        #expect(classify(0, 0, 0.2) == .normal)
        #expect(classify(0, 0, 0.1999) == .stressed)
        #expect(classify(0.2, 0, 0.1) == .crisis)
        #expect(classify(0.04, 0.2, 1) == .stressed)
        #expect(classify(-0.0, -0.0, -0.0) == .stressed)  // -0.0 is 0: liquidity 0 < 0.2
    }

    @Test func invalidConditionsAreErrorsInFieldOrderAndChangeNothing() {
        var model = superState([conditions(.cautious)])
        let before = model.observation
        let cases: [(SuperStateCommand, SuperStateError)] = [
            (.update(volatility: .nan, drawdown: .nan, liquidity: .nan), .invalidCondition(.volatility, .notFinite)),
            (.update(volatility: .infinity, drawdown: 0, liquidity: 0), .invalidCondition(.volatility, .notFinite)),
            (.update(volatility: -0.01, drawdown: 2, liquidity: 0), .invalidCondition(.volatility, .negative)),
            (.update(volatility: 0, drawdown: -.infinity, liquidity: 0), .invalidCondition(.drawdown, .notFinite)),
            (.update(volatility: 0, drawdown: -0.1, liquidity: 0), .invalidCondition(.drawdown, .negative)),
            (.update(volatility: 0, drawdown: 1.01, liquidity: .nan), .invalidCondition(.drawdown, .aboveOne)),
            (.update(volatility: 0, drawdown: 1, liquidity: .nan), .invalidCondition(.liquidity, .notFinite)),
            (.update(volatility: 0, drawdown: 1, liquidity: -1), .invalidCondition(.liquidity, .negative)),
            (.update(volatility: 0, drawdown: 1, liquidity: 1.5), .invalidCondition(.liquidity, .aboveOne)),
        ]
        for (command, error) in cases {
            #expect(model.apply(command) == .error(error), "\(command)")
            #expect(model.observation == before)
        }
    }

    @Test func normalCautiousStressedFollowTheClassification() {
        var model = SuperStateModel()
        #expect(model.apply(conditions(.normal)) == .updated(classification: .normal, transition: nil))
        #expect(
            model.apply(conditions(.stressed))
                == .updated(
                    classification: .stressed,
                    transition: SuperStateTransition(from: .normal, to: .stressed, cause: .update(.stressed))))
        _ = model.apply(conditions(.cautious))
        _ = model.apply(conditions(.normal))
        #expect(model.history.map(\.to) == [.stressed, .cautious, .normal])
    }

    @Test func crisisNeverGoesStraightToNormal() {
        var model = superState([conditions(.crisis)])
        #expect(model.apply(conditions(.crisis)) == .updated(classification: .crisis, transition: nil))
        #expect(
            model.apply(conditions(.normal))
                == .updated(
                    classification: .normal,
                    transition: SuperStateTransition(from: .crisis, to: .recovery, cause: .update(.normal))))
        #expect(model.confirmations == 0)  // the update that entered RECOVERY does not count
    }

    @Test func thirdConfirmingUpdateLeavesRecoveryTheSecondDoesNot() {
        var model = superState([conditions(.crisis), conditions(.normal)])
        #expect(model.apply(conditions(.normal)) == .updated(classification: .normal, transition: nil))
        #expect(model.confirmations == 1)
        #expect(model.apply(conditions(.cautious)) == .updated(classification: .cautious, transition: nil))
        #expect(model.confirmations == 2)
        #expect(model.state == .recovery)
        #expect(
            model.apply(conditions(.cautious))
                == .updated(
                    classification: .cautious,
                    transition: SuperStateTransition(from: .recovery, to: .cautious, cause: .update(.cautious))))
        #expect(model.confirmations == 0)
    }

    @Test func recoveryFallsBackToStressedOrCrisisAndResetsTheCount() {
        var model = superState([conditions(.crisis), conditions(.normal), conditions(.normal), conditions(.normal)])
        #expect(model.state == .recovery && model.confirmations == 2)
        _ = model.apply(conditions(.stressed))
        #expect(model.state == .stressed && model.confirmations == 0)
        model = superState([conditions(.crisis), conditions(.normal), conditions(.normal)])
        _ = model.apply(conditions(.crisis))
        #expect(model.state == .crisis && model.confirmations == 0)
    }

    @Test func haltFromAnyStateAndAgainIsNoChange() {
        var model = superState([conditions(.crisis), conditions(.normal), conditions(.normal)])
        #expect(model.apply(.halt) == .transition(SuperStateTransition(from: .recovery, to: .emergencyHalt, cause: .halt)))
        #expect(model.confirmations == 0)
        let before = model.observation
        #expect(model.apply(.halt) == .transition(nil))
        #expect(model.observation == before)
    }

    @Test func haltIgnoresUpdatesButRecordsTheClassification() {
        var model = superState([.halt])
        #expect(model.apply(conditions(.crisis)) == .updated(classification: .crisis, transition: nil))
        #expect(model.state == .emergencyHalt)
        #expect(model.lastClassification == .crisis)
        #expect(model.apply(.resume) == .transition(SuperStateTransition(from: .emergencyHalt, to: .crisis, cause: .resume)))
    }

    @Test func resumeGoesToRecoveryWithoutClassificationOrNonCrisis() {
        var model = superState([.halt])
        #expect(model.apply(.resume) == .transition(SuperStateTransition(from: .emergencyHalt, to: .recovery, cause: .resume)))
        model = superState([conditions(.stressed), .halt])
        _ = model.apply(.resume)
        #expect(model.state == .recovery)
    }

    @Test func resumeWhenNotHaltedIsAnError() {
        var model = superState([conditions(.cautious)])
        let before = model.observation
        #expect(model.apply(.resume) == .error(.notHalted(.cautious)))
        #expect(model.observation == before)
    }

    @Test func restartChangesNothing() {
        var model = superState([conditions(.crisis), conditions(.normal), conditions(.normal)])
        let before = model.observation
        #expect(model.apply(.restart) == .restarted)
        #expect(model.observation == before)
    }

    @Test func canOpenErrorsInOrder() {
        var model = SuperStateModel()
        #expect(model.apply(.canOpen(size: 0, deployed: -1, portfolioValue: 0)) == .error(.nonPositiveSize(0)))
        #expect(model.apply(.canOpen(size: 1, deployed: -1, portfolioValue: 0)) == .error(.negativeDeployed(-1)))
        #expect(model.apply(.canOpen(size: 1, deployed: 0, portfolioValue: 0)) == .error(.nonPositivePortfolioValue(0)))
    }

    @Test func canOpenBoundariesAreExact() {
        var model = SuperStateModel()  // NORMAL: max 15%, utilization 85%
        #expect(model.apply(.canOpen(size: 150_000, deployed: 700_000, portfolioValue: 1_000_000)) == .decision(.accepted))
        #expect(model.apply(.canOpen(size: 150_001, deployed: 0, portfolioValue: 1_000_000)) == .decision(.rejected(.exceedsMaxPosition)))
        #expect(model.apply(.canOpen(size: 150_000, deployed: 700_001, portfolioValue: 1_000_000)) == .decision(.rejected(.exceedsUtilization)))
        #expect(model.apply(.canOpen(size: 1, deployed: Cents(Int64.max), portfolioValue: 1_000_000)) == .decision(.rejected(.exceedsUtilization)))
        _ = model.apply(conditions(.crisis))
        _ = model.apply(conditions(.normal))  // RECOVERY: max 10%, utilization 70%
        #expect(model.apply(.canOpen(size: 100_000, deployed: 600_000, portfolioValue: 1_000_000)) == .decision(.accepted))
        #expect(model.apply(.canOpen(size: 100_001, deployed: 0, portfolioValue: 1_000_000)) == .decision(.rejected(.exceedsMaxPosition)))
    }

    @Test(arguments: [PortfolioState.stressed, .crisis, .emergencyHalt])
    func canOpenNeverAllowsIn(state: PortfolioState) {
        var model = state == .emergencyHalt ? superState([.halt]) : superState([conditions(state)])
        #expect(model.state == state)
        #expect(model.apply(.canOpen(size: 1, deployed: 0, portfolioValue: 1_000_000)) == .decision(.rejected(.newPositionsNotAllowed(state))))
    }

    @Test func limitsFollowTheState() {
        let model = superState([conditions(.cautious)])
        #expect(model.observation.limits == SuperStateLimits(maxPosition: 1200, utilization: 7500, allowsNewPositions: true, riskMultiplier: 8000))
        #expect(model.observation.riskMultiplier == 8000)
    }

    @Test func descriptionsArePasteableSwiftAndNaNEqualsItself() {
        let command = SuperStateCommand.update(volatility: .nan, drawdown: 0.1, liquidity: -.infinity)
        #expect(command.description == ".update(volatility: .nan, drawdown: 0.1, liquidity: -.infinity)")
        #expect(command == command)
        #expect(
            SuperStateCommand.update(volatility: 0.05, drawdown: 0.1, liquidity: 0.5).description == ".update(volatility: 0.05, drawdown: 0.1, liquidity: 0.5)")
        #expect(SuperStateCommand.update(volatility: 0.0, drawdown: 0, liquidity: 0) != .update(volatility: -0.0, drawdown: 0, liquidity: 0))
        #expect(SuperStateCommand.canOpen(size: 5, deployed: 0, portfolioValue: 100).description == ".canOpen(size: 5, deployed: 0, portfolioValue: 100)")
        #expect(SuperStateCommand.restart.description == ".restart")
    }

    @Test(arguments: 0..<20 as Range<UInt64>)
    func randomWalksKeepEveryInvariant(seed: UInt64) {
        var model = SuperStateModel()
        let violations = randomWalkViolations(
            &model, steps: 300, seed: seed,
            command: { rng, _ in randomSuperStateCommand(&rng) },
            apply: { $0.apply($1) }, observe: \.observation,
            state: SuperStateInvariants.state, step: SuperStateInvariants.steps)
        #expect(violations == [])
    }
}

/// A random super-state command, boundary values and bad conditions included.
func randomSuperStateCommand(_ rng: inout SplitMix) -> SuperStateCommand {
    let values: [Double] = [0, 0.01, 0.03, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1, .nan, -0.1, 1.5, .infinity]
    switch Int.random(in: 0..<12, using: &rng) {
    case 0: return .halt
    case 1: return .resume
    case 2: return .restart
    case 3:
        return .canOpen(
            size: Cents(Int64.random(in: -1...200_000, using: &rng)), deployed: Cents(Int64.random(in: -1...900_000, using: &rng)), portfolioValue: 1_000_000)
    default:
        // Mostly valid values, so that every state is reached.
        let valid = Int.random(in: 0..<8, using: &rng) != 0
        let pick = { (rng: inout SplitMix) in valid ? values.prefix(10).randomElement(using: &rng)! : values.randomElement(using: &rng)! }
        return .update(volatility: pick(&rng), drawdown: pick(&rng), liquidity: pick(&rng))
    }
}
