import MarketSim
import Testing

/// Pins the exact values the models generate: 1,000 one-minute bars of each model from seed 42.
/// Any change to a generated value (a reordered operation, a fused multiply-add, another table)
/// changes a fingerprint; only a fix of a real defect may change them, with the reason stated.
@Suite struct FingerprintPinTests {
    static let pinned: [(PriceModelSpec, String)] = [
        (.gbm(drift: 0.05, volatility: 0.8), "6d79939635b1456a"),
        (.garch(drift: 0.05, longRunVolatility: 0.8, alpha: 0.09, beta: 0.89, degreesOfFreedom: 5), "b95765374ad2497f"),
        // Changed once, for a defect: jumps were at most one per bar (Bernoulli λΔt); they are
        // Poisson(λΔt) now (CrashSimulator.version 2).
        (.merton(drift: 0.05, volatility: 0.8, jumpIntensity: 2_000, jumpMean: -0.002, jumpVolatility: 0.01), "d1385066bf6d5927"),
    ]

    static func fingerprint(_ spec: PriceModelSpec, bars: Int = 1_000, seed: UInt64 = 42) throws -> Fingerprint {
        var generator = try BarGenerator(model: spec.model(interval: .minutes(1)), startPrice: 100)
        var choices = SeededChoices(seed: seed)
        var fingerprint = Fingerprint()
        for _ in 0..<bars { fingerprint.combine(generator.next(choices: &choices)) }
        return fingerprint
    }

    @Test(arguments: pinned)
    func generatedValuesArePinned(spec: PriceModelSpec, expected: String) throws {
        let value = try Self.fingerprint(spec).description
        #expect(value == expected, "\(spec.name)")
    }

    /// The correlated market (the Cholesky mixing) is pinned too.
    @Test func correlatedMarketIsPinned() throws {
        let specs = Self.pinned.map(\.0)
        var market = try CorrelatedMarket(
            generators: specs.map { try BarGenerator(model: $0.model(interval: .minutes(1)), startPrice: 100) },
            correlation: .uniform(3, rho: 0.5))
        var choices = SeededChoices(seed: 42)
        var row = [Bar](repeating: Bar(time: .simulationEpoch, open: 0, high: 0, low: 0, close: 0, volume: 0), count: 3)
        var fingerprint = Fingerprint()
        for _ in 0..<1_000 {
            market.next(into: &row, conditions: { _ in .calm }, extraLogDrift: { _ in 0 }, choices: &choices)
            for bar in row { fingerprint.combine(bar) }
        }
        #expect(fingerprint.description == "6aad2bfca2293fe7")  // version 2: Merton's Poisson jumps
    }
}
