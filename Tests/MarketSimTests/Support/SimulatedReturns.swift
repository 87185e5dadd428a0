import Foundation
import MarketSim

/// Long seeded runs of one symbol, as close-to-close log returns, for the statistical tests.
enum SimulatedReturns {
    /// The log returns of `bars` bars of `spec` (daily bars unless told) from `SeededChoices(seed:)`.
    static func of(_ spec: PriceModelSpec, seed: UInt64, bars: Int, interval: SimDuration = .days(1)) throws -> [Double] {
        var generator = try BarGenerator(model: spec.model(interval: interval), startPrice: 100)
        var choices = SeededChoices(seed: seed)
        var previous = generator.lastClose
        var returns: [Double] = []
        returns.reserveCapacity(bars)
        for _ in 0..<bars {
            let bar = generator.next(choices: &choices)
            returns.append(log(bar.close / previous))
            previous = bar.close
        }
        return returns
    }

    /// The log returns of every symbol of a correlated market run for `bars` bars, per symbol.
    static func of(_ market: CorrelatedMarket, seed: UInt64, bars: Int) -> [[Double]] {
        var market = market
        var choices = SeededChoices(seed: seed)
        var row = market.generators.map { Bar(time: $0.time, open: 0, high: 0, low: 0, close: $0.lastClose, volume: 0) }
        var previous = row.map(\.close)
        var returns = [[Double]](repeating: [], count: market.count)
        for _ in 0..<bars {
            market.next(into: &row, conditions: { _ in .calm }, extraLogDrift: { _ in 0 }, choices: &choices)
            for i in row.indices {
                returns[i].append(log(row[i].close / previous[i]))
                previous[i] = row[i].close
            }
        }
        return returns
    }
}
