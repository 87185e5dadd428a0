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

    public init(volatilityMultiplier: Double = 1, liquidity: Double = 1, spreadMultiplier: Double = 1,
                volumeMultiplier: Double = 1, partialFillProbability: Double = 0) {
        self.volatilityMultiplier = volatilityMultiplier
        self.liquidity = liquidity
        self.spreadMultiplier = spreadMultiplier
        self.volumeMultiplier = volumeMultiplier
        self.partialFillProbability = partialFillProbability
    }

    /// The calm market.
    public static let calm = MarketConditions()
}
