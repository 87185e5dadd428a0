import TradingVocabulary

/// Everything sector caps exposes publicly, as one comparable snapshot.
///
/// Per-sector quantities are one row per sector (exposure, limits, health) stored sparsely in
/// `SectorRows`: only the sectors that differ from an untouched one. A differential check builds,
/// copies, compares and checks two of these every step, and a case touches a few of the 19
/// sectors, so the work follows what the case did rather than the size of the sector table.
/// The three groups are always listed, inline.
public struct SectorCapsObservation: Hashable, Sendable, CustomStringConvertible {
    public var portfolioValue: Cents?
    /// Every holding, sorted by symbol.
    public var holdings: [ObservedHolding]
    /// Exposure, limits and health of each sector (sparse: see `SectorRows`).
    public var sectors: SectorRows
    /// Exposure, limit and health of each group.
    public var groups: PerGroup<GroupStatus>
    public var totalExposure: Cents
    public var overallHealth: SectorHealth

    public init(
        portfolioValue: Cents?, holdings: [ObservedHolding], sectors: SectorRows, groups: PerGroup<GroupStatus>,
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
        let sectors = self.sectors.filter { $0.exposure != 0 || $0.health != .healthy }
            .map { "\($0.sector.rawValue) \($0.exposure.value) \($0.health.rawValue)" }
        let groups = SectorGroup.allCases.filter { exposure(of: $0) != 0 || health(of: $0) != .healthy }
            .map { "\($0.rawValue) \(exposure(of: $0).value) \(health(of: $0).rawValue)" }
        return "pv \(pv) total \(totalExposure.value) \(overallHealth.rawValue) holdings [\(holdings.map(\.description).joined(separator: ", "))] "
            + "sectors [\(sectors.joined(separator: ", "))] groups [\(groups.joined(separator: ", "))]"
    }
}

/// What sector caps exposes about one sector.
public struct SectorStatus: Hashable, Sendable {
    public var sector: Sector
    public var exposure: Cents
    public var limits: SectorLimits
    public var health: SectorHealth

    @inlinable
    public init(sector: Sector, exposure: Cents, limits: SectorLimits, health: SectorHealth) {
        self.sector = sector
        self.exposure = exposure
        self.limits = limits
        self.health = health
    }

    /// A sector nothing has happened to: no exposure, the default limits, healthy.
    public static func untouched(_ sector: Sector) -> SectorStatus {
        SectorStatus(sector: sector, exposure: 0, limits: .default, health: .healthy)
    }

    @inlinable
    public var isUntouched: Bool { exposure == 0 && limits == .default && health == .healthy }
}

/// The status of all 19 sectors, storing only the rows that are not `SectorStatus.untouched`, in
/// `Sector.allCases` order (so equal states give equal values). Reading a sector that is not
/// stored gives its untouched status; writing one keeps the storage in that canonical form. As a
/// collection it is the stored rows.
public struct SectorRows: Hashable, Sendable, RandomAccessCollection {
    /// The stored rows. (`storage` is `@usableFromInline` so that the builder below inlines
    /// into its callers, with their closure: it runs twice per step of a check.)
    public var touched: [SectorStatus] { storage }
    @usableFromInline var storage: [SectorStatus]

    /// Asks `status` for every sector, in order, and keeps the rows that are not untouched.
    @inlinable
    public init(_ status: (Sector) throws -> SectorStatus) rethrows {
        storage = []
        for (index, sector) in Sector.all.enumerated() {
            let row = try status(sector)
            guard !row.isUntouched else { continue }
            // One allocation, sized for the sectors left, rather than one per doubling.
            if storage.isEmpty { storage.reserveCapacity(Sector.all.count - index) }
            storage.append(row)
        }
    }

    /// Every sector untouched.
    public init() { storage = [] }

    /// The rows given, in `Sector.allCases` order, each sector at most once; untouched ones are
    /// dropped (for a builder that knows which sectors can differ from untouched).
    public init(ordered rows: [SectorStatus]) {
        assert(zip(rows, rows.dropFirst()).allSatisfy { $0.sector.index < $1.sector.index }, "rows out of order")
        storage = rows.allSatisfy { !$0.isUntouched } ? rows : rows.filter { !$0.isUntouched }
    }

    public subscript(sector: Sector) -> SectorStatus {
        get { storage.first { $0.sector == sector } ?? .untouched(sector) }
        set {
            var row = newValue
            row.sector = sector
            let at = storage.firstIndex { $0.sector.index >= sector.index } ?? storage.endIndex
            let present = at < storage.endIndex && storage[at].sector == sector
            switch (present, row.isUntouched) {
            case (true, true): storage.remove(at: at)
            case (true, false): storage[at] = row
            case (false, false): storage.insert(row, at: at)
            case (false, true): break
            }
        }
    }

    @inlinable public var startIndex: Int { storage.startIndex }
    @inlinable public var endIndex: Int { storage.endIndex }
    @inlinable public subscript(position: Int) -> SectorStatus { storage[position] }
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
