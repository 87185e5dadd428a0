@_spi(BugZoo) import Strategies
import StrategyModels
import StrategyVocabulary

extension MarketMakingModel: ReferenceModel {}

/// The production `MarketMaker` behind the model's vocabulary: an event in, the step out.
public struct MarketMakingSystem: SystemUnderTest {
    public private(set) var machine: MarketMaker

    public init(parameters: MarketMakingParameters = MarketMakingChecks.parameters) {
        machine = MarketMaker(parameters: parameters)
    }

    /// Production with one of the zoo's deliberate bugs.
    @_spi(BugZoo) public init(mutation: StrategyMutation) {
        machine = MarketMaker(parameters: MarketMakingChecks.parameters)
        machine.mutation = mutation
    }

    public mutating func apply(_ event: StrategyEvent) -> StrategyStep {
        var step = StrategyStep()
        machine.handle(event, into: &step)
        return step
    }

    public var observation: MarketMakingObservation { machine.observation }
}
