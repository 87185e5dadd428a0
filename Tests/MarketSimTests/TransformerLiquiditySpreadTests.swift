import MarketSim
import Testing

@Suite struct TransformerLiquiditySpreadTests {
    typealias F = TransformerFixtures

    /// Liquidity × (1 − drop) and spread ÷ (1 − drop), exactly, inside the window only; prices,
    /// volume and time untouched.
    @Test(arguments: [0.5, 0.9, 0.0, 0.98])
    func liquidityDropMultipliesExactly(drop: Double) throws {
        let series = try F.series(seed: 3)
        let t = try LiquidityDrop(dropFraction: drop, startBar: 100, durationBars: 50)
        var choices = SeededChoices(seed: 9)
        let out = try t.apply(to: series, choices: &choices).series
        #expect(t.spreadMultiplier == 1 / (1 - drop))
        for j in series.bars.indices {
            var (a, b) = (series.bars[j], out.bars[j])
            if (100..<150).contains(j) {
                #expect(b.liquidity == a.liquidity * (1 - drop))
                #expect(b.spreadBps == a.spreadBps * (1 / (1 - drop)))
            }
            (a.liquidity, a.spreadBps) = (b.liquidity, b.spreadBps)
            #expect(a == b)
        }
        #expect(out.bars[..<100] == series.bars[..<100] && out.bars[150...] == series.bars[150...])
    }

    @Test(arguments: [1.0, 25.0, 28.0])
    func spreadExplosionMultipliesExactly(multiplier: Double) throws {
        let series = try F.series(seed: 4)
        let t = try SpreadExplosion(multiplier: multiplier, startBar: 590, durationBars: 30)
        var choices = CalmChoices()
        let out = try t.apply(to: series, choices: &choices).series
        for j in series.bars.indices {
            var (a, b) = (series.bars[j], out.bars[j])
            #expect(b.spreadBps == (j >= 590 ? a.spreadBps * multiplier : a.spreadBps))
            a.spreadBps = b.spreadBps
            #expect(a == b)
        }
    }

    @Test func invalidParametersNameTheParameter() throws {
        #expect(F.parameterNamed { () throws(ParameterError) in _ = try LiquidityDrop(dropFraction: 1, startBar: 0, durationBars: 1) } == "dropFraction")
        #expect(F.parameterNamed { () throws(ParameterError) in _ = try LiquidityDrop(dropFraction: -0.2, startBar: 0, durationBars: 1) } == "dropFraction")
        #expect(F.parameterNamed { () throws(ParameterError) in _ = try LiquidityDrop(dropFraction: 0.5, startBar: 0, durationBars: 0) } == "durationBars")
        #expect(F.parameterNamed { () throws(ParameterError) in _ = try SpreadExplosion(multiplier: 0.9, startBar: 0, durationBars: 1) } == "multiplier")
        #expect(F.parameterNamed { () throws(ParameterError) in _ = try SpreadExplosion(multiplier: .nan, startBar: 0, durationBars: 1) } == "multiplier")
        #expect(F.parameterNamed { () throws(ParameterError) in _ = try SpreadExplosion(multiplier: 2, startBar: -5, durationBars: 1) } == "startBar")
        let series = try F.series(seed: 1, bars: 10)
        var choices = CalmChoices()
        #expect(
            F.parameterNamed { () throws(ParameterError) in
                _ = try SpreadExplosion(multiplier: 2, startBar: 10, durationBars: 1).apply(to: series, choices: &choices)
            } == "startBar")
    }
}
