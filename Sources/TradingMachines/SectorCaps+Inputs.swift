import TradingVocabulary

extension SectorCaps {
    /// Sets the portfolio value that limits are fractions of.
    ///
    /// - Throws: `.nonPositivePortfolioValue` for v ≤ 0; nothing changes.
    public mutating func setPortfolioValue(_ value: Cents) throws(SectorCapsError) {
        defer { checkInvariantsIfEnabled() }
        guard value.value > 0 else { throw .nonPositivePortfolioValue(value) }
        portfolioValue = value
    }

    /// Overrides the soft and hard limits of one sector.
    ///
    /// - Throws: `.invalidLimits` unless 0 ≤ soft ≤ hard ≤ 10 000 bp; nothing changes.
    public mutating func setLimits(_ limits: SectorLimits, for sector: Sector) throws(SectorCapsError) {
        defer { checkInvariantsIfEnabled() }
        guard 0 <= limits.soft.value, limits.soft <= limits.hard, limits.hard <= BasisPoints.whole else {
            throw .invalidLimits(sector, soft: limits.soft, hard: limits.hard)
        }
        sectorLimits[sector.index] = limits
    }

    /// Overrides the combined limit of one group.
    ///
    /// - Throws: `.invalidGroupLimit` unless 0 ≤ limit ≤ 10 000 bp; nothing changes.
    public mutating func setGroupLimit(_ limit: BasisPoints, for group: SectorGroup) throws(SectorCapsError) {
        defer { checkInvariantsIfEnabled() }
        guard 0 <= limit.value, limit <= BasisPoints.whole else { throw .invalidGroupLimit(group, limit) }
        groupLimits[group.index] = limit
    }

    /// What `add` would answer, changing nothing.
    ///
    /// - Throws: exactly what `add` would throw.
    public func canAdd(_ symbol: Symbol, amount: Cents) throws(SectorCapsError) -> Decision<SectorRejection> {
        guard amount.value > 0 else { throw .nonPositiveAmount(amount) }
        let sector = sector(for: symbol)
        guard totalsFit(sector: sector, delta: amount.value) else { throw .overflow(symbol) }
        return decideAdd(sector: sector, amount: amount.value)
    }

    /// Adds exposure if the sector stays within its hard limit and its group within the group
    /// limit (equal to a limit is allowed).
    ///
    /// - Returns: `.accepted`, or `.rejected` with `.noPortfolioValue`, `.sectorHardLimit` or
    ///   `.groupLimit`.
    /// - Throws: `.nonPositiveAmount`, then `.overflow` when the total exposure would pass
    ///   `Int64.max` (marks and adoptions can bring it there while the sector itself has room);
    ///   nothing changes.
    public mutating func add(_ symbol: Symbol, amount: Cents) throws(SectorCapsError) -> Decision<SectorRejection> {
        defer { checkInvariantsIfEnabled() }
        guard amount.value > 0 else { throw .nonPositiveAmount(amount) }
        let sector = sector(for: symbol)
        guard totalsFit(sector: sector, delta: amount.value) else { throw .overflow(symbol) }
        let decision = decideAdd(sector: sector, amount: amount.value)
        if case .accepted = decision { commitAdd(symbol, sector: sector, amount: amount.value) }
        return decision
    }

    /// The limit rules for adding a positive amount to a sector.
    func decideAdd(sector: Sector, amount: Int64) -> Decision<SectorRejection> {
        guard let value = portfolioValue?.value else { return .rejected(.noPortfolioValue) }
        let sectorAfter = Int128(sectorTotals[sector.index]) + Int128(amount)
        guard within(sectorAfter, limit: sectorLimits[sector.index].hard, of: value) else {
            return .rejected(.sectorHardLimit(sector))
        }
        if let group = sector.group {
            let groupAfter = Int128(groupTotals[group.index]) + Int128(amount)
            guard within(groupAfter, limit: groupLimits[group.index], of: value) else {
                return .rejected(.groupLimit(group))
            }
        }
        return .accepted
    }

    /// Books an add the rules accepted: `add` checked that every total fits (`totalsFit`).
    mutating func commitAdd(_ symbol: Symbol, sector: Sector, amount: Int64) {
        if let index = index(of: symbol) {
            book[index].amount.value += amount
        } else {
            insert(SectorHolding(symbol: symbol, sector: sector, amount: Cents(amount)))
        }
        adjustTotals(sector: sector, by: amount)
    }

    /// Adds a holding for a symbol not held, where symbol order puts it.
    mutating func insert(_ holding: SectorHolding) {
        let at = book.firstIndex { $0.symbol > holding.symbol } ?? book.endIndex
        book.insert(holding, at: at)
    }

    /// Moves the sector, group and overall totals by a delta known not to overflow.
    mutating func adjustTotals(sector: Sector, by delta: Int64) {
        sectorTotals[sector.index] += delta
        if let group = sector.group { groupTotals[group.index] += delta }
        total += delta
    }

    /// Whether moving the totals of a sector by delta keeps every total within Int64.
    func totalsFit(sector: Sector, delta: Int64) -> Bool {
        let limit = Int128(Int64.max)
        if Int128(sectorTotals[sector.index]) + Int128(delta) > limit { return false }
        if let group = sector.group, Int128(groupTotals[group.index]) + Int128(delta) > limit { return false }
        return Int128(total) + Int128(delta) <= limit
    }

    /// Reduces a holding; a holding reduced to exactly 0 is removed.
    ///
    /// - Throws: `.nonPositiveAmount`, `.notHeld`, `.exceedsHolding`; nothing changes.
    public mutating func reduce(_ symbol: Symbol, amount: Cents) throws(SectorCapsError) {
        defer { checkInvariantsIfEnabled() }
        guard amount.value > 0 else { throw .nonPositiveAmount(amount) }
        guard let index = index(of: symbol) else { throw .notHeld(symbol) }
        let holding = book[index]
        guard amount <= holding.amount else {
            throw .exceedsHolding(symbol, held: holding.amount, requested: amount)
        }
        if amount == holding.amount {
            book.remove(at: index)
        } else {
            book[index].amount.value -= amount.value
        }
        adjustTotals(sector: holding.sector, by: -amount.value)
    }

    /// Sets a holding to its current market value; always applies, even past a hard limit.
    ///
    /// - Throws: `.negativeValue`, `.notHeld`, `.overflow`; nothing changes.
    public mutating func markToMarket(_ symbol: Symbol, value: Cents) throws(SectorCapsError) {
        defer { checkInvariantsIfEnabled() }
        guard value.value >= 0 else { throw .negativeValue(value) }
        // One scan, then the holding in place: the executor marks every holding every bar.
        guard let index = index(of: symbol) else { throw .notHeld(symbol) }
        let holding = book[index]
        let delta = value.value - holding.amount.value  // both in 0...Int64.max: cannot overflow
        guard totalsFit(sector: holding.sector, delta: delta) else { throw .overflow(symbol) }
        book[index].amount = value
        adjustTotals(sector: holding.sector, by: delta)
    }

    /// Records a holding found on the exchange, unconditionally (no limit check).
    ///
    /// - Throws: `.negativeValue`, `.alreadyHeld`, `.overflow`; nothing changes.
    public mutating func adopt(_ symbol: Symbol, value: Cents) throws(SectorCapsError) {
        defer { checkInvariantsIfEnabled() }
        try checkAdopt(symbol, value: value)
        let sector = table.sector(for: symbol)
        insert(SectorHolding(symbol: symbol, sector: sector, amount: value))
        adjustTotals(sector: sector, by: value.value)
    }

    /// The errors `adopt` would throw, changing nothing.
    func checkAdopt(_ symbol: Symbol, value: Cents) throws(SectorCapsError) {
        guard value.value >= 0 else { throw .negativeValue(value) }
        guard index(of: symbol) == nil else { throw .alreadyHeld(symbol) }
        guard totalsFit(sector: table.sector(for: symbol), delta: value.value) else { throw .overflow(symbol) }
    }

    /// Removes a whole holding (the position closed).
    ///
    /// - Returns: the amount it had.
    /// - Throws: `.notHeld`; nothing changes.
    @discardableResult
    public mutating func remove(_ symbol: Symbol) throws(SectorCapsError) -> Cents {
        defer { checkInvariantsIfEnabled() }
        guard let index = index(of: symbol) else { throw .notHeld(symbol) }
        let holding = book.remove(at: index)
        adjustTotals(sector: holding.sector, by: -holding.amount.value)
        return holding.amount
    }
}
