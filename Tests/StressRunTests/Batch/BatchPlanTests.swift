import MarketSim
import StressRun
import Testing

/// Item numbers, item seeds and shards: the arithmetic every shard and merge relies on.
@Suite struct BatchPlanTests {
    @Test func theItemSeedIsSplitMix64OfTheCampaignSeedAndTheItemNumber() {
        for campaign: UInt64 in [0, 1, 0x5EED_0012, .max] {
            for item in [0, 1, 2, 999, 1 << 31] {
                var generator = SeededChoices(seed: campaign &+ BatchSeed.gamma &* UInt64(item))
                #expect(BatchSeed.itemSeed(campaign: campaign, item: item) == generator.next())
            }
        }
        // Known values: a change to the function changes every campaign, and must be deliberate.
        #expect(BatchSeed.itemSeed(campaign: 0, item: 0) == 0xE220_A839_7B1D_CDAF)
        #expect(BatchSeed.format(BatchSeed.itemSeed(campaign: 0x5EED_0012, item: 0)) == "0x79189d32076757a6")
    }

    @Test func itemSeedsOfOneCampaignAreDistinct() {
        var seen = Set<UInt64>()
        for item in 0..<200_000 { seen.insert(BatchSeed.itemSeed(campaign: 42, item: item)) }
        #expect(seen.count == 200_000)
        #expect(BatchSeed.itemSeed(campaign: 42, item: 7) != BatchSeed.itemSeed(campaign: 43, item: 7))
    }

    @Test func itemsAreScenarioMajorWithTheSeedFastest() throws {
        let plan = try BatchPlan(scenarios: ["flash-crash-2010", "liquidity-drain"], strategies: [.momentum, .buyTheDip], seeds: 3, campaignSeed: 9)
        #expect(plan.itemCount == 12)
        let items = (0..<12).map(plan.item)
        #expect(items.map(\.scenario) == Array(repeating: "flash-crash-2010", count: 6) + Array(repeating: "liquidity-drain", count: 6))
        #expect(
            items.map(\.strategy) == [
                .momentum, .momentum, .momentum, .buyTheDip, .buyTheDip, .buyTheDip,
                .momentum, .momentum, .momentum, .buyTheDip, .buyTheDip, .buyTheDip,
            ])
        #expect(items.map(\.seedIndex) == [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2])
        #expect(items.map(\.seed) == (0..<12).map { BatchSeed.itemSeed(campaign: 9, item: $0) })
    }

    @Test func shardsPartitionTheItems() throws {
        for total in [0, 1, 7, 12, 100] {
            for count in 1...6 {
                var seen: [Int] = []
                for index in 0..<count {
                    let shard = try BatchShard(index: index, count: count)
                    let numbers = Array(shard.items(of: total))
                    #expect(numbers.count == shard.itemCount(of: total))
                    #expect(numbers.allSatisfy { $0 % count == index && shard.contains($0) })
                    seen += numbers
                }
                #expect(seen.sorted() == Array(0..<total))
                #expect(try BatchShard(index: 0, count: .max).itemCount(of: total) == min(total, 1))
            }
        }
    }

    @Test func badPlansAndShardsAreTypedErrors() {
        #expect(throws: BatchError(.unknownScenario("nowhere"))) {
            try BatchPlan(scenarios: ["nowhere"], strategies: [.momentum], seeds: 1, campaignSeed: 0)
        }
        #expect(throws: BatchError(.repeated("scenario", "liquidity-drain"))) {
            try BatchPlan(scenarios: ["liquidity-drain", "liquidity-drain"], strategies: [.momentum], seeds: 1, campaignSeed: 0)
        }
        #expect(throws: BatchError.self) { try BatchPlan(scenarios: ["liquidity-drain"], strategies: [.momentum], seeds: 0, campaignSeed: 0) }
        #expect(throws: BatchError.self) { try BatchPlan(scenarios: ["liquidity-drain"], strategies: [], seeds: 1, campaignSeed: 0) }
        #expect(throws: BatchError.self) { try BatchShard(index: 3, count: 3) }
        #expect(throws: BatchError.self) { try BatchShard(index: -1, count: 3) }
        #expect(throws: BatchError.self) { try BatchShard(index: 0, count: 0) }
        #expect(BatchError(.unknownScenario("nowhere")).description.hasPrefix("unknown scenario 'nowhere' (known: flash-crash-2010, "))
        let shard = #"the shard index must be from 0 to 2 (the count less one), got 3"#
        #expect((try? BatchShard(index: 3, count: 3)) == nil)
        do { _ = try BatchShard(index: 3, count: 3) } catch { #expect(error.description == shard) }
    }
}
