import TradingVocabulary

/// One held position as position management exposes it (production's `HeldPosition`, field for
/// field, so that production maps onto it without glue).
public struct ObservedPosition: Hashable, Sendable, CustomStringConvertible {
    public var symbol: Symbol
    /// The latest mark, 0 until marked.
    public var unrealizedPnL: Cents
    /// Whether `mark` was ever applied since the position was opened or adopted.
    public var isMarked: Bool
    /// The entry number: the global entry counter's value when the position was opened or
    /// adopted (the first position gets 0). Smaller is older.
    public var entry: UInt64

    public init(symbol: Symbol, unrealizedPnL: Cents, isMarked: Bool, entry: UInt64) {
        self.symbol = symbol
        self.unrealizedPnL = unrealizedPnL
        self.isMarked = isMarked
        self.entry = entry
    }

    public var description: String {
        "\(symbol.text)#\(entry) pnl \(unrealizedPnL.value)\(isMarked ? "" : " (unmarked)")"
    }
}
