import MarketSim

/// What a batch runs: library scenarios × strategies × seeds, under one campaign seed.
///
/// Items are numbered `0 ..< itemCount`, scenario-major, the seed fastest:
/// `item = (scenarioIndex × strategies + strategyIndex) × seeds + seedIndex`. Item `n` runs its
/// scenario and strategy from the seed ``BatchSeed/itemSeed(campaign:item:)``. With the seed
/// fastest, a shard taking the items `n ≡ i (mod N)` gets every scenario and strategy in
/// proportion (a shard of `n mod N` over scenario-fastest numbering would get only some
/// scenarios), and the lowest-numbered failing item of a (scenario, strategy) is its first seed
/// that fails.
public struct BatchPlan: Hashable, Sendable {
    /// The scenarios, by library name, in the order given.
    public let scenarios: [String]
    public let strategies: [BatchStrategy]
    /// Runs of each (scenario, strategy) pair, each from its own seed.
    public let seeds: Int
    /// The seed every item's seed derives from.
    public let campaignSeed: UInt64

    /// The historic market every item runs instead of a library scenario (`scenarios` is then
    /// its one name), or nil.
    public let replay: HistoricReplay?

    /// The library entries, in `scenarios` order (empty for a replay).
    let library: [LibraryScenario]

    /// A plan over the named library scenarios.
    ///
    /// - Throws: ``BatchError`` when a scenario is not in the library, a name is repeated, a
    ///   list is empty, or `seeds` is not positive (or the batch would exceed ``maxItems``).
    public init(scenarios: [String], strategies: [BatchStrategy], seeds: Int, campaignSeed: UInt64) throws(BatchError) {
        guard !scenarios.isEmpty else { throw BatchError(.emptyPlan("no scenario")) }
        guard !strategies.isEmpty else { throw BatchError(.emptyPlan("no strategy")) }
        guard seeds >= 1 else { throw BatchError(.emptyPlan("seeds must be at least 1, got \(seeds)")) }
        var entries: [LibraryScenario] = []
        for (position, name) in scenarios.enumerated() {
            guard let entry = ScenarioLibrary.named(name) else { throw BatchError(.unknownScenario(name)) }
            guard !scenarios[..<position].contains(name) else { throw BatchError(.repeated("scenario", name)) }
            entries.append(entry)
        }
        for (position, strategy) in strategies.enumerated() where strategies[..<position].contains(strategy) {
            throw BatchError(.repeated("strategy", strategy.name))
        }
        let (pairs, overflow1) = scenarios.count.multipliedReportingOverflow(by: strategies.count)
        let (count, overflow2) = pairs.multipliedReportingOverflow(by: seeds)
        guard !overflow1, !overflow2, count <= Self.maxItems else {
            throw BatchError(.tooLarge("\(scenarios.count) scenarios × \(strategies.count) strategies × \(seeds) seeds exceeds \(Self.maxItems) items"))
        }
        self.scenarios = scenarios
        self.strategies = strategies
        self.seeds = seeds
        self.campaignSeed = campaignSeed
        library = entries
        replay = nil
    }

    /// A plan that runs `replay` with each strategy: once on a calm venue when
    /// ``HistoricReplay/calmVenue`` (`seeds` must be 1: every calm run is the same), else `seeds`
    /// times, each drawing the venue's faults from its item seed.
    ///
    /// - Throws: ``BatchError`` when the strategy list is empty or repeats one, or `seeds` is not
    ///   positive (or not 1 on a calm venue).
    public init(replay: HistoricReplay, strategies: [BatchStrategy], seeds: Int, campaignSeed: UInt64) throws(BatchError) {
        guard !strategies.isEmpty else { throw BatchError(.emptyPlan("no strategy")) }
        guard seeds >= 1 else { throw BatchError(.emptyPlan("seeds must be at least 1, got \(seeds)")) }
        guard !replay.calmVenue || seeds == 1 else {
            throw BatchError(.tooLarge("a replay on a calm venue runs once per strategy (every calm run is the same), not \(seeds) times"))
        }
        for (position, strategy) in strategies.enumerated() where strategies[..<position].contains(strategy) {
            throw BatchError(.repeated("strategy", strategy.name))
        }
        let (count, overflow) = strategies.count.multipliedReportingOverflow(by: seeds)
        guard !overflow, count <= Self.maxItems else {
            throw BatchError(.tooLarge("\(strategies.count) strategies × \(seeds) seeds exceeds \(Self.maxItems) items"))
        }
        scenarios = [replay.name]
        self.strategies = strategies
        self.seeds = seeds
        self.campaignSeed = campaignSeed
        library = []
        self.replay = replay
    }

    /// The most items a batch may have (2³²): a bound on shard files and item numbers.
    public static let maxItems = 1 << 32

    /// Items in the whole batch.
    public var itemCount: Int { scenarios.count * strategies.count * seeds }

    /// Item `number` (which must be below ``itemCount``).
    public func item(_ number: Int) -> BatchItem {
        precondition(number >= 0 && number < itemCount, "item \(number) is outside the batch of \(itemCount)")
        let seedIndex = number % seeds
        let pair = number / seeds
        return BatchItem(
            number: number, scenario: scenarios[pair / strategies.count], strategy: strategies[pair % strategies.count],
            seedIndex: seedIndex, seed: BatchSeed.itemSeed(campaign: campaignSeed, item: number))
    }

    /// Runs item `number` (which must be below ``itemCount``): its library scenario from its
    /// seed, or the replay's market on a calm venue or from its seed.
    func run(_ number: Int, executor: ScenarioExecutor) throws(StressRunError) -> RunRecord {
        let item = item(number)
        if let replay {
            return try item.strategy.run(executor, replay.market, seed: replay.calmVenue ? nil : item.seed)
        }
        return try item.strategy.run(executor, library[number / seeds / strategies.count], seed: item.seed)
    }

    public static func == (a: BatchPlan, b: BatchPlan) -> Bool {
        a.scenarios == b.scenarios && a.strategies == b.strategies && a.seeds == b.seeds && a.campaignSeed == b.campaignSeed
            && a.replay == b.replay
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(scenarios)
        hasher.combine(replay)
        hasher.combine(strategies)
        hasher.combine(seeds)
        hasher.combine(campaignSeed)
    }
}

/// One run of a batch: a scenario, a strategy and the seed derived for its number.
public struct BatchItem: Hashable, Sendable {
    /// The item's number in the batch (its order in every result and file).
    public let number: Int
    /// The library scenario's name.
    public let scenario: String
    public let strategy: BatchStrategy
    /// Which of the pair's seeds this is (0 ..< plan.seeds).
    public let seedIndex: Int
    /// ``BatchSeed/itemSeed(campaign:item:)`` of the number.
    public let seed: UInt64
}

/// Which items one machine runs: those whose number is `index` modulo `count`.
public struct BatchShard: Hashable, Sendable {
    public let index: Int
    public let count: Int

    /// The whole batch: shard 0 of 1.
    public static let whole = BatchShard(validated: 0, of: 1)

    /// Shard `index` of `count`.
    /// - Throws: ``BatchError`` unless `count ≥ 1` and `0 ≤ index < count`.
    public init(index: Int, count: Int) throws(BatchError) {
        guard count >= 1 else { throw BatchError(.badShard("the shard count must be at least 1, got \(count)")) }
        guard index >= 0, index < count else {
            throw BatchError(.badShard("the shard index must be from 0 to \(count - 1) (the count less one), got \(index)"))
        }
        self.index = index
        self.count = count
    }

    private init(validated index: Int, of count: Int) {
        self.index = index
        self.count = count
    }

    /// Whether item `number` belongs to this shard.
    public func contains(_ number: Int) -> Bool { number % count == index }

    /// This shard's item numbers in a batch of `itemCount`, ascending.
    public func items(of itemCount: Int) -> StrideTo<Int> { stride(from: index, to: itemCount, by: count) }

    /// How many items of a batch of `itemCount` this shard has.
    public func itemCount(of total: Int) -> Int { total > index ? (total - index - 1) / count + 1 : 0 }
}
