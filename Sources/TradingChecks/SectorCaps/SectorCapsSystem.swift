import TradingMachines
import TradingModels
import TradingVocabulary

/// The production `SectorCaps` behind the model's vocabulary.
public struct SectorCapsSystem: SystemUnderTest {
    public private(set) var machine = SectorCaps()

    public init() {}

    public mutating func apply(_ command: SectorCapsCommand) -> SectorCapsOutcome {
        do {
            switch command {
            case .setPortfolioValue(let value):
                try machine.setPortfolioValue(value)
                return .done
            case .setLimits(let limits, let sector):
                try machine.setLimits(limits, for: sector)
                return .done
            case .setGroupLimit(let limit, let group):
                try machine.setGroupLimit(limit, for: group)
                return .done
            case .canAdd(let symbol, let amount): return .decision(try machine.canAdd(symbol, amount: amount))
            case .add(let symbol, let amount): return .decision(try machine.add(symbol, amount: amount))
            case .reduce(let symbol, let amount):
                try machine.reduce(symbol, amount: amount)
                return .done
            case .markToMarket(let symbol, let value):
                try machine.markToMarket(symbol, value: value)
                return .done
            case .adopt(let symbol, let value):
                try machine.adopt(symbol, value: value)
                return .done
            case .remove(let symbol): return .removed(try machine.remove(symbol))
            }
        } catch {
            return .error(error)
        }
    }

    public var observation: SectorCapsObservation { SectorCapsObservation(production: machine) }
}
