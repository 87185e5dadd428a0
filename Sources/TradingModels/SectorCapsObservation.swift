import TradingVocabulary

/// Everything sector caps exposes publicly, as one comparable snapshot.
///
/// Per-sector and per-group quantities are one row per sector and one per group (exposure,
/// limits, health), in two tables: a differential check builds, copies and compares two of these
/// every step, and two tables cost two allocations where one array per quantity cost six.
public struct SectorCapsObservation: Hashable, Sendable, CustomStringConvertible {
    public var portfolioValue: Cents?
    /// Every holding, sorted by symbol.
    public var holdings: [ObservedHolding]
    /// Exposure, limits and health of each sector.
    public var sectors: PerSector<SectorStatus>
    /// Exposure, limit and health of each group.
    public var groups: PerGroup<GroupStatus>
    public var totalExposure: Cents
    public var overallHealth: SectorHealth

    public init(
        portfolioValue: Cents?, holdings: [ObservedHolding], sectors: PerSector<SectorStatus>, groups: PerGroup<GroupStatus>,
        totalExposure: Cents, overallHealth: SectorHealth
    ) {
        self.portfolioValue = portfolioValue
        self.holdings = holdings
        self.sectors = sectors
        self.groups = groups
        self.totalExposure = totalExposure
        self.overallHealth = overallHealth
    }

    public func exposure(of sector: Sector) -> Cents { sectors[sector].exposure }
    public func exposure(of group: SectorGroup) -> Cents { groups[group].exposure }
    public func limits(for sector: Sector) -> SectorLimits { sectors[sector].limits }
    public func groupLimit(for group: SectorGroup) -> BasisPoints { groups[group].limit }
    public func health(of sector: Sector) -> SectorHealth { sectors[sector].health }
    public func health(of group: SectorGroup) -> SectorHealth { groups[group].health }
    public func holding(of symbol: Symbol) -> Cents? { holdings.first { $0.symbol == symbol }?.amount }

    public var description: String {
        let pv = portfolioValue.map { "\($0.value)" } ?? "nil"
        let sectors = Sector.allCases.filter { exposure(of: $0) != 0 || health(of: $0) != .healthy }
            .map { "\($0.rawValue) \(exposure(of: $0).value) \(health(of: $0).rawValue)" }
        let groups = SectorGroup.allCases.filter { exposure(of: $0) != 0 || health(of: $0) != .healthy }
            .map { "\($0.rawValue) \(exposure(of: $0).value) \(health(of: $0).rawValue)" }
        return "pv \(pv) total \(totalExposure.value) \(overallHealth.rawValue) holdings [\(holdings.map(\.description).joined(separator: ", "))] "
            + "sectors [\(sectors.joined(separator: ", "))] groups [\(groups.joined(separator: ", "))]"
    }
}

/// What sector caps exposes about one sector.
public struct SectorStatus: Hashable, Sendable {
    public var exposure: Cents
    public var limits: SectorLimits
    public var health: SectorHealth

    public init(exposure: Cents, limits: SectorLimits, health: SectorHealth) {
        self.exposure = exposure
        self.limits = limits
        self.health = health
    }
}

/// What sector caps exposes about one group of correlated sectors.
public struct GroupStatus: Hashable, Sendable {
    public var exposure: Cents
    public var limit: BasisPoints
    public var health: SectorHealth

    public init(exposure: Cents, limit: BasisPoints, health: SectorHealth) {
        self.exposure = exposure
        self.limit = limit
        self.health = health
    }
}
