/// Malformed input to sector caps; the machine is unchanged.
public enum SectorCapsError: Error, Hashable, Sendable, CustomStringConvertible {
    case nonPositiveAmount(Cents)
    case negativeValue(Cents)
    case nonPositivePortfolioValue(Cents)
    case notHeld(Symbol)
    case alreadyHeld(Symbol)
    case exceedsHolding(Symbol, held: Cents, requested: Cents)
    case invalidLimits(Sector, soft: BasisPoints, hard: BasisPoints)
    case invalidGroupLimit(SectorGroup, BasisPoints)
    /// A running total would exceed `Int64.max` cents.
    case overflow(Symbol)

    public var description: String {
        switch self {
        case .nonPositiveAmount(let amount): "SectorCaps: amount \(amount) is not positive"
        case .negativeValue(let value): "SectorCaps: value \(value) is negative"
        case .nonPositivePortfolioValue(let value): "SectorCaps.setPortfolioValue: \(value) is not positive"
        case .notHeld(let symbol): "SectorCaps: \(symbol) is not held"
        case .alreadyHeld(let symbol): "SectorCaps.adopt: \(symbol) is already held"
        case .exceedsHolding(let symbol, let held, let requested):
            "SectorCaps.reduce(\(symbol)): \(requested) exceeds the holding \(held)"
        case .invalidLimits(let sector, let soft, let hard):
            "SectorCaps.setLimits(\(sector.rawValue)): need 0 ≤ soft (\(soft)) ≤ hard (\(hard)) ≤ 10000bp"
        case .invalidGroupLimit(let group, let limit):
            "SectorCaps.setGroupLimit(\(group.rawValue)): \(limit) is outside 0…10000bp"
        case .overflow(let symbol): "SectorCaps(\(symbol)): exposure total would overflow Int64"
        }
    }
}
