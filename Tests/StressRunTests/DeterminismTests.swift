import MarketSim
import StressRun
import Testing

/// One seed, one universe: the same scenario, strategy and seed give the identical record,
/// event log included; another seed gives another run.
@Suite struct DeterminismTests {
    @Test(arguments: ["black-swan-combo", "data-corruption-shock", "flash-crash-2010"])
    func theSameSeedGivesTheSameRecord(_ name: String) throws {
        let library = try #require(ScenarioLibrary.named(name))
        let first = try ScenarioExecutor().run(library, strategy: MomentumStrategy(), seed: 12_345)
        let second = try ScenarioExecutor().run(library, strategy: MomentumStrategy(), seed: 12_345)
        #expect(first.events.count == second.events.count)
        #expect(first.events == second.events)
        #expect(first == second)
        let other = try ScenarioExecutor().run(library, strategy: MomentumStrategy(), seed: 54_321)
        #expect(other.events != first.events)
    }

    @Test func replayingTheRecordedChoicesReplaysTheRun() throws {
        let library = try #require(ScenarioLibrary.named("execution-crisis"))
        var recording = RecordingChoices(SeededChoices(seed: 9))
        let first = try ScenarioExecutor().run(library.scenario, strategy: BuyTheDipStrategy(), choices: &recording)
        var replay = ReplayedChoices(recording.choices)
        let second = try ScenarioExecutor().run(library.scenario, strategy: BuyTheDipStrategy(), choices: &replay)
        #expect(first == second)
        #expect(!replay.ranPastEnd)
    }
}
