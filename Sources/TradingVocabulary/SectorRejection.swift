/// Why sector caps refuse an `add`.
public enum SectorRejection: Hashable, Sendable, Codable {
    /// No portfolio value has been set yet.
    case noPortfolioValue
    /// The sector would end above its hard limit.
    case sectorHardLimit(Sector)
    /// The sector's correlated group would end above its combined limit.
    case groupLimit(SectorGroup)
}
