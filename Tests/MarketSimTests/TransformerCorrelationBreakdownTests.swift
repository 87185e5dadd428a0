import Foundation
import MarketSim
import Testing

@Suite struct TransformerCorrelationBreakdownTests {
    typealias F = TransformerFixtures
    static let window = 200..<500

    static func correlations(_ market: [BarSeries]) -> [[Double]] {
        let r = market.map { F.returns($0, window) }
        return r.map { a in r.map { b in F.correlation(a, b) } }
    }

    /// Decorrelating multiplies every pairwise correlation of the window by 1 − strength, exactly
    /// (to 1e-9), keeps every series' mean and volatility (to 1e-9 relative) and last close, leaves
    /// the first series and every bar outside the window bit for bit as they were.
    @Test(arguments: [(UInt64(1), 1.0), (2, 0.5), (3, 0.1)])
    func decorrelateScalesCorrelations(seed: UInt64, strength: Double) throws {
        let market = try F.market(seed: seed, count: 4, rho: 0.8)
        let t = try CorrelationBreakdown(method: .decorrelate(strength: strength), startBar: 200, durationBars: 300)
        var choices = CalmChoices()
        let out = try t.apply(to: market, choices: &choices).market
        let (before, after) = (Self.correlations(market), Self.correlations(out))
        for a in 0..<4 {
            for b in 0..<4 where a != b {
                #expect(abs(after[a][b] - (1 - strength) * before[a][b]) < 1e-9, "(\(a), \(b)): \(after[a][b])")
            }
            let (x, y) = (F.returns(market[a], Self.window), F.returns(out[a], Self.window))
            #expect(abs(F.standardDeviation(y) / F.standardDeviation(x) - 1) < 1e-9)
            #expect(abs(F.mean(y) - F.mean(x)) < 1e-12)
            #expect(out[a].bars[499].close == market[a].bars[499].close)
            #expect(out[a].bars[..<200] == market[a].bars[..<200] && out[a].bars[500...] == market[a].bars[500...])
            #expect(out[a].bars.allSatisfy { F.inconsistency($0) == nil })
        }
        #expect(out[0] == market[0])
        #expect(before[0][1] > 0.7)
    }

    /// Perfectly correlated symbols (the same path twice) still come apart, deterministically.
    @Test func perfectlyCorrelatedSymbolsComeApart() throws {
        let market = try F.market(seed: 5, count: 3, rho: 1)
        let t = try CorrelationBreakdown(method: .decorrelate(strength: 1), startBar: 200, durationBars: 300)
        var choices = CalmChoices()
        let out = try t.apply(to: market, choices: &choices).market
        #expect(Self.correlations(market)[0][2] > 0.999_999)
        let after = Self.correlations(out)
        #expect(abs(after[0][1]) < 1e-9 && abs(after[0][2]) < 1e-9 && abs(after[1][2]) < 1e-9)
        #expect(out.allSatisfy { $0.bars.allSatisfy { F.inconsistency($0) == nil } })
    }

    /// Flipping a series negates its correlation with every other series and keeps the others'.
    @Test func flipNegatesAcrossTheGroups() throws {
        let market = try F.market(seed: 6, count: 3, rho: 0.6)
        let t = try CorrelationBreakdown(method: .flip(seriesIndices: [1]), startBar: 200, durationBars: 300)
        var choices = SeededChoices(seed: 1)
        let out = try t.apply(to: market, choices: &choices).market
        let (before, after) = (Self.correlations(market), Self.correlations(out))
        #expect(abs(after[0][1] + before[0][1]) < 1e-9 && abs(after[1][2] + before[1][2]) < 1e-9)
        #expect(after[0][2] == before[0][2])
        #expect(out[0] == market[0] && out[2] == market[2])
        #expect(out[1].bars[499].close == market[1].bars[499].close)
        #expect(out[1].bars.allSatisfy { F.inconsistency($0) == nil })
    }

    @Test func refusesWhatDoesNotFit() throws {
        let market = try F.market(seed: 7, count: 3, bars: 100)
        var choices = CalmChoices()
        let named = { (t: CorrelationBreakdown, m: [BarSeries]) -> String? in
            F.parameterNamed { () throws(ParameterError) in _ = try t.apply(to: m, choices: &choices) }
        }
        let breakdown = try CorrelationBreakdown(method: .decorrelate(strength: 1), startBar: 10, durationBars: 50)
        #expect(named(breakdown, [market[0]]) == "series count")
        #expect(F.parameterNamed { () throws(ParameterError) in _ = try breakdown.apply(to: market[0], choices: &choices) } == "series count")
        #expect(named(try CorrelationBreakdown(method: .decorrelate(strength: 1), startBar: 97, durationBars: 50), market) == "durationBars")
        #expect(named(try CorrelationBreakdown(method: .flip(seriesIndices: [3]), startBar: 0, durationBars: 50), market) == "seriesIndices")
        var short = market
        short[2].bars.removeLast()
        #expect(named(breakdown, short) == "bar count of series 2")
        #expect(
            F.parameterNamed { () throws(ParameterError) in
                _ = try CorrelationBreakdown(method: .decorrelate(strength: 0), startBar: 0, durationBars: 5)
            } == "strength")
        #expect(
            F.parameterNamed { () throws(ParameterError) in
                _ = try CorrelationBreakdown(method: .flip(seriesIndices: [0, 0]), startBar: 0, durationBars: 5)
            } == "seriesIndices[1]")
        #expect(
            F.parameterNamed { () throws(ParameterError) in
                _ = try CorrelationBreakdown(method: .flip(seriesIndices: [0]), startBar: 0, durationBars: 1)
            } == "durationBars")
    }
}
