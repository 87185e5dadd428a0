import MarketSim

/// The built-in strategies a batch can run, by name.
///
/// A batch names its strategies (shard files carry the names, and a merge must know them), so
/// it runs the built-in ones with their default parameters; a user's own ``Strategy`` runs
/// through ``ScenarioExecutor`` directly.
public enum BatchStrategy: String, CaseIterable, Hashable, Sendable {
    case momentum
    case meanReversion = "mean-reversion"
    case buyTheDip = "buy-the-dip"

    /// The name on the command line and in shard files: `momentum`, `mean-reversion`, `buy-the-dip`.
    public var name: String { rawValue }

    /// The strategy called `name`, if there is one.
    public static func named(_ name: String) -> BatchStrategy? { BatchStrategy(rawValue: name) }

    /// Runs `scenario` with this strategy (concrete types, no existential on the step path).
    func run(_ executor: ScenarioExecutor, _ scenario: LibraryScenario, seed: UInt64) throws(StressRunError) -> RunRecord {
        switch self {
        case .momentum: try executor.run(scenario, strategy: MomentumStrategy(), seed: seed)
        case .meanReversion: try executor.run(scenario, strategy: MeanReversionStrategy(), seed: seed)
        case .buyTheDip: try executor.run(scenario, strategy: BuyTheDipStrategy(), seed: seed)
        }
    }

    /// Runs the historic `market` with this strategy, on a calm venue without a `seed`.
    func run(_ executor: ScenarioExecutor, _ market: HistoricMarket, seed: UInt64?) throws(StressRunError) -> RunRecord {
        switch self {
        case .momentum: try executor.run(market, strategy: MomentumStrategy(), seed: seed)
        case .meanReversion: try executor.run(market, strategy: MeanReversionStrategy(), seed: seed)
        case .buyTheDip: try executor.run(market, strategy: BuyTheDipStrategy(), seed: seed)
        }
    }
}
