import MarketSim
import Testing

@Suite struct TransformerMixedTests {
    typealias F = TransformerFixtures

    static func crash() throws -> FlashCrash { try FlashCrash(dropFraction: 0.3, startBar: 100, durationBars: 15, recoveryBars: 20) }
    static func spike() throws -> VolatilitySpike { try VolatilitySpike(multiplier: 10, startBar: 90, durationBars: 60) }

    /// A mixed list applies its steps first to last: it equals applying them by hand in that
    /// order, and differs from the reverse order (a spike over a crash's fall and recovery scales
    /// the crash's own moves; a crash after a spike does not).
    @Test func stepsApplyFirstToLast() throws {
        let series = try F.series(seed: 1)
        let mixed = try Mixed([.flashCrash(Self.crash()), .volatilitySpike(Self.spike())])
        var choices = CalmChoices()
        let combined = try mixed.apply(to: series, choices: &choices).series
        let byHand = try Self.spike().apply(to: Self.crash().apply(to: series, choices: &choices).series, choices: &choices).series
        let reversed = try Self.crash().apply(to: Self.spike().apply(to: series, choices: &choices).series, choices: &choices).series
        #expect(F.fingerprint(combined) == F.fingerprint(byHand))
        #expect(F.fingerprint(combined) != F.fingerprint(reversed))
        #expect(try Transformer.mixed(mixed).apply(to: series, choices: &choices).series == combined)
    }

    /// Choices are drawn by the steps in order, and the corruption list is the last step's.
    @Test func corruptionLastCarriesItsList() throws {
        let series = try F.series(seed: 2)
        let corruption = try DataCorruption(share: 0.2)
        let mixed = try Mixed([.flashCrash(Self.crash()), .dataCorruption(corruption)])
        var a = SeededChoices(seed: 9)
        var b = SeededChoices(seed: 9)
        let combined = try mixed.apply(to: series, choices: &a)
        let byHand = try corruption.apply(to: Self.crash().apply(to: series, choices: &b).series, choices: &b)
        #expect(F.fingerprint(combined.series) == F.fingerprint(byHand.series))  // NaN ≠ NaN: compare bits
        #expect(combined.corruptions == byHand.corruptions)
        #expect(!combined.corruptions.isEmpty)
    }

    @Test func corruptionMustBeLast() throws {
        let corruption = Transformer.dataCorruption(try DataCorruption(share: 0.1))
        let crash = Transformer.flashCrash(try Self.crash())
        #expect(F.parameterNamed { () throws(ParameterError) in _ = try Mixed([corruption, crash]) } == "steps[0]")
        let nested = Transformer.mixed(try Mixed([crash, corruption]))
        #expect(F.parameterNamed { () throws(ParameterError) in _ = try Mixed([nested, crash]) } == "steps[0]")
        #expect(F.parameterNamed { () throws(ParameterError) in _ = try Mixed([crash, nested]) } == nil)
        #expect(F.parameterNamed { () throws(ParameterError) in _ = try Mixed([]) } == nil)
    }

    /// A market through a mixed list: single-series steps go series by series, the breakdown
    /// takes the market whole.
    @Test func marketThroughAMixedList() throws {
        let market = try F.market(seed: 3, count: 2, rho: 0.9)
        let breakdown = try CorrelationBreakdown(method: .flip(seriesIndices: [0]), startBar: 300, durationBars: 100)
        let explosion = try SpreadExplosion(multiplier: 25, startBar: 0, durationBars: 600)
        let mixed = try Mixed([.flashCrash(Self.crash()), .correlationBreakdown(breakdown), .spreadExplosion(explosion)])
        var choices = CalmChoices()
        let out = try mixed.apply(to: market, choices: &choices)
        var byHand = try Self.crash().apply(to: market, choices: &choices).market
        byHand = try breakdown.apply(to: byHand, choices: &choices).market
        byHand = try explosion.apply(to: byHand, choices: &choices).market
        #expect(out.market == byHand && out.corruptions.isEmpty)
        #expect(F.parameterNamed { () throws(ParameterError) in _ = try mixed.apply(to: market[0], choices: &choices) } == "series count")
    }
}
