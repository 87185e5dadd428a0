import MarketSim
@testable import StressRun
import Testing

/// The volatility window keeps its mean and squared deviations as it slides; after every append
/// its standard deviation must equal the two-pass recomputation over the window, through calm
/// returns, a crash's returns entering and leaving, a flat stretch, non-finite returns (skipped)
/// and a window shorter than the run.
@Suite struct ConditionFeedTests {
    @Test(arguments: [2, 5, 60])
    func incrementalVolatilityEqualsARecomputation(capacity: Int) {
        var choices = SeededChoices(seed: UInt64(capacity))
        let calm = (0..<400).map { _ in (Double(choices.choose(upTo: 2_000)) - 1_000) * 1e-6 }
        let crash = (0..<30).map { _ in -0.05 - Double(choices.choose(upTo: 500)) * 1e-3 }
        let flat = [Double](repeating: 0, count: 200)
        let wild = (0..<300).map { _ in (Double(choices.choose(upTo: 2_000)) - 1_000) * 1e-2 }
        let broken: [Double] = [.nan, .infinity, -.infinity]
        var window = ReturnWindow(capacity: capacity)
        for value in calm + crash + calm + broken + flat + crash + flat + wild + calm {
            window.append(value)
            let expected = window.standardDeviationRecomputed
            let error = abs(window.standardDeviation - expected)
            // Relative 1e-9 (calm returns deviate by about 6e-4), and at least 1e-11 absolute,
            // for a window gone flat (a deviation of 1e-11 a bar is no volatility at all).
            let tolerance = max(1e-9 * expected, 1e-11)
            #expect(error <= tolerance, "after \(value): \(window.standardDeviation) against \(expected)")
            if error > tolerance { return }
        }
        #expect(window.count == max(capacity, 2))
    }

    @Test func fewerThanTwoReturnsHaveNoVolatility() {
        var window = ReturnWindow(capacity: 60)
        #expect(window.standardDeviation == 0)
        window.append(0.01)
        #expect(window.standardDeviation == 0)
        window.append(.nan)
        #expect(window.count == 1 && window.standardDeviation == 0)
        window.append(0.03)
        #expect(abs(window.standardDeviation - 0.02.squareRoot() * 0.1) < 1e-15)
    }
}
