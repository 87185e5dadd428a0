/// Malformed input to the risk stack; nothing changes in any layer.
public enum RiskStackError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An order request with amount ≤ 0.
    case nonPositiveAmount(Cents)
    case position(PositionError)
    case sectorCaps(SectorCapsError)
    case superState(SuperStateError)

    public var description: String {
        switch self {
        case .nonPositiveAmount(let amount): "RiskStack.submit: amount \(amount) is not positive"
        case .position(let error): "RiskStack: \(error)"
        case .sectorCaps(let error): "RiskStack: \(error)"
        case .superState(let error): "RiskStack: \(error)"
        }
    }
}
