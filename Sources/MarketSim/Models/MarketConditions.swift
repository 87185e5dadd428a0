/// The market's state in one bar beyond its price: what a crash phase changes.
public struct MarketConditions: Hashable, Sendable, Codable {
    /// Multiplies the price model's diffusion (1 = normal; crashes reach 5–15).
    public var volatilityMultiplier: Double
    /// Top-of-book depth relative to calm, 0…1 (0.1 = liquidity down 90%).
    public var liquidity: Double
    /// Multiplies the calm spread (up to 25× and more).
    public var spreadMultiplier: Double
    /// Multiplies the calm volume.
    public var volumeMultiplier: Double
    /// The probability that an order is only partly filled, for the simulated venue (0…1).
    public var partialFillProbability: Double
    /// The probability that the venue rejects an order outright (0…1; reject storms).
    public var rejectProbability: Double
    /// Multiplies the venue's latency (1 = normal; latency spikes reach 100).
    public var latencyMultiplier: Double
    /// Whether the venue is unreachable in this phase (an outage).
    public var venueOutage: Bool

    public init(
        volatilityMultiplier: Double = 1, liquidity: Double = 1, spreadMultiplier: Double = 1,
        volumeMultiplier: Double = 1, partialFillProbability: Double = 0, rejectProbability: Double = 0,
        latencyMultiplier: Double = 1, venueOutage: Bool = false
    ) {
        self.volatilityMultiplier = volatilityMultiplier
        self.liquidity = liquidity
        self.spreadMultiplier = spreadMultiplier
        self.volumeMultiplier = volumeMultiplier
        self.partialFillProbability = partialFillProbability
        self.rejectProbability = rejectProbability
        self.latencyMultiplier = latencyMultiplier
        self.venueOutage = venueOutage
    }

    /// Checks every field, naming the first out of range (`context` names the phase).
    public func validate(_ context: String) throws(ParameterError) {
        try ParameterError.require(context, "volatilityMultiplier", volatilityMultiplier, "0 ≤ volatilityMultiplier ≤ 1000") { $0 >= 0 && $0 <= 1000 }
        try ParameterError.require(context, "liquidity", liquidity, "0 ≤ liquidity ≤ 1") { $0 >= 0 && $0 <= 1 }
        try ParameterError.require(context, "spreadMultiplier", spreadMultiplier, "0 ≤ spreadMultiplier ≤ 10000") { $0 >= 0 && $0 <= 10_000 }
        try ParameterError.require(context, "volumeMultiplier", volumeMultiplier, "0 ≤ volumeMultiplier ≤ 10000") { $0 >= 0 && $0 <= 10_000 }
        try ParameterError.require(context, "partialFillProbability", partialFillProbability, "0 ≤ partialFillProbability ≤ 1") { $0 >= 0 && $0 <= 1 }
        try ParameterError.require(context, "rejectProbability", rejectProbability, "0 ≤ rejectProbability ≤ 1") { $0 >= 0 && $0 <= 1 }
        try ParameterError.require(context, "latencyMultiplier", latencyMultiplier, "1 ≤ latencyMultiplier ≤ 100000") { $0 >= 1 && $0 <= 100_000 }
    }

    /// The calm market.
    public static let calm = MarketConditions()
}
