import TradingVocabulary

/// Every input of sector caps as a value, the malformed ones included (`docs/machines.md` §2).
public enum SectorCapsCommand: Hashable, Sendable, CustomStringConvertible {
    /// The portfolio value limits are fractions of; must be > 0.
    case setPortfolioValue(Cents)
    /// Override one sector's limits; needs 0 ≤ soft ≤ hard ≤ 10 000 bp.
    case setLimits(SectorLimits, for: Sector)
    /// Override one group's combined limit; needs 0…10 000 bp.
    case setGroupLimit(BasisPoints, for: SectorGroup)
    /// The question "may I add this?": answers exactly as `add` would, changes nothing.
    case canAdd(Symbol, amount: Cents)
    /// New exposure, checked against the hard and group limits.
    case add(Symbol, amount: Cents)
    /// Less exposure: needs 0 < amount ≤ held.
    case reduce(Symbol, amount: Cents)
    /// The holding's new value; always applied (prices move).
    case markToMarket(Symbol, value: Cents)
    /// A holding found on the exchange: recorded without any limit check.
    case adopt(Symbol, value: Cents)
    /// The whole position closed: the holding goes, its amount is returned.
    case remove(Symbol)

    /// The command as Swift code, e.g. `.add("BTC-USD", amount: 2000)`.
    public var description: String {
        switch self {
        case .setPortfolioValue(let value): ".setPortfolioValue(\(Literal.cents(value)))"
        case .setLimits(let limits, let sector):
            ".setLimits(SectorLimits(soft: \(Literal.bp(limits.soft)), hard: \(Literal.bp(limits.hard))), for: .\(sector.rawValue))"
        case .setGroupLimit(let limit, let group): ".setGroupLimit(\(Literal.bp(limit)), for: .\(group.rawValue))"
        case .canAdd(let symbol, let amount): ".canAdd(\(Literal.symbol(symbol)), amount: \(Literal.cents(amount)))"
        case .add(let symbol, let amount): ".add(\(Literal.symbol(symbol)), amount: \(Literal.cents(amount)))"
        case .reduce(let symbol, let amount): ".reduce(\(Literal.symbol(symbol)), amount: \(Literal.cents(amount)))"
        case .markToMarket(let symbol, let value): ".markToMarket(\(Literal.symbol(symbol)), value: \(Literal.cents(value)))"
        case .adopt(let symbol, let value): ".adopt(\(Literal.symbol(symbol)), value: \(Literal.cents(value)))"
        case .remove(let symbol): ".remove(\(Literal.symbol(symbol)))"
        }
    }
}
