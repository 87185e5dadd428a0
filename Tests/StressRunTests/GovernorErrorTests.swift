import MarketSim
import StressRun
import Testing
import TradingVocabulary

/// A `RiskGovernor` that throws from `submit` instead of deciding: the executor records each such
/// order as a rejection by the `riskStackError` layer (it was once dropped without a word).
@Suite struct GovernorErrorTests {
    struct OutOfService: Error, CustomStringConvertible {
        var description: String { "the risk service is out of service" }
    }

    /// The project's stack for everything but `submit`, which throws.
    struct ThrowingGovernor: ForwardingRiskGovernor {
        var inner: RiskStackGovernor
        init(wrapping inner: RiskStackGovernor) { self.inner = inner }
        mutating func submit(_ request: OrderRequest) throws -> RiskDecision { throw OutOfService() }
    }

    /// The project's stack, but it refuses every mark to market and every conditions update.
    struct RefusingGovernor: ForwardingRiskGovernor {
        var inner: RiskStackGovernor
        init(wrapping inner: RiskStackGovernor) { self.inner = inner }
        mutating func markToMarket(_ symbol: Symbol, value: Cents) throws { throw OutOfService() }
        mutating func update(volatility: Double, drawdown: Double, liquidity: Double) throws { throw OutOfService() }
    }

    /// The project's stack, but the operator's resume of a halt is refused.
    struct NoResumeGovernor: ForwardingRiskGovernor {
        var inner: RiskStackGovernor
        init(wrapping inner: RiskStackGovernor) { self.inner = inner }
        mutating func resume() throws { throw OutOfService() }
    }

    /// A resume the stack refuses is logged at each bar the operator tries it (it was dropped by
    /// `try?`, and the run simply stayed halted), and the halt stands.
    @Test func aRefusedResumeIsLoggedAndTheHaltStands() throws {
        let entry = try #require(ScenarioLibrary.named("liquidity-drain"))
        var choices = SeededChoices(seed: entry.seed)
        let resumed = try ScenarioExecutor().run(entry.scenario, strategy: BuyTheDipStrategy(), choices: &choices)
        #expect(!resumed.emergencyStops.isEmpty)
        #expect(resumed.events.contains { if case .resumed = $0 { true } else { false } }, "the project's stack resumes after the cooldown")
        #expect(!resumed.stackRefusals.contains { $0.call == .resume })
        var again = SeededChoices(seed: entry.seed)
        let record = try ScenarioExecutor().run(entry.scenario, strategy: BuyTheDipStrategy(), stack: NoResumeGovernor.self, choices: &again)
        let refusals = record.stackRefusals.filter { $0.call == .resume }
        #expect(!refusals.isEmpty)
        #expect(refusals.allSatisfy { $0.symbol == nil && $0.error == "the risk service is out of service" })
        #expect(!record.events.contains { if case .resumed = $0 { true } else { false } })
    }

    /// The calls that keep the stack in line with the books, refused: each refusal is in the
    /// record (they were dropped by `try?`), once per bar it happens, with the symbol it was about.
    @Test func aGovernorThatRefusesToBeReconciledIsLoggedNotDropped() throws {
        let entry = try #require(ScenarioLibrary.named("btc-2021-05-19"))
        var choices = SeededChoices(seed: entry.seed)
        let record = try ScenarioExecutor().run(entry.scenario, strategy: BuyTheDipStrategy(), stack: RefusingGovernor.self, choices: &choices)
        let refusals = record.stackRefusals
        let updates = refusals.filter { $0.call == .updateConditions }
        #expect(updates.count == record.steps.count, "one refused update a bar")
        #expect(updates.allSatisfy { $0.symbol == nil && $0.error == "the risk service is out of service" })
        let marks = refusals.filter { $0.call == .markToMarket }
        #expect(!marks.isEmpty, "buy-the-dip holds something in this crash")
        #expect(marks.allSatisfy { $0.symbol.map(record.symbols.contains) == true })
        #expect(Set(refusals.map(\.call)) == [.updateConditions, .markToMarket])
        // The project's own stack refuses none of them.
        var again = SeededChoices(seed: entry.seed)
        #expect(try ScenarioExecutor().run(entry.scenario, strategy: BuyTheDipStrategy(), choices: &again).stackRefusals.isEmpty)
    }

    @Test func aGovernorThatThrowsOnSubmitIsRecordedAsARejectionNotDropped() throws {
        let entry = try #require(ScenarioLibrary.named("btc-2021-05-19"))
        var choices = SeededChoices(seed: entry.seed)
        let record = try ScenarioExecutor().run(entry.scenario, strategy: BuyTheDipStrategy(), stack: ThrowingGovernor.self, choices: &choices)
        let thrown = record.rejections.filter { $0.layer == .riskStackError }
        #expect(!thrown.isEmpty, "buy-the-dip tries to buy in this crash")
        #expect(thrown.allSatisfy { $0.reason == .stackError("the risk service is out of service") && $0.side == .buy })
        #expect(record.sentOrders.isEmpty, "nothing the stack never decided reaches the venue")
        #expect(record.rejectionsByLayer.contains { $0.layer == .riskStackError && $0.count == thrown.count })
        // The project's own stack decides every order: no such rejection.
        var again = SeededChoices(seed: entry.seed)
        let decided = try ScenarioExecutor().run(entry.scenario, strategy: BuyTheDipStrategy(), choices: &again)
        #expect(!decided.rejections.contains { $0.layer == .riskStackError })
        #expect(!decided.sentOrders.isEmpty)
    }
}
