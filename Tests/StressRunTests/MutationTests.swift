import MarketSim
@_spi(BugZoo) import StressRun
import Testing

/// Each executor wiring mutation yields its typed violation on a library scenario: the hooks
/// bite (shrinking them to minimal scenarios is a later phase).
@Suite struct MutationTests {
    func run(_ mutation: ExecutorMutation, _ name: String, _ strategy: some Strategy) throws -> RunRecord {
        var executor = ScenarioExecutor()
        executor.mutation = mutation
        return try executor.run(try #require(ScenarioLibrary.named(name)), strategy: strategy)
    }

    @Test func staleConditionsLeaveTheSuperStateBelowItsClassification() throws {
        let record = try run(.staleConditions, "eth-kraken-2021-02-22", MomentumStrategy())
        let first = try #require(record.violations.first)
        #expect(first.property == .superStateFollowsClassification)
        guard case .stateBelowClassification(_, let classification, _, let state) = first else {
            Issue.record("\(first)")
            return
        }
        #expect(classification == .crisis && state == .normal)
    }

    @Test func aFillBookedTwiceBreaksTheBooks() throws {
        let record = try run(.fillBookedTwice, "flash-crash-2010", BuyTheDipStrategy())
        let first = try #require(record.violations.first)
        #expect(first.property == .booksReconcile)
        guard case .booksUnreconciled(_, .cash(let executor, let venue)) = first else {
            Issue.record("\(first)")
            return
        }
        #expect(executor.value < venue.value, "the executor paid for the same lots twice")
    }

    @Test func aHaltNotPropagatedLetsOrdersReachTheVenue() throws {
        let record = try run(.haltNotPropagated, "liquidity-drain", BuyTheDipStrategy())
        let first = try #require(record.violations.first)
        #expect(first.property == .noOrderWhileOffOrHalted)
        guard case .orderWhileBlocked(_, _, let mode, let halted) = first else {
            Issue.record("\(first)")
            return
        }
        #expect(mode == .dryRun && halted)
        #expect(record.violations.allSatisfy { $0.property == .noOrderWhileOffOrHalted })
    }

    @Test func theCorrectWiringPassesTheSameRuns() throws {
        for (name, strategy) in [
            ("eth-kraken-2021-02-22", MomentumStrategy() as any Strategy), ("flash-crash-2010", BuyTheDipStrategy()),
            ("liquidity-drain", BuyTheDipStrategy()),
        ] {
            #expect(try run(.none, name, strategy).violations == [])
        }
    }
}
