import MarketSim

/// The models and markets the benchmark runs: crypto-like parameters on one-minute bars.
enum Specs {
    static let gbm = PriceModelSpec.gbm(drift: 0.05, volatility: 0.8)
    static let garch = PriceModelSpec.garch(drift: 0.05, longRunVolatility: 0.8, alpha: 0.09, beta: 0.89, degreesOfFreedom: 5)
    /// About 2,000 jumps a year: one bar in 260 of a minute has a jump.
    static let merton = PriceModelSpec.merton(drift: 0.05, volatility: 0.8, jumpIntensity: 2_000, jumpMean: -0.002, jumpVolatility: 0.01)
    /// Room for 2,000 bars of three 16-bit choices plus jumps.
    static let streamMaxBytes = 32 * 1024
    static let emptyBar = Bar(time: .simulationEpoch, open: 0, high: 0, low: 0, close: 0, volume: 0)

    static func generator(_ spec: PriceModelSpec, interval: SimDuration) -> BarGenerator {
        do {
            return try BarGenerator(model: spec.model(interval: interval), startPrice: 100)
        } catch {
            fatalError("benchmark model refused: \(error)")
        }
    }

    /// Ten symbols (four GBM, three GARCH-t, three Merton), every pair correlated by 0.5.
    static func correlatedMarket() -> MarketSim.CorrelatedMarket {
        let specs = [gbm, gbm, gbm, gbm, garch, garch, garch, merton, merton, merton]
        do {
            return try CorrelatedMarket(
                generators: specs.map { generator($0, interval: .minutes(1)) },
                correlation: .uniform(specs.count, rho: 0.5))
        } catch {
            fatalError("benchmark market refused: \(error)")
        }
    }
}
