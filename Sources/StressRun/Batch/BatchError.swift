import MarketSim

/// Why a batch cannot be planned, run or merged: a typed error with a message users can act on.
public struct BatchError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a value.
    public enum Kind: Hashable, Sendable {
        case unknownScenario(String)
        case unknownStrategy(String)
        case repeated(String, String)
        case emptyPlan(String)
        case tooLarge(String)
        case badShard(String)
        case unknownItem(Int, count: Int)
    }

    public let kind: Kind

    public init(_ kind: Kind) { self.kind = kind }

    public var description: String {
        switch kind {
        case .unknownScenario(let name):
            "unknown scenario '\(name)' (known: \(ScenarioNames.all.joined(separator: ", ")))"
        case .unknownStrategy(let name):
            "unknown strategy '\(name)' (known: \(BatchStrategy.allCases.map(\.name).joined(separator: ", ")))"
        case .repeated(let what, let name): "\(what) '\(name)' is given more than once"
        case .emptyPlan(let why), .tooLarge(let why), .badShard(let why): why
        case .unknownItem(let number, let count): "item \(number) is not in the batch (items 0 to \(count - 1))"
        }
    }
}

enum ScenarioNames {
    static var all: [String] { ScenarioLibrary.all.map(\.name) }
}
