@_spi(BugZoo) import Strategies
import StrategyModels
import StrategyVocabulary

extension HedgeModel: ReferenceModel {}

/// The production `Hedge` behind the model's vocabulary.
public struct HedgeSystem: SystemUnderTest {
    public private(set) var machine: Hedge

    public init(parameters: HedgeParameters) {
        machine = Hedge(parameters: parameters)
    }

    /// Production with one of the zoo's deliberate bugs.
    @_spi(BugZoo) public init(parameters: HedgeParameters, mutation: StrategyMutation) {
        machine = Hedge(parameters: parameters)
        machine.mutation = mutation
    }

    public mutating func apply(_ event: StrategyEvent) -> StrategyStep {
        var step = StrategyStep()
        machine.handle(event, into: &step)
        return step
    }

    public var observation: HedgeObservation { machine.observation }
}
