import MarketSim
import StressRun

/// The built-in strategies a stress property drives, by index: the generator draws one, and a
/// library run takes each in turn. Momentum is first (the draw shrinks toward it): it trades
/// least in a calm market; buy-the-dip, which keeps buying into a crash, is last.
public enum StressStrategy: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case momentum
    case meanReversion
    case buyTheDip

    /// The strategy's report name (`momentum`, `mean-reversion`, `buy-the-dip`).
    public var description: String {
        switch self {
        case .momentum: MomentumStrategy().name
        case .meanReversion: MeanReversionStrategy().name
        case .buyTheDip: BuyTheDipStrategy().name
        }
    }

    /// Runs `scenario` with this strategy (its default parameters) on `executor`, drawing every
    /// random decision from `choices`. Generic, not existential: each case calls the executor
    /// with a concrete strategy type.
    public func run<C: ChoiceSource>(
        _ scenario: CrashScenario, on executor: ScenarioExecutor,
        choices: inout C
    ) throws(StressRunError) -> RunRecord {
        switch self {
        case .momentum: try executor.run(scenario, strategy: MomentumStrategy(), choices: &choices)
        case .meanReversion: try executor.run(scenario, strategy: MeanReversionStrategy(), choices: &choices)
        case .buyTheDip: try executor.run(scenario, strategy: BuyTheDipStrategy(), choices: &choices)
        }
    }
}
