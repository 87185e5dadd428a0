import TradingVocabulary

/// Everything sector caps exposes publicly, as one comparable snapshot.
///
/// Per-sector and per-group quantities are arrays indexed by `Sector.index` and
/// `SectorGroup.index` (the `allCases` order), so that comparing two observations is cheap;
/// use the accessors to read them by name.
public struct SectorCapsObservation: Hashable, Sendable, CustomStringConvertible {
    public var portfolioValue: Cents?
    /// Every holding, sorted by symbol.
    public var holdings: [ObservedHolding]
    /// `exposure(of: sector)` for each sector, by `Sector.index`.
    public var sectorExposures: [Cents]
    /// `exposure(of: group)` for each group, by `SectorGroup.index`.
    public var groupExposures: [Cents]
    public var totalExposure: Cents
    /// `limits(for: sector)`, by `Sector.index`.
    public var sectorLimits: [SectorLimits]
    /// `groupLimit(for: group)`, by `SectorGroup.index`.
    public var groupLimits: [BasisPoints]
    /// `health(of: sector)`, by `Sector.index`.
    public var sectorHealths: [SectorHealth]
    /// `health(of: group)`, by `SectorGroup.index`.
    public var groupHealths: [SectorHealth]
    public var overallHealth: SectorHealth

    public init(
        portfolioValue: Cents?, holdings: [ObservedHolding], sectorExposures: [Cents], groupExposures: [Cents],
        totalExposure: Cents, sectorLimits: [SectorLimits], groupLimits: [BasisPoints],
        sectorHealths: [SectorHealth], groupHealths: [SectorHealth], overallHealth: SectorHealth
    ) {
        self.portfolioValue = portfolioValue
        self.holdings = holdings
        self.sectorExposures = sectorExposures
        self.groupExposures = groupExposures
        self.totalExposure = totalExposure
        self.sectorLimits = sectorLimits
        self.groupLimits = groupLimits
        self.sectorHealths = sectorHealths
        self.groupHealths = groupHealths
        self.overallHealth = overallHealth
    }

    public func exposure(of sector: Sector) -> Cents { sectorExposures[sector.index] }
    public func exposure(of group: SectorGroup) -> Cents { groupExposures[group.index] }
    public func limits(for sector: Sector) -> SectorLimits { sectorLimits[sector.index] }
    public func groupLimit(for group: SectorGroup) -> BasisPoints { groupLimits[group.index] }
    public func health(of sector: Sector) -> SectorHealth { sectorHealths[sector.index] }
    public func health(of group: SectorGroup) -> SectorHealth { groupHealths[group.index] }
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
