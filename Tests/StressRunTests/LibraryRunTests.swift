import MarketSim
import StressRun
import Testing
import TradingVocabulary

/// Every library scenario on the correct wiring, with a built-in strategy (each strategy on a
/// third of them, in turn; the `stress` check runs every pair, in `StressCheckTests` and the main
/// job): no safety violation, a liveness verdict that is never a failure, and records that say
/// what happened.
@Suite struct LibraryRunTests {
    static let strategies: [any Strategy] = [MomentumStrategy(), MeanReversionStrategy(), BuyTheDipStrategy()]

    @Test(arguments: ScenarioLibrary.all.map(\.name))
    func runsClean(_ name: String) throws {
        let library = try #require(ScenarioLibrary.named(name))
        let index = ScenarioLibrary.all.firstIndex { $0.name == name } ?? 0
        for strategy in [Self.strategies[index % Self.strategies.count]] {
            let record = try ScenarioExecutor().run(library, strategy: strategy)
            #expect(record.violations == [], "\(name) / \(record.strategy): \(record.violations.prefix(3))")
            #expect(record.violationCount == 0)
            if case .failed(_, _, let reasons) = record.liveness { Issue.record("\(name) / \(record.strategy): liveness failed: \(reasons)") }
            #expect(record.equityCurve.count == library.scenario.barsPerPhase.reduce(0, +))
            // The books equation at the last closes: equity = start + realized + unrealized − fees.
            let accounted = record.initialCash.value + record.realizedPnL.value + record.unrealizedPnL.value - record.feesPaid.value
            #expect(record.finalEquity.value == accounted)
        }
    }

    @Test func buyTheDipIsStoppedByTheStackInACrash() throws {
        let library = try #require(ScenarioLibrary.named("black-swan-combo"))
        let record = try ScenarioExecutor().run(library, strategy: BuyTheDipStrategy())
        let byLayer = Dictionary(uniqueKeysWithValues: record.rejectionsByLayer.map { ($0.layer, $0.count) })
        #expect((byLayer[.superState] ?? 0) > 100, "the super-state refuses new exposure once conditions turn")
        #expect(record.superStateTransitions.contains { $0.value.to == .crisis })
        #expect(record.metrics.maxDrawdown < 0.05)
        #expect(record.violations == [])
    }

    @Test func recordsTheFaultsItMeets() throws {
        let corrupted = try ScenarioExecutor().run(try #require(ScenarioLibrary.named("data-corruption-shock")), strategy: MomentumStrategy())
        #expect(corrupted.dataFaults.count > 50)
        #expect(Set(corrupted.dataFaults.map(\.kind)).count >= 5)
        let crisis = try ScenarioExecutor().run(try #require(ScenarioLibrary.named("liquidity-drain")), strategy: BuyTheDipStrategy())
        #expect(!crisis.emergencyStops.isEmpty)
        #expect(crisis.emergencyStops.allSatisfy { if case .venueUnreachable = $0.reason { true } else { false } })
        #expect(crisis.tradingModeTransitions.contains { $0.value.cause == .halt })
        #expect(!crisis.sectorExposure.isEmpty && crisis.sectorExposure.allSatisfy { $0.sectors.map(\.sector) == [.bitcoin] })
    }

    @Test func recordsExecutionFailuresAndLatencySpikes() throws {
        let record = try ScenarioExecutor().run(try #require(ScenarioLibrary.named("execution-crisis")), strategy: BuyTheDipStrategy())
        #expect(record.executionFailures.contains { if case .partlyFilled = $0.kind { true } else { false } })
        #expect(!record.latencySpikes.isEmpty, "latency ×100 in the storm")
        #expect(record.rejectionsByLayer.contains { $0.layer == .venue && $0.count > 0 })
    }

    @Test func calmChoicesGiveACalmVenue() throws {
        let library = try #require(ScenarioLibrary.named("btc-2021-05-19"))
        var calm = CalmChoices()
        let record = try ScenarioExecutor().run(library.scenario, strategy: MomentumStrategy(), choices: &calm)
        #expect(record.latencySpikes.isEmpty)
        #expect(record.emergencyStops.isEmpty)
        #expect(record.dataFaults.isEmpty)
        #expect(record.violations == [])
    }
}
