/// The soft (warning) and hard (blocking) exposure limits of one sector.
public struct SectorLimits: Hashable, Sendable, Codable {
    /// At or above this fraction of the portfolio value the sector is in warning.
    public var soft: BasisPoints
    /// Above this fraction the sector is critical, and no `add` may end above it.
    public var hard: BasisPoints

    @inlinable
    public init(soft: BasisPoints, hard: BasisPoints) {
        self.soft = soft
        self.hard = hard
    }

    /// The default limits: soft 15%, hard 20%. (Computed, not a stored `static let`: a stored
    /// one is read through a lazy-initialization check on every access, and checks compare
    /// every sector's limits with it at every step.)
    @inlinable
    public static var `default`: SectorLimits { SectorLimits(soft: 1500, hard: 2000) }

    /// The default combined hard limit of a correlated group: 35%.
    @inlinable
    public static var defaultGroupLimit: BasisPoints { 3500 }
}
