@_spi(BugZoo) import Strategies
import StrategyModels
import StrategyVocabulary

extension ArbitrageModel: ReferenceModel {}

/// The production `Arbitrage` behind the model's vocabulary.
public struct ArbitrageSystem: SystemUnderTest {
    public private(set) var machine: Arbitrage

    public init(parameters: ArbitrageParameters = ArbitrageChecks.parameters) {
        machine = Arbitrage(parameters: parameters)
    }

    /// Production with one of the zoo's deliberate bugs.
    @_spi(BugZoo) public init(mutation: StrategyMutation) {
        machine = Arbitrage(parameters: ArbitrageChecks.parameters)
        machine.mutation = mutation
    }

    public mutating func apply(_ event: StrategyEvent) -> StrategyStep {
        var step = StrategyStep()
        machine.handle(event, into: &step)
        return step
    }

    public var observation: ArbitrageObservation { machine.observation }
}
