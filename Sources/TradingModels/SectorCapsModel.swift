import TradingVocabulary

/// The reference model of sector caps (`docs/machines.md` §2), written as plainly as possible.
///
/// It stores only the primary facts: the portfolio value, the holdings, the limits. Every
/// exposure and health is recomputed from the holdings on every query (production keeps running
/// totals; this model has none, so a total that forgets a `reduce` shows up as a difference).
/// Holdings are kept in symbol order, so the observation shares the array instead of sorting.
/// Every limit comparison is the exact cross-multiplication `exposure × 10 000 ≤ limit × value`
/// in 128-bit integers, as production does.
public struct SectorCapsModel: Hashable, Sendable {
    /// The symbol-to-sector table (unknown symbols are `other`).
    public let table: SymbolSectorTable
    /// `nil` until set; never unset.
    public private(set) var portfolioValue: Cents?
    /// Held symbols, kept sorted by symbol (the order the observation lists them in).
    public private(set) var holdings: [ObservedHolding] = []
    /// The limits in force for each sector.
    public private(set) var sectorLimits = PerSector(repeating: SectorLimits.default)
    /// The combined limit in force for each group.
    public private(set) var groupLimits = PerGroup(repeating: SectorLimits.defaultGroupLimit)

    /// The documented initial state: no portfolio value, nothing held, default limits.
    public init() { self.init(table: .default) }

    /// The initial state with a custom symbol table.
    public init(table: SymbolSectorTable) { self.table = table }

    // MARK: Derived quantities, recomputed on every query

    /// The sector of a symbol: its recorded sector if held, else the table's.
    public func sector(for symbol: Symbol) -> Sector {
        holdings.first { $0.symbol == symbol }?.sector ?? table.sector(for: symbol)
    }

    /// The holding of a symbol, `nil` when not held.
    public func holding(of symbol: Symbol) -> Cents? {
        holdings.first { $0.symbol == symbol }?.amount
    }

    public func limits(for sector: Sector) -> SectorLimits { sectorLimits[sector] }

    public func groupLimit(for group: SectorGroup) -> BasisPoints { groupLimits[group] }

    /// Σ of the holdings in the sector, exact.
    func exactExposure(of sector: Sector) -> Int128 {
        holdings.lazy.filter { $0.sector == sector }.reduce(0) { $0 + Int128($1.amount.value) }
    }

    /// Σ of the holdings in the group's sectors, exact.
    func exactExposure(of group: SectorGroup) -> Int128 {
        holdings.lazy.filter { $0.sector.group == group }.reduce(0) { $0 + Int128($1.amount.value) }
    }

    /// Σ of every holding, exact.
    var exactTotal: Int128 { holdings.reduce(0) { $0 + Int128($1.amount.value) } }

    public func exposure(of sector: Sector) -> Cents { Cents(Int64(exactExposure(of: sector))) }
    public func exposure(of group: SectorGroup) -> Cents { Cents(Int64(exactExposure(of: group))) }
    public var totalExposure: Cents { Cents(Int64(exactTotal)) }

    /// Whether `exposure × 10 000 > limit × portfolio value`. Exposures are sums of `Int64`
    /// amounts and limits and values are `Int64`, so neither product can overflow 128 bits:
    /// `&*` skips the overflow checks.
    static func isOver(_ exposure: Int128, _ limit: BasisPoints, of value: Cents) -> Bool {
        exposure &* 10_000 > Int128(limit.value) &* Int128(value.value)
    }

    /// The sector health rule: critical over the hard limit, warning at or over the soft limit,
    /// else healthy; healthy whenever no portfolio value is set.
    static func health(exposure: Int128, limits: SectorLimits, value: Cents?) -> SectorHealth {
        guard let value else { return .healthy }
        if isOver(exposure, limits.hard, of: value) { return .critical }
        if exposure &* 10_000 >= Int128(limits.soft.value) &* Int128(value.value) { return .warning }
        return .healthy
    }

    /// The group health rule: critical over the group limit, else healthy (groups have no soft
    /// limit); healthy whenever no portfolio value is set.
    static func health(exposure: Int128, limit: BasisPoints, value: Cents?) -> SectorHealth {
        guard let value else { return .healthy }
        return isOver(exposure, limit, of: value) ? .critical : .healthy
    }

    public func health(of sector: Sector) -> SectorHealth {
        Self.health(exposure: exactExposure(of: sector), limits: limits(for: sector), value: portfolioValue)
    }

    public func health(of group: SectorGroup) -> SectorHealth {
        Self.health(exposure: exactExposure(of: group), limit: groupLimit(for: group), value: portfolioValue)
    }

    /// The worst of every sector and group health.
    public var overallHealth: SectorHealth { observation.overallHealth }

    /// The snapshot a differential check compares, from scratch on every call: each sector's
    /// and group's exposure summed from the holdings, each health from its sum. A sector with
    /// nothing held and the default limits is an untouched row and is left out (`SectorRows`).
    ///
    /// The sums are taken in one pass — each holding's amount added to its sector's and to its
    /// group's, if the sector is in one — rather than by asking `exactExposure(of:)` 19 + 3
    /// times, a pass each: the same sums, and the check reads this after every step.
    public var observation: SectorCapsObservation {
        // On the stack: a `PerSector` would allocate its array on every observation.
        var sectorSums = InlineArray<19, Int128>(repeating: 0)
        var groupSums = PerGroup<Int128>(repeating: 0)
        for holding in holdings {
            sectorSums[holding.sector.index] += Int128(holding.amount.value)
            if let group = holding.sector.group { groupSums[group] += Int128(holding.amount.value) }
        }
        var rows: [SectorStatus] = []
        rows.reserveCapacity(Sector.all.count)
        for sector in Sector.all {
            let exposure = sectorSums[sector.index]
            let limits = limits(for: sector)
            guard exposure != 0 || limits != .default else { continue }
            rows.append(
                SectorStatus(
                    sector: sector, exposure: Cents(Int64(exposure)), limits: limits,
                    health: Self.health(exposure: exposure, limits: limits, value: portfolioValue)))
        }
        let sectors = SectorRows(ordered: rows)
        let groups = PerGroup<GroupStatus> { group in
            let exposure = groupSums[group]
            return GroupStatus(
                exposure: Cents(Int64(exposure)), limit: groupLimit(for: group),
                health: Self.health(exposure: exposure, limit: groupLimit(for: group), value: portfolioValue))
        }
        let worst = max(sectors.lazy.map(\.health).max() ?? .healthy, groups.lazy.map(\.health).max() ?? .healthy)
        return SectorCapsObservation(
            portfolioValue: portfolioValue, holdings: holdings, sectors: sectors, groups: groups,
            totalExposure: totalExposure, overallHealth: worst)
    }

    // MARK: Inputs

    /// Applies one input and returns what it produced.
    public mutating func apply(_ command: SectorCapsCommand) -> SectorCapsOutcome {
        switch command {
        case .setPortfolioValue(let value):
            if value.value <= 0 { return .error(.nonPositivePortfolioValue(value)) }
            portfolioValue = value
            return .done

        case .setLimits(let limits, let sector):
            guard 0 <= limits.soft.value, limits.soft <= limits.hard, limits.hard.value <= 10_000 else {
                return .error(.invalidLimits(sector, soft: limits.soft, hard: limits.hard))
            }
            sectorLimits[sector] = limits
            return .done

        case .setGroupLimit(let limit, let group):
            guard (0...10_000).contains(limit.value) else { return .error(.invalidGroupLimit(group, limit)) }
            groupLimits[group] = limit
            return .done

        case .canAdd(let symbol, let amount):
            return checkAdd(symbol, amount)

        case .add(let symbol, let amount):
            let answer = checkAdd(symbol, amount)
            guard answer == .decision(.accepted) else { return answer }
            if let index = holdings.firstIndex(where: { $0.symbol == symbol }) {
                holdings[index].amount.value += amount.value
            } else {
                book(ObservedHolding(symbol: symbol, sector: table.sector(for: symbol), amount: amount))
            }
            return answer

        case .reduce(let symbol, let amount):
            if amount.value <= 0 { return .error(.nonPositiveAmount(amount)) }
            guard let index = holdings.firstIndex(where: { $0.symbol == symbol }) else { return .error(.notHeld(symbol)) }
            let held = holdings[index].amount
            if amount > held { return .error(.exceedsHolding(symbol, held: held, requested: amount)) }
            if amount == held {
                holdings.remove(at: index)
            } else {
                holdings[index].amount.value -= amount.value
            }
            return .done

        case .markToMarket(let symbol, let value):
            if value.value < 0 { return .error(.negativeValue(value)) }
            guard let index = holdings.firstIndex(where: { $0.symbol == symbol }) else { return .error(.notHeld(symbol)) }
            if exactTotal - Int128(holdings[index].amount.value) + Int128(value.value) > Int128(Int64.max) {
                return .error(.overflow(symbol))
            }
            holdings[index].amount = value
            return .done

        case .adopt(let symbol, let value):
            if value.value < 0 { return .error(.negativeValue(value)) }
            if holding(of: symbol) != nil { return .error(.alreadyHeld(symbol)) }
            if exactTotal + Int128(value.value) > Int128(Int64.max) { return .error(.overflow(symbol)) }
            book(ObservedHolding(symbol: symbol, sector: table.sector(for: symbol), amount: value))
            return .done

        case .remove(let symbol):
            guard let index = holdings.firstIndex(where: { $0.symbol == symbol }) else { return .error(.notHeld(symbol)) }
            return .removed(holdings.remove(at: index).amount)
        }
    }

    /// Adds a new holding at its place in symbol order.
    private mutating func book(_ holding: ObservedHolding) {
        holdings.insert(holding, at: holdings.firstIndex { $0.symbol > holding.symbol } ?? holdings.endIndex)
    }

    /// The checks of `add`, in order; `canAdd` is exactly this.
    ///
    /// The total is the largest running sum (it includes every sector and group), so "a sector,
    /// group or total would exceed `Int64.max`" is "the total would" (a Models decision recorded
    /// in `docs/machines.md`).
    private func checkAdd(_ symbol: Symbol, _ amount: Cents) -> SectorCapsOutcome {
        if amount.value <= 0 { return .error(.nonPositiveAmount(amount)) }
        if exactTotal + Int128(amount.value) > Int128(Int64.max) { return .error(.overflow(symbol)) }
        guard let value = portfolioValue else { return .decision(.rejected(.noPortfolioValue)) }
        let sector = sector(for: symbol)
        if Self.isOver(exactExposure(of: sector) + Int128(amount.value), limits(for: sector).hard, of: value) {
            return .decision(.rejected(.sectorHardLimit(sector)))
        }
        if let group = sector.group,
            Self.isOver(exactExposure(of: group) + Int128(amount.value), groupLimit(for: group), of: value)
        {
            return .decision(.rejected(.groupLimit(group)))
        }
        return .decision(.accepted)
    }
}
