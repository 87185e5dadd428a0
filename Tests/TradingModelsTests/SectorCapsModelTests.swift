import Testing
import TradingModels
import TradingVocabulary

/// A sector-caps model with a portfolio value of 1 000 000¢ (so 1% = 10 000¢), after `commands`.
private func caps(_ commands: [SectorCapsCommand] = []) -> SectorCapsModel {
    var model = SectorCapsModel()
    _ = model.apply(.setPortfolioValue(1_000_000))
    for command in commands {
        if case .error(let error) = model.apply(command) { Issue.record("unexpected \(error) for \(command)") }
    }
    return model
}

@Suite("Sector caps model")
struct SectorCapsModelTests {
    @Test func initialState() {
        let o = SectorCapsModel().observation
        #expect(o.portfolioValue == nil)
        #expect(o.holdings.isEmpty && o.totalExposure == 0)
        #expect(o.sectors.isEmpty && Sector.allCases.allSatisfy { o.limits(for: $0) == SectorLimits(soft: 1500, hard: 2000) })
        #expect(o.groups.map(\.limit) == [3500, 3500, 3500])
        #expect(o.overallHealth == .healthy)
    }

    @Test func sectorExactlyAtHardLimitIsAllowedOneCentOverIsRejected() {
        var model = caps([.add("BTC-USD", amount: 150_000)])
        let before = model.observation
        #expect(model.apply(.add("WBTC-USD", amount: 50_001)) == .decision(.rejected(.sectorHardLimit(.bitcoin))))
        #expect(model.observation == before)
        #expect(model.apply(.add("WBTC-USD", amount: 50_000)) == .decision(.accepted))
        #expect(model.exposure(of: .bitcoin) == 200_000)
        #expect(model.health(of: .bitcoin) == .warning)  // at hard is not over it
        #expect(model.apply(.add("BTC-USD", amount: 1)) == .decision(.rejected(.sectorHardLimit(.bitcoin))))
    }

    @Test func groupExactlyAt35PercentIsAllowedOneCentOverIsRejected() {
        var model = caps([.add("UNI-USD", amount: 200_000), .add("AAVE-USD", amount: 100_000)])
        #expect(model.apply(.canAdd("LDO-USD", amount: 50_001)) == .decision(.rejected(.groupLimit(.defi))))
        #expect(model.apply(.add("LDO-USD", amount: 50_000)) == .decision(.accepted))
        #expect(model.exposure(of: .defi) == 350_000)
        #expect(model.health(of: .defi) == .healthy)
        #expect(model.apply(.add("SNX-USD", amount: 1)) == .decision(.rejected(.groupLimit(.defi))))
        #expect(model.apply(.add("BTC-USD", amount: 1)) == .decision(.accepted))  // bitcoin is in no group
    }

    @Test func sectorLimitIsCheckedBeforeGroupLimit() {
        var model = caps([.add("UNI-USD", amount: 200_000), .add("AAVE-USD", amount: 150_000)])
        #expect(model.apply(.add("SUSHI-USD", amount: 1)) == .decision(.rejected(.sectorHardLimit(.defiDEX))))
    }

    @Test func canAddAnswersAsAddWouldAndChangesNothing() {
        var model = caps([.add("ETH-USD", amount: 10)])
        for command: (Symbol, Cents) in [("ETH-USD", 199_990), ("ETH-USD", 199_991), ("SOL-USD", 0), ("ZZZ-USD", 5)] {
            var probe = model
            let before = model.observation
            let asked = model.apply(.canAdd(command.0, amount: command.1))
            #expect(model.observation == before)
            #expect(asked == probe.apply(.add(command.0, amount: command.1)))
        }
    }

    @Test func addErrorsAndRejectionsInOrder() {
        var model = SectorCapsModel()
        #expect(model.apply(.add("BTC-USD", amount: 0)) == .error(.nonPositiveAmount(0)))
        #expect(model.apply(.add("BTC-USD", amount: -5)) == .error(.nonPositiveAmount(-5)))
        #expect(model.apply(.add("BTC-USD", amount: 5)) == .decision(.rejected(.noPortfolioValue)))
        #expect(model.apply(.setPortfolioValue(0)) == .error(.nonPositivePortfolioValue(0)))
        #expect(model.apply(.setPortfolioValue(-1)) == .error(.nonPositivePortfolioValue(-1)))
        #expect(model.portfolioValue == nil)
    }

    @Test func unknownSymbolIsInOtherNotAnError() {
        var model = caps()
        #expect(model.apply(.add("ZZZ-USD", amount: 200_000)) == .decision(.accepted))
        #expect(model.observation.holdings == [ObservedHolding(symbol: "ZZZ-USD", sector: .other, amount: 200_000)])
        #expect(model.apply(.add("QQQ-USD", amount: 1)) == .decision(.rejected(.sectorHardLimit(.other))))
    }

    @Test func softLimitWarnsAtExactlyFifteenPercentAndNeverRejects() {
        var model = caps([.add("ETH-USD", amount: 149_999)])
        #expect(model.health(of: .ethereum) == .healthy)
        _ = model.apply(.add("ETH-USD", amount: 1))
        #expect(model.health(of: .ethereum) == .warning)
        #expect(model.overallHealth == .warning)
    }

    @Test func markToMarketMayPushPastTheHardLimit() {
        var model = caps([.add("SOL-USD", amount: 200_000)])
        #expect(model.apply(.markToMarket("SOL-USD", value: 200_001)) == .done)
        #expect(model.health(of: .layer1Alt) == .critical)
        #expect(model.overallHealth == .critical)
        #expect(model.apply(.markToMarket("SOL-USD", value: -1)) == .error(.negativeValue(-1)))
        #expect(model.apply(.markToMarket("ETH-USD", value: 1)) == .error(.notHeld("ETH-USD")))
    }

    @Test func groupOverItsLimitIsCritical() {
        var model = caps([.add("DOGE-USD", amount: 200_000), .add("FET-USD", amount: 150_000)])
        #expect(model.health(of: .speculative) == .healthy)
        _ = model.apply(.markToMarket("FET-USD", value: 150_001))
        #expect(model.health(of: .speculative) == .critical)
        #expect(model.health(of: .aiTokens) == .warning)
    }

    @Test func markToZeroStaysHeldReduceToZeroRemoves() {
        var model = caps([.add("BTC-USD", amount: 100), .add("ETH-USD", amount: 100)])
        _ = model.apply(.markToMarket("BTC-USD", value: 0))
        #expect(model.holding(of: "BTC-USD") == 0)
        _ = model.apply(.reduce("ETH-USD", amount: 100))
        #expect(model.holding(of: "ETH-USD") == nil)
        #expect(model.apply(.reduce("BTC-USD", amount: 1)) == .error(.exceedsHolding("BTC-USD", held: 0, requested: 1)))
        #expect(model.apply(.remove("BTC-USD")) == .removed(0))
        #expect(model.observation.holdings.isEmpty)
    }

    @Test func reduceErrorsInOrder() {
        var model = caps([.add("BTC-USD", amount: 100)])
        #expect(model.apply(.reduce("ETH-USD", amount: 0)) == .error(.nonPositiveAmount(0)))
        #expect(model.apply(.reduce("ETH-USD", amount: 1)) == .error(.notHeld("ETH-USD")))
        #expect(model.apply(.reduce("BTC-USD", amount: 101)) == .error(.exceedsHolding("BTC-USD", held: 100, requested: 101)))
        #expect(model.apply(.reduce("BTC-USD", amount: 40)) == .done)
        #expect(model.holding(of: "BTC-USD") == 60)
    }

    @Test func adoptNeedsNoPortfolioValueAndNoLimitCheck() {
        var model = SectorCapsModel()
        #expect(model.apply(.adopt("BTC-USD", value: 5_000_000)) == .done)
        #expect(model.apply(.adopt("ETH-USD", value: 0)) == .done)
        #expect(model.holding(of: "ETH-USD") == 0)
        #expect(model.overallHealth == .healthy)  // no portfolio value: every health is healthy
        #expect(model.apply(.adopt("BTC-USD", value: 1)) == .error(.alreadyHeld("BTC-USD")))
        #expect(model.apply(.adopt("SOL-USD", value: -1)) == .error(.negativeValue(-1)))
        _ = model.apply(.setPortfolioValue(1_000_000))
        #expect(model.health(of: .bitcoin) == .critical)
    }

    @Test func overflowOfTheTotalIsAnError() {
        var model = SectorCapsModel()
        _ = model.apply(.adopt("BTC-USD", value: Cents(Int64.max - 10)))
        #expect(model.apply(.adopt("ETH-USD", value: 11)) == .error(.overflow("ETH-USD")))
        #expect(model.apply(.adopt("ETH-USD", value: 10)) == .done)
        #expect(model.apply(.markToMarket("ETH-USD", value: 11)) == .error(.overflow("ETH-USD")))
        #expect(model.apply(.add("ETH-USD", amount: 1)) == .error(.overflow("ETH-USD")))
        #expect(model.apply(.markToMarket("BTC-USD", value: 0)) == .done)
        #expect(model.totalExposure == 10)
    }

    @Test func limitsValidationAndOverrides() {
        var model = caps()
        #expect(model.apply(.setLimits(SectorLimits(soft: 2001, hard: 2000), for: .bitcoin)) == .error(.invalidLimits(.bitcoin, soft: 2001, hard: 2000)))
        #expect(model.apply(.setLimits(SectorLimits(soft: -1, hard: 2000), for: .bitcoin)) == .error(.invalidLimits(.bitcoin, soft: -1, hard: 2000)))
        #expect(model.apply(.setLimits(SectorLimits(soft: 0, hard: 10_001), for: .bitcoin)) == .error(.invalidLimits(.bitcoin, soft: 0, hard: 10_001)))
        #expect(model.apply(.setGroupLimit(10_001, for: .defi)) == .error(.invalidGroupLimit(.defi, 10_001)))
        #expect(model.apply(.setGroupLimit(-1, for: .defi)) == .error(.invalidGroupLimit(.defi, -1)))
        #expect(model.apply(.setLimits(SectorLimits(soft: 0, hard: 10_000), for: .bitcoin)) == .done)
        #expect(model.health(of: .bitcoin) == .warning)  // soft 0: even an empty sector warns (literal rule)
        #expect(model.apply(.add("BTC-USD", amount: 1_000_000)) == .decision(.accepted))
        #expect(model.apply(.setGroupLimit(0, for: .layer1)) == .done)
        #expect(model.apply(.add("SOL-USD", amount: 1)) == .decision(.rejected(.groupLimit(.layer1))))
    }

    @Test func descriptionsArePasteableSwift() {
        #expect(SectorCapsCommand.add("BTC-USD", amount: 2000).description == #".add("BTC-USD", amount: 2000)"#)
        #expect(
            SectorCapsCommand.setLimits(SectorLimits(soft: 1500, hard: 2000), for: .defiDEX).description
                == ".setLimits(SectorLimits(soft: 1500, hard: 2000), for: .defiDEX)")
        #expect(SectorCapsCommand.setGroupLimit(3500, for: .defi).description == ".setGroupLimit(3500, for: .defi)")
        #expect(SectorCapsCommand.setPortfolioValue(-1).description == ".setPortfolioValue(-1)")
        #expect(SectorCapsCommand.markToMarket("SOL-USD", value: 0).description == #".markToMarket("SOL-USD", value: 0)"#)
    }

    @Test(arguments: 0..<20 as Range<UInt64>)
    func randomWalksKeepEveryInvariant(seed: UInt64) {
        var model = SectorCapsModel()
        let violations = randomWalkViolations(
            &model, steps: 200, seed: seed,
            command: { rng, _ in randomSectorCapsCommand(&rng) },
            apply: { $0.apply($1) }, observe: \.observation,
            state: SectorCapsInvariants.state, step: SectorCapsInvariants.steps)
        #expect(violations == [])
    }
}

/// A random sector-caps command with amounts near the limits of a 1 000 000¢ portfolio.
func randomSectorCapsCommand(_ rng: inout SplitMix) -> SectorCapsCommand {
    let symbol = testSymbols.randomElement(using: &rng)!
    let amount = Cents([0, -1, 1, 50_000, 100_000, 150_000, 200_000].randomElement(using: &rng)!)
    switch Int.random(in: 0..<12, using: &rng) {
    case 0: return .setPortfolioValue(Cents([1_000_000, 0, 2_000_000].randomElement(using: &rng)!))
    case 1:
        return .setLimits(
            SectorLimits(soft: BasisPoints(Int64.random(in: -1...1500, using: &rng)), hard: 1500), for: Sector.allCases.randomElement(using: &rng)!)
    case 2: return .setGroupLimit(BasisPoints(Int64.random(in: -1...4000, using: &rng)), for: SectorGroup.allCases.randomElement(using: &rng)!)
    case 3: return .canAdd(symbol, amount: amount)
    case 4, 5, 6: return .add(symbol, amount: amount)
    case 7: return .reduce(symbol, amount: amount)
    case 8: return .markToMarket(symbol, value: amount)
    case 9: return .adopt(symbol, value: amount)
    default: return .remove(symbol)
    }
}
