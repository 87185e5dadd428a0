import TradingVocabulary

/// The reference model of sector caps (`docs/machines.md` §2), written as plainly as possible.
///
/// It stores only the primary facts: the portfolio value, the holdings, the limits. Every
/// exposure and health is recomputed from the holdings on every query (production keeps running
/// totals; this model has none, so a total that forgets a `reduce` shows up as a difference).
/// Every limit comparison is the exact cross-multiplication `exposure × 10 000 ≤ limit × value`
/// in 128-bit integers, as production does.
public struct SectorCapsModel: Sendable {
    /// The symbol-to-sector table (unknown symbols are `other`).
    public let table: SymbolSectorTable
    /// `nil` until set; never unset.
    public private(set) var portfolioValue: Cents?
    /// Held symbols in booking order (the observation sorts them by symbol).
    public private(set) var holdings: [ObservedHolding] = []
    /// Per-sector limits; a sector not listed has `SectorLimits.default`.
    public private(set) var sectorLimitOverrides: [Sector: SectorLimits] = [:]
    /// Per-group limits; a group not listed has `SectorLimits.defaultGroupLimit`.
    public private(set) var groupLimitOverrides: [SectorGroup: BasisPoints] = [:]

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

    public func limits(for sector: Sector) -> SectorLimits { sectorLimitOverrides[sector] ?? .default }

    public func groupLimit(for group: SectorGroup) -> BasisPoints {
        groupLimitOverrides[group] ?? SectorLimits.defaultGroupLimit
    }

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

    /// Whether `exposure × 10 000 > limit × portfolio value`.
    static func isOver(_ exposure: Int128, _ limit: BasisPoints, of value: Cents) -> Bool {
        exposure * 10_000 > Int128(limit.value) * Int128(value.value)
    }

    /// critical over the hard limit, warning at or over the soft limit, else healthy; healthy
    /// whenever no portfolio value is set.
    public func health(of sector: Sector) -> SectorHealth {
        guard let value = portfolioValue else { return .healthy }
        let exposure = exactExposure(of: sector)
        let limits = limits(for: sector)
        if Self.isOver(exposure, limits.hard, of: value) { return .critical }
        if exposure * 10_000 >= Int128(limits.soft.value) * Int128(value.value) { return .warning }
        return .healthy
    }

    /// critical over the group limit, else healthy (groups have no soft limit).
    public func health(of group: SectorGroup) -> SectorHealth {
        guard let value = portfolioValue else { return .healthy }
        return Self.isOver(exactExposure(of: group), groupLimit(for: group), of: value) ? .critical : .healthy
    }

    /// The worst of every sector and group health.
    public var overallHealth: SectorHealth {
        max(Sector.allCases.lazy.map { health(of: $0) }.max() ?? .healthy, SectorGroup.allCases.lazy.map { health(of: $0) }.max() ?? .healthy)
    }

    /// The snapshot a differential check compares.
    public var observation: SectorCapsObservation {
        SectorCapsObservation(
            portfolioValue: portfolioValue,
            holdings: holdings.sorted { $0.symbol < $1.symbol },
            sectorExposures: Sector.allCases.map { exposure(of: $0) },
            groupExposures: SectorGroup.allCases.map { exposure(of: $0) },
            totalExposure: totalExposure,
            sectorLimits: Sector.allCases.map { limits(for: $0) },
            groupLimits: SectorGroup.allCases.map { groupLimit(for: $0) },
            sectorHealths: Sector.allCases.map { health(of: $0) },
            groupHealths: SectorGroup.allCases.map { health(of: $0) },
            overallHealth: overallHealth)
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
            sectorLimitOverrides[sector] = limits
            return .done

        case .setGroupLimit(let limit, let group):
            guard (0...10_000).contains(limit.value) else { return .error(.invalidGroupLimit(group, limit)) }
            groupLimitOverrides[group] = limit
            return .done

        case .canAdd(let symbol, let amount):
            return checkAdd(symbol, amount)

        case .add(let symbol, let amount):
            let answer = checkAdd(symbol, amount)
            guard answer == .decision(.accepted) else { return answer }
            if let index = holdings.firstIndex(where: { $0.symbol == symbol }) {
                holdings[index].amount.value += amount.value
            } else {
                holdings.append(ObservedHolding(symbol: symbol, sector: table.sector(for: symbol), amount: amount))
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
            holdings.append(ObservedHolding(symbol: symbol, sector: table.sector(for: symbol), amount: value))
            return .done

        case .remove(let symbol):
            guard let index = holdings.firstIndex(where: { $0.symbol == symbol }) else { return .error(.notHeld(symbol)) }
            return .removed(holdings.remove(at: index).amount)
        }
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
           Self.isOver(exactExposure(of: group) + Int128(amount.value), groupLimit(for: group), of: value) {
            return .decision(.rejected(.groupLimit(group)))
        }
        return .decision(.accepted)
    }
}
