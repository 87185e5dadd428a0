import Testing
import TradingModels
import TradingVocabulary

/// Every risk-stack invariant, its own and each layer's with a prefix, holds on a correct
/// observation and fails on a hand-made violating one.
@Suite("Risk stack invariants")
struct RiskStackInvariantsTests {
    /// Live, with two positions booked and one adopted.
    static let good: RiskStackObservation = {
        var model = RiskStackModel()
        for command: RiskStackCommand in [
            .enableDryRun, .goLive(confirmed: true), .submit("BTC-USD", amount: 1_000_000), .submit("UNI-USD", amount: 500_000),
            .adopt("ZZZ-USD", value: 7), .mark("UNI-USD", unrealizedPnL: -3),
        ] { _ = model.apply(command) }
        return model.observation
    }()

    /// A correct stack observation and a violating one for `name`.
    static func example(_ name: String) -> (good: RiskStackObservation, bad: RiskStackObservation)? {
        var bad = good
        switch name {
        case "same symbols in positions and holdings":
            bad.sectorCaps.holdings.removeLast()  // a holding booked without its position, or the reverse
            return (good, bad)
        case "halt mirrored":
            bad.tradingMode.isHalted = true
            bad.tradingMode.state = .dryRun
            bad.tradingMode.routing = .routed(.simulation)
            bad.tradingMode.history.append(TradingModeTransition(from: .liveActive, to: .dryRun, cause: .halt))
            return (good, bad)
        case "portfolio value set":
            bad.sectorCaps.portfolioValue = nil
            for sector in Sector.allCases { bad.sectorCaps.sectors[sector].health = .healthy }
            bad.sectorCaps.overallHealth = .healthy
            return (good, bad)
        default:
            break
        }
        // A layer invariant: put that layer's own good and violating examples into the stack.
        var base = good
        func layer<O>(_ prefix: String, _ goodLayer: O, _ violating: [String: O], _ set: (inout RiskStackObservation, O) -> Void)
            -> (good: RiskStackObservation, bad: RiskStackObservation)?
        {
            guard name.hasPrefix(prefix), let badLayer = violating[String(name.dropFirst(prefix.count))] else { return nil }
            set(&base, goodLayer)
            var bad = base
            set(&bad, badLayer)
            return (base, bad)
        }
        return layer("tradingMode.", TradingModeInvariantsTests.good, TradingModeInvariantsTests.violating) { $0.tradingMode = $1 }
            ?? layer("superState.", SuperStateInvariantsTests.good, SuperStateInvariantsTests.violating) { $0.superState = $1 }
            ?? layer("positions.", PositionInvariantsTests.good, PositionInvariantsTests.violating) { $0.positions = $1 }
            ?? layer("sectorCaps.", SectorCapsInvariantsTests.good, SectorCapsInvariantsTests.violating) { $0.sectorCaps = $1 }
    }

    @Test func goodObservationSatisfiesEveryInvariant() {
        #expect(RiskStackInvariants.state.violations(of: Self.good) == [])
    }

    @Test func everyLayerInvariantIsIncludedWithItsPrefix() {
        let names = Set(RiskStackInvariants.state.map(\.name))
        #expect(names.isSuperset(of: PositionInvariants.state.map { "positions." + $0.name }))
        #expect(names.isSuperset(of: SectorCapsInvariants.state.map { "sectorCaps." + $0.name }))
        #expect(names.isSuperset(of: SuperStateInvariants.state.map { "superState." + $0.name }))
        #expect(names.isSuperset(of: TradingModeInvariants.state.map { "tradingMode." + $0.name }))
    }

    @Test(arguments: RiskStackInvariants.state.map(\.name))
    func invariantBites(name: String) throws {
        let invariant = try #require(RiskStackInvariants.state.first { $0.name == name })
        let pair = try #require(Self.example(name), "no violating example for \(name)")
        #expect(invariant.holds(pair.good))
        #expect(!invariant.holds(pair.bad))
        // The check's fast path names the same first violation as the list does.
        #expect(RiskStackInvariants.firstViolation(of: pair.bad) == RiskStackInvariants.state.violations(of: pair.bad).first)
        #expect(RiskStackInvariants.firstViolation(of: pair.good) == RiskStackInvariants.state.violations(of: pair.good).first)
    }

    // MARK: Step invariants

    typealias Step = (before: RiskStackObservation, command: RiskStackCommand, outcome: RiskStackOutcome, after: RiskStackObservation)

    static func step(_ commands: [RiskStackCommand], then command: RiskStackCommand) -> Step {
        var model = RiskStackModel()
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
        let dry: [RiskStackCommand] = [.enableDryRun]
        let live: [RiskStackCommand] = [.enableDryRun, .goLive(confirmed: true)]
        let sectorRejected = step(dry + [.submit("BTC-USD", amount: 1_500_000)], then: .submit("WBTC-USD", amount: 500_001))
        let accepted = step(dry + [.submit("BTC-USD", amount: 1_500_000)], then: .submit("WBTC-USD", amount: 500_000))
        // The "rejection still books the sector exposure" bug: the position is refused, the holding grows.
        make("rejection changes nothing in any layer", step(dry + [.setCap(0)], then: .submit("BTC-USD", amount: 5))) {
            $0.after.sectorCaps.holdings = [ObservedHolding(symbol: "BTC-USD", sector: .bitcoin, amount: 5)]
        }
        make("error changes nothing in any layer", step(live, then: .resume)) { $0.after.tradingMode.isHalted = true }
        make("rejection names the first refusing layer", sectorRejected) { $0.outcome = .decision(.rejected(.positions(.atCapacity))) }
        make("accepted order passed every layer", accepted) {
            $0 = sectorRejected
            $0.outcome = .decision(.accepted(.simulation))
            $0.after.sectorCaps.holdings.append(ObservedHolding(symbol: "WBTC-USD", sector: .bitcoin, amount: 500_001))
            $0.after.sectorCaps.sectors[Sector.bitcoin].exposure = 2_000_001
        }
        make("accepted order routes by mode", accepted) { $0.outcome = .decision(.accepted(.exchange)) }
        make("accepted order books the amount", accepted) { $0.after.sectorCaps = $0.before.sectorCaps }
        make("restart never resumes LIVE_ACTIVE", step(live, then: .restart)) { $0.after.tradingMode = $0.before.tradingMode }
        make("restart restores the super-state", step(live + [.halt], then: .restart)) { $0.after.superState = RiskStackModel().observation.superState }
        make("restart starts positions and holdings empty", step(dry + [.submit("BTC-USD", amount: 5)], then: .restart)) {
            $0.after.positions = $0.before.positions
        }
        // A torn super-state file is refused at the reload: the stack must go on exactly as it was.
        make("a refused reload changes nothing", step(dry + [.submit("BTC-USD", amount: 5)], then: .restartAfter(.stateFileTorn, file: .superState))) {
            $0.after.positions = RiskStackModel().observation.positions
        }
        make("resume never enters LIVE_ACTIVE", step(live + [.halt], then: .resume)) {
            $0.after.tradingMode.state = .liveActive
        }
        make("only mode inputs, halts and restarts touch the trading mode", step(live, then: .setCap(3))) {
            $0.after.tradingMode.state = .dryRun
        }
        return cases
    }()

    @Test(arguments: RiskStackInvariants.steps.map(\.name))
    func stepInvariantBites(name: String) throws {
        let invariant = try #require(RiskStackInvariants.steps.first { $0.name == name })
        let pair = try #require(Self.stepCases[name], "no violating example for \(name)")
        #expect(invariant.holds(pair.good.before, pair.good.command, pair.good.outcome, pair.good.after))
        #expect(!invariant.holds(pair.bad.before, pair.bad.command, pair.bad.outcome, pair.bad.after))
    }
}
