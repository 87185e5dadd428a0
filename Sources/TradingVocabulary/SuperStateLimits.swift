/// One row of the super-state limits table.
public struct SuperStateLimits: Hashable, Sendable, Codable {
    /// The largest single position, as a fraction of the portfolio value.
    public var maxPosition: BasisPoints
    /// The largest total deployed exposure, as a fraction of the portfolio value.
    public var utilization: BasisPoints
    /// Whether new positions may be opened at all.
    public var allowsNewPositions: Bool
    /// The multiplier applied to position sizing (10 000 bp = 1.0).
    public var riskMultiplier: BasisPoints

    @inlinable
    public init(maxPosition: BasisPoints, utilization: BasisPoints, allowsNewPositions: Bool, riskMultiplier: BasisPoints) {
        self.maxPosition = maxPosition
        self.utilization = utilization
        self.allowsNewPositions = allowsNewPositions
        self.riskMultiplier = riskMultiplier
    }
}
