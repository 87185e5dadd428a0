import Testing
import TradingModels
import TradingVocabulary

/// A stack (portfolio value 10 000 000¢: 1% = 100 000¢) after `commands`, expecting no errors.
private func stack(_ commands: [RiskStackCommand]) -> RiskStackModel {
    var model = RiskStackModel()
    for command in commands {
        if case .error(let error) = model.apply(command) { Issue.record("unexpected \(error) for \(command)") }
    }
    return model
}

private let dryRun: [RiskStackCommand] = [.enableDryRun]
private let live: [RiskStackCommand] = [.enableDryRun, .goLive(confirmed: true)]
private let crisis = RiskStackCommand.update(volatility: 0.2, drawdown: 0, liquidity: 1)
private let stressed = RiskStackCommand.update(volatility: 0.07, drawdown: 0, liquidity: 1)

/// Applies `command` and expects `expected`, with nothing changed in any layer.
private func expectUnchanged(
    _ model: inout RiskStackModel, _ command: RiskStackCommand, _ expected: RiskStackOutcome,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let before = model.observation
    #expect(model.apply(command) == expected, sourceLocation: sourceLocation)
    #expect(model.observation == before, sourceLocation: sourceLocation)
}

@Suite("Risk stack model")
struct RiskStackModelTests {
    @Test func initialState() {
        let model = RiskStackModel()
        #expect(model.configuredPortfolioValue == 10_000_000)
        #expect(model.observation.sectorCaps.portfolioValue == 10_000_000)
        #expect(model.observation.tradingMode.state == .off)
        #expect(model.observation.superState.state == .normal)
        #expect(model.observation.positions.count == 0)
    }

    @Test func portfolioValueMustBePositive() {
        #expect(throws: RiskStackError.sectorCaps(.nonPositivePortfolioValue(0))) { try RiskStackModel(portfolioValue: 0) }
        #expect((try? RiskStackModel(portfolioValue: 1))?.configuredPortfolioValue == 1)
    }

    @Test func nonPositiveAmountIsTheOnlyErrorOnTheOrderPath() {
        var model = stack([])
        expectUnchanged(&model, .submit("BTC-USD", amount: 0), .error(.nonPositiveAmount(0)))
        expectUnchanged(&model, .submit("BTC-USD", amount: -1), .error(.nonPositiveAmount(-1)))
    }

    @Test func tradingModeOffRejectsAndChangesNothing() {
        var model = stack([])
        expectUnchanged(&model, .submit("BTC-USD", amount: 100), .decision(.rejected(.tradingMode(.notAllowed(.submit, from: .off)))))
    }

    @Test func superStateRejectionsChangeNothing() {
        var model = stack(dryRun)
        expectUnchanged(&model, .submit("BTC-USD", amount: 1_500_001), .decision(.rejected(.superState(.exceedsMaxPosition))))
        model = stack(dryRun + [stressed])
        expectUnchanged(&model, .submit("BTC-USD", amount: 1), .decision(.rejected(.superState(.newPositionsNotAllowed(.stressed)))))
        // deployed counts marked and adopted values: 8 400 000 adopted, 100 001 more is over 85%.
        model = stack(dryRun + [.adopt("ZZZ-USD", value: 8_000_000), .markToMarket("ZZZ-USD", value: 8_400_000)])
        expectUnchanged(&model, .submit("BTC-USD", amount: 100_001), .decision(.rejected(.superState(.exceedsUtilization))))
        #expect(model.apply(.submit("BTC-USD", amount: 100_000)) == .decision(.accepted(.simulation)))
    }

    @Test func positionRejectionsChangeNothing() {
        var model = stack(dryRun + [.setCap(0)])
        expectUnchanged(&model, .submit("BTC-USD", amount: 1), .decision(.rejected(.positions(.atCapacity))))
        model = stack(dryRun + [.adopt("BTC-USD", value: 1), .setCap(0)])
        #expect(model.positions.state == .drain)
        expectUnchanged(&model, .submit("BTC-USD", amount: 1), .decision(.rejected(.positions(.draining))))
        expectUnchanged(&model, .submit("ETH-USD", amount: 1), .decision(.rejected(.positions(.draining))))
        model = stack(dryRun + [.adopt("BTC-USD", value: 1), .setForcedUnwind(true)])
        expectUnchanged(&model, .submit("BTC-USD", amount: 1), .decision(.rejected(.positions(.forcedUnwind))))
    }

    @Test func moreOfAHeldSymbolIgnoresTheCap() {
        var model = stack(dryRun + [.setCap(1), .submit("BTC-USD", amount: 100)])
        #expect(model.positions.excess == 0)
        #expect(model.apply(.submit("BTC-USD", amount: 100)) == .decision(.accepted(.simulation)))
        #expect(model.sectorCaps.holding(of: "BTC-USD") == 200)
        #expect(model.positions.count == 1)
        #expect(model.apply(.submit("ETH-USD", amount: 100)) == .decision(.rejected(.positions(.atCapacity))))
    }

    @Test func sectorCapsRejectionChangesNothingNotEvenThePosition() {
        var model = stack(dryRun + [.submit("BTC-USD", amount: 1_500_000)])
        expectUnchanged(&model, .submit("WBTC-USD", amount: 500_001), .decision(.rejected(.sectorCaps(.sectorHardLimit(.bitcoin)))))
        #expect(!model.positions.holds("WBTC-USD"))
        #expect(model.apply(.submit("WBTC-USD", amount: 500_000)) == .decision(.accepted(.simulation)))  // exactly at 20%
    }

    @Test func groupRejectionAtTheStack() {
        var model = stack(dryRun + [.submit("UNI-USD", amount: 1_500_000), .submit("SUSHI-USD", amount: 500_000), .submit("AAVE-USD", amount: 1_500_000)])
        expectUnchanged(&model, .submit("LDO-USD", amount: 1), .decision(.rejected(.sectorCaps(.groupLimit(.defi)))))
    }

    @Test func acceptedOrdersRouteByModeAndOpenThePosition() {
        var model = stack(dryRun)
        #expect(model.apply(.submit("BTC-USD", amount: 100)) == .decision(.accepted(.simulation)))
        _ = model.apply(.goLive(confirmed: true))
        #expect(model.apply(.submit("ETH-USD", amount: 100)) == .decision(.accepted(.exchange)))
        #expect(model.positions.positions.map(\.symbol) == ["BTC-USD", "ETH-USD"])
        #expect(model.positions.positions.map(\.entry) == [0, 1])
        #expect(model.sectorCaps.totalExposure == 200)
    }

    @Test func closeAndAdoptReachBothLayers() {
        var model = stack(dryRun + [.submit("BTC-USD", amount: 100)])
        #expect(model.apply(.close("BTC-USD")) == .done)
        #expect(!model.positions.holds("BTC-USD") && model.sectorCaps.holding(of: "BTC-USD") == nil)
        expectUnchanged(&model, .close("BTC-USD"), .error(.position(.notHeld("BTC-USD"))))
        #expect(model.apply(.adopt("ETH-USD", value: 0)) == .done)
        expectUnchanged(&model, .adopt("ETH-USD", value: -1), .error(.position(.alreadyHeld("ETH-USD"))))
        expectUnchanged(&model, .adopt("SOL-USD", value: -1), .error(.sectorCaps(.negativeValue(-1))))
    }

    @Test func otherInputsReachTheirLayerWithWrappedErrors() {
        var model = stack([.adopt("BTC-USD", value: 5)])
        expectUnchanged(&model, .mark("ETH-USD", unrealizedPnL: 1), .error(.position(.notHeld("ETH-USD"))))
        expectUnchanged(&model, .markToMarket("ETH-USD", value: 1), .error(.sectorCaps(.notHeld("ETH-USD"))))
        expectUnchanged(&model, .setCap(-1), .error(.position(.negativeCap(-1))))
        expectUnchanged(&model, .setPortfolioValue(0), .error(.sectorCaps(.nonPositivePortfolioValue(0))))
        expectUnchanged(&model, .setLimits(SectorLimits(soft: 3, hard: 2), for: .other), .error(.sectorCaps(.invalidLimits(.other, soft: 3, hard: 2))))
        expectUnchanged(&model, .setGroupLimit(-1, for: .layer1), .error(.sectorCaps(.invalidGroupLimit(.layer1, -1))))
        expectUnchanged(&model, .update(volatility: .nan, drawdown: 0, liquidity: 0), .error(.superState(.invalidCondition(.volatility, .notFinite))))
        expectUnchanged(&model, .resume, .error(.superState(.notHalted(.normal))))
        #expect(model.apply(.setCap(0)) == .position(PositionTransition(from: .normal, to: .drain, count: 1, cap: 0, excess: 1, forced: false)))
        #expect(model.apply(.cycle) == .orders([ExitOrder(symbol: "BTC-USD", reason: .drain)]))
        #expect(model.apply(.stop) == .mode(.unchanged))
    }

    @Test func haltIsMirroredAndResumeNeverGoesLive() {
        var model = stack(live)
        #expect(model.apply(.halt) == .superState(SuperStateTransition(from: .normal, to: .emergencyHalt, cause: .halt)))
        #expect(model.tradingMode.isHalted)
        #expect(model.tradingMode.state == .dryRun)
        #expect(model.tradingMode.history.last == TradingModeTransition(from: .liveActive, to: .dryRun, cause: .halt))
        #expect(model.apply(.goLive(confirmed: true)) == .mode(.rejected(.halted)))
        #expect(model.apply(.resume) == .superState(SuperStateTransition(from: .emergencyHalt, to: .recovery, cause: .resume)))
        #expect(!model.tradingMode.isHalted)
        #expect(model.tradingMode.state == .dryRun)
        #expect(model.apply(.goLive(confirmed: true)) == .mode(.transitioned(TradingModeTransition(from: .dryRun, to: .liveActive, cause: .goLive))))
    }

    @Test func updatesMirrorTooAndHaltedUpdatesStayHalted() {
        var model = stack(live + [.halt])
        #expect(model.apply(crisis) == .updated(classification: .crisis, transition: nil))
        #expect(model.tradingMode.isHalted)
        _ = model.apply(.resume)
        #expect(model.superState.state == .crisis && !model.tradingMode.isHalted)
    }

    @Test func restartBringsLiveActiveBackAsDryRunAndForgetsUnpersistedLayers() {
        var model = stack(live + [.submit("BTC-USD", amount: 100), .setCap(3), .setPortfolioValue(20_000_000), crisis])
        let superStateBefore = model.observation.superState
        #expect(model.apply(.restart) == .restarted)
        #expect(model.tradingMode.state == .dryRun)
        #expect(model.tradingMode.history.last == TradingModeTransition(from: .liveActive, to: .dryRun, cause: .restart))
        #expect(model.observation.superState == superStateBefore)
        #expect(model.observation.positions == PositionModel().observation)
        #expect(model.sectorCaps.holdings.isEmpty)
        #expect(model.sectorCaps.portfolioValue == 10_000_000)
    }

    @Test func restartWhileHaltedKeepsTheHalt() {
        var model = stack(dryRun + [.halt])
        _ = model.apply(.restart)
        #expect(model.tradingMode.isHalted && model.superState.state == .emergencyHalt)
    }

    @Test func composedFromTheFourLayerModels() {
        var mode = TradingModeModel()
        _ = mode.apply(.enableDryRun)
        _ = mode.apply(.goLive(confirmed: true))
        var superState = SuperStateModel()
        _ = superState.apply(.halt)
        var positions = PositionModel()
        _ = positions.apply(.adopt("BTC-USD"))
        var caps = SectorCapsModel()
        _ = caps.apply(.setPortfolioValue(1_000))
        _ = caps.apply(.adopt("BTC-USD", value: 10))
        let model = RiskStackModel(tradingMode: mode, superState: superState, positions: positions, sectorCaps: caps)
        #expect(model.configuredPortfolioValue == 1_000)
        #expect(model.tradingMode.isHalted && model.tradingMode.state == .dryRun)  // the super-state wins
        #expect(model.observation.positions == positions.observation)
        #expect(RiskStackInvariants.state.violations(of: model.observation) == [])
    }

    @Test func descriptionsArePasteableSwiftAndNaNEqualsItself() {
        #expect(RiskStackCommand.submit("BTC-USD", amount: 150_000).description == #".submit("BTC-USD", amount: 150000)"#)
        #expect(RiskStackCommand.adopt("ETH-USD", value: 0).description == #".adopt("ETH-USD", value: 0)"#)
        let nan = RiskStackCommand.update(volatility: .nan, drawdown: 0.1, liquidity: 0.5)
        #expect(nan == nan)
        #expect(nan.description == ".update(volatility: .nan, drawdown: 0.1, liquidity: 0.5)")
        #expect(RiskStackCommand.setCap(3) != .setCap(4))
        #expect(RiskStackCommand.goLive(confirmed: true) == .goLive(confirmed: true))
        #expect(RiskStackCommand.close("A") != .close("B"))
    }

    @Test(arguments: 0..<30 as Range<UInt64>)
    func randomWalksKeepEveryInvariant(seed: UInt64) {
        var model = RiskStackModel()
        let violations = randomWalkViolations(
            &model, steps: 300, seed: seed,
            command: { rng, _ in randomRiskStackCommand(&rng) },
            apply: { $0.apply($1) }, observe: \.observation,
            state: RiskStackInvariants.state, step: RiskStackInvariants.steps)
        #expect(violations == [])
    }

    @Test func randomWalksReachEveryLayerRejection() {
        var seen: Set<RiskLayer> = []
        var accepted = 0
        for seed in 0..<30 as Range<UInt64> {
            var model = RiskStackModel()
            var rng = SplitMix(seed: seed)
            for _ in 0..<300 {
                switch model.apply(randomRiskStackCommand(&rng)) {
                case .decision(.rejected(let reason)): seen.insert(reason.layer)
                case .decision(.accepted): accepted += 1
                default: break
                }
            }
        }
        #expect(seen == Set(RiskLayer.allCases))
        #expect(accepted > 0)
    }
}

/// A random risk-stack command over a few symbols, amounts near the limits of a 10 000 000¢ portfolio.
func randomRiskStackCommand(_ rng: inout SplitMix) -> RiskStackCommand {
    let symbol = testSymbols.randomElement(using: &rng)!
    let amount = Cents([-1, 0, 1, 500_000, 1_000_000, 1_500_000, 1_500_001, 2_000_000].randomElement(using: &rng)!)
    switch Int.random(in: 0..<24, using: &rng) {
    case 0..<7: return .submit(symbol, amount: amount)
    case 7: return .close(symbol)
    case 8: return .adopt(symbol, value: amount)
    case 9: return .mark(symbol, unrealizedPnL: Cents(Int64.random(in: -2...2, using: &rng)))
    case 10: return .markToMarket(symbol, value: amount)
    case 11: return .setCap(Int.random(in: -1...4, using: &rng))
    case 12: return .setForcedUnwind(Int.random(in: 0..<4, using: &rng) == 0)
    case 13: return .cycle
    case 14:
        return .setLimits(
            SectorLimits(soft: 500, hard: BasisPoints([1000, 2000, 400].randomElement(using: &rng)!)), for: Sector.allCases.randomElement(using: &rng)!)
    case 15: return .setGroupLimit(BasisPoints([1000, 3500].randomElement(using: &rng)!), for: SectorGroup.allCases.randomElement(using: &rng)!)
    case 16:
        let calm = Int.random(in: 0..<3, using: &rng) != 0
        return calm
            ? .update(volatility: 0, drawdown: 0, liquidity: 1)
            : .update(volatility: [0.04, 0.07, 0.2, .nan].randomElement(using: &rng)!, drawdown: 0, liquidity: 1)
    case 17: return .halt
    case 18: return .resume
    case 19: return .enableDryRun
    case 20: return .goLive(confirmed: Int.random(in: 0..<4, using: &rng) != 0)
    case 21: return [.pause, .stop].randomElement(using: &rng)!
    case 22: return .restart
    default: return .setPortfolioValue(Cents([10_000_000, 0, 5_000_000].randomElement(using: &rng)!))
    }
}
