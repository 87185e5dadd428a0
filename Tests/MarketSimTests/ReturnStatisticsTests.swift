import MarketSim
import Testing

@Suite struct ReturnStatisticsTests {
    @Test func momentsOfKnownSeries() {
        let stats = ReturnStatistics([1, 2, 3, 4, 5])
        #expect(stats.mean == 3 && stats.variance == 2.5 && stats.count == 5)
        // ±1 with equal weight: m₄/m₂² = 1, so the excess kurtosis is −2.
        #expect(abs(ReturnStatistics([1, -1, 1, -1]).excessKurtosis + 2) < 1e-12)
        // One outlier among 99 zeros, a Bernoulli(p = 0.01): excess kurtosis (1 − 6p(1 − p))/(p(1 − p)) = 95.01.
        var spike = [Double](repeating: 0, count: 99)
        spike.append(1)
        #expect(abs(ReturnStatistics(spike).excessKurtosis - (1 - 6 * 0.0099) / 0.0099) < 1e-9)
        #expect(ReturnStatistics([]).variance == 0 && ReturnStatistics([7]).mean == 7)
        #expect(ReturnStatistics([2, 2, 2]).excessKurtosis == 0)
    }

    @Test func autocorrelations() {
        let alternating = (0..<1000).map { $0 % 2 == 0 ? 1.0 : -1.0 }
        let stats = ReturnStatistics(alternating)
        #expect(abs(stats.autocorrelation(lag: 1) + 0.999) < 1e-9)
        #expect(abs(stats.autocorrelation(lag: 2) - 0.998) < 1e-9)
        #expect(stats.absoluteAutocorrelation(lag: 1) == 0, "|r| is constant")
        #expect(stats.autocorrelation(lag: 0) == 1 && stats.autocorrelation(lag: 5000) == 0)
        #expect(ReturnStatistics.correlation([1, 2, 3], [2, 4, 6]) == 1)
        #expect(ReturnStatistics.correlation([1, 2, 3], [3, 2, 1]) == -1)
        #expect(ReturnStatistics.correlation([1, 2, 3], [5, 5, 5]) == 0)
    }

    @Test func volatilityScalesWithTheSquareRootOfTime() {
        let stats = ReturnStatistics([0.01, -0.01, 0.01, -0.01])
        let daily = stats.scaledVolatility(barInterval: .minutes(1), horizon: .days(1))
        #expect(abs(daily / stats.standardDeviation - 1440.0.squareRoot()) < 1e-9)
    }
}
