import MarketSim
import StressRun
import Testing

/// Bad configuration is a typed error before anything runs; the liveness verdict says why.
@Suite struct ExecutorInputTests {
    @Test func badConfigurationIsATypedError() throws {
        var configuration = ExecutorConfiguration()
        configuration.volatilityWindowBars = 1
        let library = try #require(ScenarioLibrary.named("btc-2021-05-19"))
        #expect(throws: StressRunError.configuration(field: "volatilityWindowBars", allowed: "2 … 100 000")) {
            try ScenarioExecutor(configuration: configuration).run(library, strategy: MomentumStrategy())
        }
        configuration = ExecutorConfiguration()
        configuration.initialCash = 0
        #expect(throws: StressRunError.configuration(field: "initialCash", allowed: "1 … 10¹² minor units")) {
            try ScenarioExecutor(configuration: configuration).run(library, strategy: MomentumStrategy())
        }
    }

    @Test func anInvalidScenarioIsATypedError() {
        var scenario = CrashScenario(kind: .flashCrash, phases: [CrashPhase("calm", duration: .minutes(5))])
        scenario.symbols = []
        var calm = CalmChoices()
        #expect(throws: StressRunError.scenario(.noSymbols)) { try ScenarioExecutor().run(scenario, strategy: MomentumStrategy(), choices: &calm) }
    }

    @Test func livenessVerdicts() throws {
        let calmEnd = try ScenarioExecutor().run(try #require(ScenarioLibrary.named("btc-2021-05-19")), strategy: BuyTheDipStrategy())
        guard case .held(let quiet, let settled) = calmEnd.liveness else {
            Issue.record("\(calmEnd.liveness)")
            return
        }
        #expect(settled >= quiet)
        #expect(settled - quiet <= ExecutorConfiguration().livenessDeadline(interval: .minutes(1)))
        let rebound = try ScenarioExecutor().run(try #require(ScenarioLibrary.named("btc-2020-03-12")), strategy: BuyTheDipStrategy())
        #expect(rebound.liveness == .notApplicable(.noQuietPeriod), "it ends in its rebound")
    }
}
