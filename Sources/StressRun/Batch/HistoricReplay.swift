import MarketSim

/// A historic market a batch runs instead of library scenarios (`stresscheck stress --replay`).
///
/// A replay plan is run and reported as any batch (the summary, `--json`, `--html`), but it is
/// not written to shard files: its market is the user's files, which a shard header does not
/// carry.
public struct HistoricReplay: Hashable, Sendable {
    /// The name reports give it, in the scenario column (e.g. `replay BTC-USD,ETH-USD`).
    public let name: String
    public let market: HistoricMarket
    /// True: every run is on a calm venue (all-zero choices: no venue fault, no latency jitter),
    /// its item seed unused; false: each run draws the venue's faults from its item seed.
    public let calmVenue: Bool
    /// The command-line words that select this replay again (`--replay a.csv --from …`), for a
    /// rerun hint; opaque to the runner.
    public let arguments: [String]

    public init(name: String, market: HistoricMarket, calmVenue: Bool, arguments: [String]) {
        self.name = name
        self.market = market
        self.calmVenue = calmVenue
        self.arguments = arguments
    }
}
