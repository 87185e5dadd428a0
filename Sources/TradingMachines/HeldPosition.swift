import TradingVocabulary

/// One position as position management sees it.
public struct HeldPosition: Hashable, Sendable {
    public var symbol: Symbol
    /// The last marked unrealized PnL; 0 if never marked.
    public var unrealizedPnL: Cents
    /// Whether `mark` was ever called for this position.
    public var isMarked: Bool
    /// The entry number: smaller is older.
    public var entry: UInt64

    public init(symbol: Symbol, unrealizedPnL: Cents, isMarked: Bool, entry: UInt64) {
        self.symbol = symbol
        self.unrealizedPnL = unrealizedPnL
        self.isMarked = isMarked
        self.entry = entry
    }
}
