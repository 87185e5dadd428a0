import MarketSim
@_spi(BugZoo) import StressRun
import Testing

/// A small batch for the tests: two short scenarios, two strategies, three seeds (12 runs).
let smallPlan: BatchPlan = {
    do {
        return try BatchPlan(scenarios: ["flash-crash-2010", "liquidity-drain"], strategies: [.buyTheDip, .momentum], seeds: 3, campaignSeed: 0xC0FFEE)
    } catch {
        preconditionFailure("the small plan is valid: \(error)")
    }
}()

/// The runner's results do not depend on how many workers ran them, or on sharding.
@Suite struct BatchRunnerTests {
    @Test func anyNumberOfWorkersGivesTheSameResultsInItemOrder() async {
        let one = await BatchRunner(parallel: 1).run(smallPlan)
        #expect(one.map(\.item.number) == Array(0..<12))
        let three = await BatchRunner(parallel: 3).run(smallPlan)
        #expect(three == one)
        let blocking = BatchRunner(parallel: 2).runBlocking(smallPlan)
        #expect(blocking == one)
        #expect(BatchSummary(three) == BatchSummary(one))
    }

    @Test func theSameCampaignGivesTheSameFileBytes() async throws {
        let header = ShardHeader(plan: smallPlan, codeVersion: "test", shard: .whole)
        let first = ShardFile(header: header, items: await BatchRunner(parallel: 2).run(smallPlan)).encoded
        let second = ShardFile(header: header, items: await BatchRunner(parallel: 1).run(smallPlan)).encoded
        #expect(first == second)
        // Another campaign seed (the rest alike) changes the bytes.
        let other = try BatchPlan(scenarios: smallPlan.scenarios, strategies: smallPlan.strategies, seeds: 3, campaignSeed: 0xC0FFEF)
        let changed = ShardFile(header: ShardHeader(plan: other, codeVersion: "test", shard: .whole), items: await BatchRunner().run(other))
        #expect(changed.encoded != first)
    }

    @Test func eachItemReplaysAloneFromItsSeed() async throws {
        let results = await BatchRunner(parallel: 2).run(smallPlan)
        for number in [0, 5, 11] {
            #expect(BatchRunner.runItem(number, of: smallPlan) == results[number])
            let record = try BatchRunner.replay(number, of: smallPlan)
            #expect(BatchItemResult(item: smallPlan.item(number), record: record) == results[number])
        }
        #expect(throws: BatchError(.unknownItem(12, count: 12))) { try BatchRunner.replay(12, of: smallPlan) }
    }

    @Test func mergingTheShardsGivesTheWholeRunsSummaryAndFile() async throws {
        let whole = await BatchRunner(parallel: 2).run(smallPlan)
        let wholeFile = ShardFile(header: ShardHeader(plan: smallPlan, codeVersion: "v", shard: .whole), items: whole)
        for count in [2, 3, 5] {
            var files: [(name: String, file: ShardFile)] = []
            for index in (0..<count).reversed() {
                let shard = try BatchShard(index: index, count: count)
                let items = await BatchRunner(parallel: 1).run(smallPlan, shard: shard)
                let file = ShardFile(header: ShardHeader(plan: smallPlan, codeVersion: "v", shard: shard), items: items)
                files.append(("shard-\(index)", try ShardFile(parsing: file.encoded)))
            }
            let merged = try ShardMerge.merge(files)
            #expect(BatchResult(merged).summary == BatchSummary(whole))
            #expect(merged.encoded == wholeFile.encoded)
        }
    }

    /// A wiring bug (a fill booked twice) makes runs fail: the summary keeps one failure per
    /// property and scenario, with the lowest failing item, and a merge keeps the same.
    @Test func failuresAreDeduplicatedAndTheFastestFailingSeedKept() async throws {
        var executor = ScenarioExecutor()
        executor.mutation = .fillBookedTwice
        let plan = try BatchPlan(scenarios: ["liquidity-drain", "execution-crisis"], strategies: [.buyTheDip], seeds: 4, campaignSeed: 3)
        let results = await BatchRunner(parallel: 2, executor: executor).run(plan)
        let summary = BatchSummary(results)
        let failing = results.filter { $0.violatedProperties.contains(.booksReconcile) }
        #expect(!failing.isEmpty)
        #expect(!summary.passed)
        for scenario in Set(failing.map(\.item.scenario)) {
            let inScenario = failing.filter { $0.item.scenario == scenario }
            let books = try #require(summary.failures.first { $0.signature == BatchFailureSignature(property: .safety(.booksReconcile), scenario: scenario) })
            #expect(books.first.item.number == inScenario.map(\.item.number).min())
            #expect(books.runs == inScenario.count)
        }
        #expect(failing.count > summary.failures.count { $0.signature.property == .safety(.booksReconcile) }, "some failures were deduplicated")
        #expect(Set(summary.failures.map(\.signature)).count == summary.failures.count)
        var files: [(name: String, file: ShardFile)] = []
        for index in 0..<2 {
            let shard = try BatchShard(index: index, count: 2)
            let items = await BatchRunner(parallel: 1, executor: executor).run(plan, shard: shard)
            files.append(("\(index)", ShardFile(header: ShardHeader(plan: plan, codeVersion: "v", shard: shard), items: items)))
        }
        #expect(BatchResult(try ShardMerge.merge(files)).summary == summary)
    }

    @Test func theSummaryCountsFromTheItems() async {
        let results = await BatchRunner(parallel: 2).run(smallPlan)
        let summary = BatchSummary(results.reversed())
        #expect(summary == BatchSummary(results))
        #expect(summary.runs == 12)
        #expect(summary.passes == results.count { $0.passed })
        #expect(summary.emergencyStops == results.reduce(0) { $0 + $1.emergencyStops })
        #expect(summary.executionFailures == results.reduce(0) { $0 + $1.executionFailures })
        #expect(summary.worstMaxDrawdown == results.map(\.maxDrawdown).max())
        #expect(summary.meanMaxDrawdown == results.reduce(0.0) { $0 + $1.maxDrawdown } / 12)
        #expect(summary.livenessHeld + summary.livenessNotApplicable + summary.livenessFailures == 12)
        #expect(Set(summary.scenarios.map(\.scenario)) == Set(smallPlan.scenarios))
        #expect(zip(summary.scenarios, summary.scenarios.dropFirst()).allSatisfy { !$1.weakerThan($0) })
        #expect(BatchSummary([]).runs == 0 && BatchSummary([]).passed)
    }

    @Test func aStopRequestEndsTheBatchEarlyWithTheItemsRun() async {
        let results = await BatchRunner(parallel: 1).run(smallPlan, shouldStop: { true })
        #expect(results.isEmpty)
    }
}
