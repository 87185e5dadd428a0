import TradingVocabulary

/// Sector caps: exposure per sector and per correlated group, limited as a fraction of the
/// portfolio value.
///
/// Totals are kept incrementally (per sector, per group, overall), so a decision costs a scan of
/// the holdings for the symbol and a few integer comparisons. Limits are compared exactly in
/// 128-bit integers: `exposure × 10 000 ≤ limit × portfolio value`.
/// Rules and decisions: `docs/machines.md` §2.
public struct SectorCaps: Sendable {
    /// The holdings, sorted by symbol, each symbol once; a holding's sector is fixed when it is
    /// first recorded.
    ///
    /// A sorted list, not a dictionary keyed by symbol: a book holds at most a few dozen symbols,
    /// a scan of them compares a symbol's four words where a lookup hashes it, and the holdings
    /// are listed in symbol order (a check reads them after every input) without a sort.
    var book: [SectorHolding]
    // `@usableFromInline` so the read-only queries below can be inlined into callers (a check
    // reads every sector's exposure, limits and health at every step).
    @usableFromInline var sectorTotals = ContiguousArray<Int64>(repeating: 0, count: Sector.allCases.count)
    @usableFromInline var groupTotals = ContiguousArray<Int64>(repeating: 0, count: SectorGroup.allCases.count)
    @usableFromInline var sectorLimits = ContiguousArray<SectorLimits>(repeating: .default, count: Sector.allCases.count)
    @usableFromInline var groupLimits = ContiguousArray<BasisPoints>(repeating: SectorLimits.defaultGroupLimit, count: SectorGroup.allCases.count)
    @usableFromInline var total: Int64 = 0

    /// The symbol-to-sector table used for symbols not yet held.
    public let table: SymbolSectorTable
    /// The portfolio value limits are fractions of; `nil` until set.
    public internal(set) var portfolioValue: Cents?

    /// Creates empty caps with the default limits and no portfolio value.
    ///
    /// - Parameters:
    ///   - table: the symbol-to-sector table (unknown symbols are `.other`).
    ///   - capacityHint: holdings to reserve room for, so the book does not allocate as it grows.
    public init(table: SymbolSectorTable = .default, capacityHint: Int = 64) {
        self.table = table
        book = []
        book.reserveCapacity(max(capacityHint, 0))
    }

    /// Where `symbol`'s holding is in the book, if held.
    func index(of symbol: Symbol) -> Int? { book.firstIndex { $0.symbol == symbol } }

    /// The sector a symbol counts in: its recorded sector if held, else the table's.
    public func sector(for symbol: Symbol) -> Sector {
        if let index = index(of: symbol) { return book[index].sector }
        return table.sector(for: symbol)
    }

    /// The exposure of one sector.
    @inlinable public func exposure(of sector: Sector) -> Cents { Cents(sectorTotals[sector.index]) }

    /// The combined exposure of one correlated group.
    @inlinable public func exposure(of group: SectorGroup) -> Cents { Cents(groupTotals[group.index]) }

    /// The exposure of all holdings together.
    @inlinable public var totalExposure: Cents { Cents(total) }

    /// The amount held in a symbol, `nil` if not held.
    public func holding(of symbol: Symbol) -> Cents? {
        index(of: symbol).map { book[$0].amount }
    }

    /// The number of symbols held.
    public var holdingCount: Int { book.count }

    /// Visits every holding in symbol order, without building an array.
    public func forEachHolding(_ body: (Symbol, Sector, Cents) throws -> Void) rethrows {
        for holding in book { try body(holding.symbol, holding.sector, holding.amount) }
    }

    /// Every holding, sorted by symbol.
    public var holdings: [SectorHolding] { book }

    /// The limits in force for a sector.
    @inlinable public func limits(for sector: Sector) -> SectorLimits { sectorLimits[sector.index] }

    /// The combined limit in force for a group.
    @inlinable public func groupLimit(for group: SectorGroup) -> BasisPoints { groupLimits[group.index] }
}

/// One holding as sector caps see it.
public struct SectorHolding: Hashable, Sendable {
    public var symbol: Symbol
    public var sector: Sector
    public var amount: Cents

    public init(symbol: Symbol, sector: Sector, amount: Cents) {
        self.symbol = symbol
        self.sector = sector
        self.amount = amount
    }
}

/// `exposure × 10 000 ≤ limit × value`, exactly, in 128-bit arithmetic. It cannot overflow
/// (|exposure| < 2^65 and limit, value < 2^63), so the products wrap-free `&*` skips the
/// overflow checks of `*`, which cost more than the comparison itself.
@inlinable @inline(__always)
func within(_ exposure: Int128, limit: BasisPoints, of value: Int64) -> Bool {
    exposure &* 10_000 <= Int128(limit.value) &* Int128(value)
}
