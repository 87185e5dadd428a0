import TradingVocabulary

/// One holding as sector caps exposes it (production's `SectorHolding`, field for field).
public struct ObservedHolding: Hashable, Sendable, CustomStringConvertible {
    public var symbol: Symbol
    /// The sector recorded when the holding was first booked.
    public var sector: Sector
    /// The holding's value in cents, ≥ 0 (0 after a mark to 0: still held).
    public var amount: Cents

    public init(symbol: Symbol, sector: Sector, amount: Cents) {
        self.symbol = symbol
        self.sector = sector
        self.amount = amount
    }

    public var description: String { "\(symbol.text) (\(sector.rawValue)) \(amount.value)" }
}
