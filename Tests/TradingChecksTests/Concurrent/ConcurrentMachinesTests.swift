import BugZoo
import PropertyCheck
import TradingChecks
import Testing

/// The thread-safe parts under the concurrent check: production is linearizable against the
/// model; each zoo variant is caught and shrunk to two lanes of one command each.
@Suite struct ConcurrentMachinesTests {
    static var configuration: CheckConfiguration {
        var configuration = CheckConfiguration(cases: 40)
        configuration.usesCorpus = false
        return configuration
    }

    @Test func theSharedRiskStackIsLinearizable() {
        let result = RiskStackConcurrentChecks.machine.check(configuration: Self.configuration)
        #expect(result.passed, "\(result.report)")
        #expect(result.statistics.runs >= 40 * 12)
    }

    @Test func theTransitionLogIsLinearizable() {
        let result = TransitionSinkConcurrentChecks.machine.check(configuration: Self.configuration)
        #expect(result.passed, "\(result.report)")
    }

    @Test func bothAreRegisteredWithABudgetOfTheirOwn() {
        #expect(Machines.named("risk-stack-concurrent")?.defaultCases == RiskStackConcurrentChecks.defaultCases)
        #expect(Machines.named("transition-sink-concurrent")?.defaultCases == TransitionSinkConcurrentChecks.defaultCases)
    }

    /// Within the check's default budget, on the first seed: the exact minimum (two lanes of one
    /// command each) and the signature. `zoo-check` asserts the other seeds in release.
    @Test(arguments: ["risk-stack-concurrent/check-then-act", "transition-sink-concurrent/read-copy-write"])
    func caughtWithinTheDefaultBudgetAndShrunkToTwoLanesOfOneCommand(_ name: String) throws {
        let variant = try #require(BugZoo.named(name))
        let run = variant.entry.check(MachineRunOptions(cases: try #require(variant.entry.defaultCases), seed: 1, saveFailures: false))
        let lines = try #require(run.counterexampleLines, "\(run.report)")
        #expect(lines == variant.minimum, "\(run.report)")
        #expect(run.signature == variant.signature)
        #expect(lines.map { $0.prefix(7) } == ["lane 1:", "lane 2:"])
        // The minimum's bytes replay through the registry (`stresscheck replay`): production passes.
        let machine = try #require(Machines.named(String(name.prefix { $0 != "/" })))
        let replayed = machine.replay(try #require(run.counterexampleBytes), false)
        #expect(replayed.passed && replayed.cases == 1, "\(replayed.report)")
        #expect(replayed.warnings.isEmpty)
    }
}
