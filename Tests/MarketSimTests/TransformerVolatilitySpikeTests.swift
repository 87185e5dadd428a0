import Foundation
import MarketSim
import Testing

@Suite struct TransformerVolatilitySpikeTests {
    typealias F = TransformerFixtures

    /// Within the window the returns' standard deviation is exactly `multiplier` times the
    /// original's (to 1e-9 relative), the mean and the last close are kept, and nothing outside
    /// the window changes.
    @Test(arguments: [(UInt64(1), 5.0), (2, 10.0), (3, 1.0), (4, 15.0)])
    func windowVolatilityIsMultipliedExactly(seed: UInt64, multiplier: Double) throws {
        let series = try F.series(seed: seed)
        let spike = try VolatilitySpike(multiplier: multiplier, startBar: 200, durationBars: 150)
        var choices = CalmChoices()
        let out = try spike.apply(to: series, choices: &choices).series
        let window = 200..<350
        let before = F.returns(series, window)
        let after = F.returns(out, window)
        #expect(abs(F.standardDeviation(after) / F.standardDeviation(before) / multiplier - 1) < 1e-9)
        #expect(abs(F.mean(after) - F.mean(before)) < 1e-12)
        #expect(out.bars[349].close == series.bars[349].close)
        #expect(out.bars[..<200] == series.bars[..<200])
        #expect(out.bars[350...] == series.bars[350...])
    }

    /// Against the series' own calm volatility before the window: over a 2000-bar window the
    /// realized volatility is the multiplier times the 2000 bars before, within ±10%, on five seeds.
    @Test(arguments: [UInt64(11), 12, 13, 14, 15])
    func realizedVolatilityRisesByAboutTheMultiplier(seed: UInt64) throws {
        let series = try F.series(seed: seed, bars: 4001)
        let spike = try VolatilitySpike(multiplier: 8, startBar: 2001, durationBars: 2000)
        var choices = SeededChoices(seed: seed)
        let out = try spike.apply(to: series, choices: &choices).series
        let calm = F.standardDeviation(F.returns(out, 1..<2001))
        let spiked = F.standardDeviation(F.returns(out, 2001..<4001))
        #expect(abs(spiked / calm / 8 - 1) < 0.1, "ratio \(spiked / calm)")
    }

    /// Wicks and open offsets widen with the multiplier, and every bar stays consistent.
    @Test func barsStayConsistent() throws {
        let series = try F.series(seed: 21)
        let spike = try VolatilitySpike(multiplier: 40, startBar: 0, durationBars: 600)
        var choices = CalmChoices()
        let out = try spike.apply(to: series, choices: &choices).series
        for bar in out.bars { #expect(F.inconsistency(bar) == nil) }
        #expect(out.bars[0].open == series.bars[0].open)
    }

    @Test func invalidParametersNameTheParameter() {
        func named(_ k: Double = 5, start: Int = 0, duration: Int = 5) -> String? {
            F.parameterNamed { () throws(ParameterError) in _ = try VolatilitySpike(multiplier: k, startBar: start, durationBars: duration) }
        }
        #expect(named(0.5) == "multiplier")
        #expect(named(.nan) == "multiplier")
        #expect(named(.infinity) == "multiplier")
        #expect(named(start: -1) == "startBar")
        #expect(named(duration: 0) == "durationBars")
        #expect(named() == nil)
    }
}
