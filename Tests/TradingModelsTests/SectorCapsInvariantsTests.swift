import Testing
import TradingModels
import TradingVocabulary

/// Every sector-caps invariant holds on a correct observation and fails on a hand-made violating one.
@Suite("Sector caps invariants")
struct SectorCapsInvariantsTests {
    /// A correct observation with holdings in grouped and ungrouped sectors, a warning and a critical.
    static let good: SectorCapsObservation = {
        var model = SectorCapsModel()
        for command: SectorCapsCommand in [
            .setPortfolioValue(1_000_000), .add("BTC-USD", amount: 150_000), .add("UNI-USD", amount: 100_000),
            .add("AAVE-USD", amount: 200_000), .markToMarket("AAVE-USD", value: 250_000), .adopt("ZZZ-USD", value: 10),
            .setLimits(SectorLimits(soft: 100, hard: 3000), for: .ethereum), .setGroupLimit(4000, for: .layer1),
        ] { _ = model.apply(command) }
        return model.observation
    }()

    static let violating: [String: SectorCapsObservation] = {
        var cases: [String: SectorCapsObservation] = [:]
        func make(_ name: String, _ change: (inout SectorCapsObservation) -> Void) {
            var o = good
            change(&o)
            cases[name] = o
        }
        make("sector exposure = Σ holdings") { $0.holdings[0].amount.value += 1 }  // a reduce that forgot the total
        make("group exposure = Σ sectors") { $0.groups[SectorGroup.defi].exposure = 0 }
        make("total = Σ sectors") { $0.totalExposure.value -= 1 }
        make("exposures ≥ 0") {
            $0.holdings.append(ObservedHolding(symbol: "ZZZZ-USD", sector: .other, amount: -10))
            $0.sectors[Sector.other].exposure = 0
        }
        make("holdings sorted and unique") { $0.holdings.reverse() }
        make("portfolio value > 0") { $0.portfolioValue = 0 }
        make("limits valid") { $0.sectors[.bitcoin].limits = SectorLimits(soft: 2500, hard: 2000) }
        make("sector health matches exposure") { $0.sectors[Sector.bitcoin].health = .healthy }
        make("group health matches exposure") { $0.groups[SectorGroup.defi].health = .critical }
        make("overall health is the worst") { $0.overallHealth = .warning }
        return cases
    }()

    @Test func goodObservationSatisfiesEveryInvariant() {
        #expect(Self.good.overallHealth == .critical)
        #expect(SectorCapsInvariants.state.violations(of: Self.good) == [])
    }

    @Test func noPortfolioValueMeansHealthy() {
        var o = Self.good
        o.portfolioValue = nil
        #expect(SectorCapsInvariants.state.violations(of: o).contains("sector health matches exposure"))
        for sector in Sector.allCases { o.sectors[sector].health = .healthy }
        for group in SectorGroup.allCases { o.groups[group].health = .healthy }
        o.overallHealth = .healthy
        #expect(SectorCapsInvariants.state.violations(of: o) == [])
    }

    @Test(arguments: SectorCapsInvariants.state.map(\.name))
    func invariantBites(name: String) throws {
        let invariant = try #require(SectorCapsInvariants.state.first { $0.name == name })
        let bad = try #require(Self.violating[name], "no violating example for \(name)")
        #expect(invariant.holds(Self.good))
        #expect(!invariant.holds(bad))
    }

    /// `firstViolation(of:)` names what the list names first: on the good observation, on each
    /// rule's violating example, on pairs of them (every rule's change applied over another's),
    /// and on every observation of seeded random model runs over symbols of every sector.
    @Test func firstViolationIsTheListsFirst() {
        #expect(SectorCapsInvariants.state.count == 10)
        var observations = [Self.good] + Self.violating.values
        let changes: [(inout SectorCapsObservation) -> Void] = [
            { $0.holdings[0].amount.value += 1 }, { $0.groups[SectorGroup.defi].exposure = 0 }, { $0.totalExposure.value -= 1 },
            { $0.holdings.reverse() }, { $0.portfolioValue = 0 }, { $0.sectors[.bitcoin].limits = SectorLimits(soft: 2500, hard: 2000) },
            { $0.sectors[Sector.bitcoin].health = .healthy }, { $0.groups[SectorGroup.defi].health = .critical }, { $0.overallHealth = .warning },
        ]
        for first in Self.violating.values {
            for change in changes {
                var both = first
                change(&both)
                observations.append(both)
            }
        }
        let symbols: [Symbol] = ["BTC-USD", "ETH-USD", "UNI-USD", "AAVE-USD", "SOL-USD", "DOGE-USD", "ZZZ-USD"]
        for seed in 0..<200 as Range<UInt64> {
            var rng = SplitMix(seed: seed)
            var model = SectorCapsModel()
            for _ in 0..<30 {
                let symbol = symbols[Int(rng.next() % UInt64(symbols.count))]
                let amount = Cents(Int64(rng.next() % 300_000))
                let command: SectorCapsCommand =
                    switch rng.next() % 8 {
                    case 0: .setPortfolioValue(Cents(Int64(rng.next() % 2_000_000)))
                    case 1:
                        .setLimits(SectorLimits(soft: 1_000, hard: BasisPoints(Int64(1_000 + rng.next() % 3_000))), for: Sector.allCases[Int(rng.next() % 19)])
                    case 2: .setGroupLimit(BasisPoints(Int64(rng.next() % 10_001)), for: SectorGroup.allCases[Int(rng.next() % 3)])
                    case 3, 4: .add(symbol, amount: amount)
                    case 5: .reduce(symbol, amount: amount)
                    case 6: .markToMarket(symbol, value: amount)
                    default: .remove(symbol)
                    }
                _ = model.apply(command)
                observations.append(model.observation)
            }
        }
        #expect(observations.contains { $0.overallHealth == .critical } && observations.contains { $0.overallHealth == .warning })
        for o in observations {
            #expect(SectorCapsInvariants.firstViolation(of: o) == SectorCapsInvariants.state.violations(of: o).first, "\(o)")
        }
    }

    // MARK: Step invariants

    typealias Step = (before: SectorCapsObservation, command: SectorCapsCommand, outcome: SectorCapsOutcome, after: SectorCapsObservation)

    static func step(_ commands: [SectorCapsCommand], then command: SectorCapsCommand) -> Step {
        var model = SectorCapsModel()
        _ = model.apply(.setPortfolioValue(1_000_000))
        for c in commands { _ = model.apply(c) }
        let before = model.observation
        let outcome = model.apply(command)
        return (before, command, outcome, model.observation)
    }

    static let stepCases: [String: (good: Step, bad: Step)] = {
        var cases: [String: (good: Step, bad: Step)] = [:]
        func make(_ name: String, _ good: Step, _ change: (inout Step) -> Void) {
            var bad = good
            change(&bad)
            cases[name] = (good, bad)
        }
        let atHard = step([.add("BTC-USD", amount: 150_000)], then: .add("BTC-USD", amount: 50_000))
        let overHard = step([.add("BTC-USD", amount: 150_000)], then: .add("BTC-USD", amount: 50_001))
        let atGroup = step([.add("UNI-USD", amount: 200_000), .add("AAVE-USD", amount: 100_000)], then: .add("LDO-USD", amount: 50_000))
        // The buggy production: checks the hard cap without the new amount, and books it.
        make("accepted add keeps sector ≤ hard limit", atHard) {
            $0 = overHard
            $0.outcome = .decision(.accepted)
            $0.after.holdings[0].amount = 200_001
            $0.after.sectors[Sector.bitcoin].exposure = 200_001
        }
        make("accepted add keeps group ≤ group limit", atGroup) {
            $0.after.groups[SectorGroup.defi].exposure = 350_001
        }
        make("accepted add books exactly the amount", atHard) { $0.after.holdings[0].amount = 199_999 }
        make("rejection is justified", atHard) { $0.outcome = .decision(.rejected(.sectorHardLimit(.bitcoin))) }
        make("rejected call changes nothing", overHard) { $0.after.holdings[0].amount = 200_001 }
        make("error changes nothing", step([], then: .setPortfolioValue(-1))) { $0.after.portfolioValue = -1 }
        make("canAdd changes nothing", step([], then: .canAdd("BTC-USD", amount: 5))) {
            $0.after.holdings = [ObservedHolding(symbol: "BTC-USD", sector: .bitcoin, amount: 5)]
        }
        make("reduce takes exactly the amount", step([.add("BTC-USD", amount: 10)], then: .reduce("BTC-USD", amount: 10))) {
            $0.after.holdings = [ObservedHolding(symbol: "BTC-USD", sector: .bitcoin, amount: 0)]  // kept at 0
        }
        make("markToMarket sets the value", step([.add("BTC-USD", amount: 10)], then: .markToMarket("BTC-USD", value: 0))) {
            $0.after.holdings = []  // a mark to 0 must not remove the holding
        }
        make("remove returns the holding", step([.add("BTC-USD", amount: 10)], then: .remove("BTC-USD"))) { $0.outcome = .removed(0) }
        make("portfolio value never unset", step([], then: .setPortfolioValue(5))) { $0.after.portfolioValue = nil }
        return cases
    }()

    @Test(arguments: SectorCapsInvariants.steps.map(\.name))
    func stepInvariantBites(name: String) throws {
        let invariant = try #require(SectorCapsInvariants.steps.first { $0.name == name })
        let pair = try #require(Self.stepCases[name], "no violating example for \(name)")
        #expect(invariant.holds(pair.good.before, pair.good.command, pair.good.outcome, pair.good.after))
        #expect(!invariant.holds(pair.bad.before, pair.bad.command, pair.bad.outcome, pair.bad.after))
    }
}
