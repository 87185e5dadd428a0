/// Maps symbols to sectors; a symbol the table does not know is in `Sector.other`.
public struct SymbolSectorTable: Sendable, Hashable {
    @usableFromInline var entries: [Symbol: Sector]

    /// Creates a table from explicit entries.
    public init(_ entries: [Symbol: Sector]) {
        self.entries = entries
    }

    /// The sector of a symbol, `.other` when the table does not list it.
    @inlinable
    public func sector(for symbol: Symbol) -> Sector {
        entries[symbol] ?? .other
    }

    /// Every listed symbol with its sector, sorted by symbol.
    public var listed: [(symbol: Symbol, sector: Sector)] {
        entries.sorted { $0.key < $1.key }.map { (symbol: $0.key, sector: $0.value) }
    }
}
