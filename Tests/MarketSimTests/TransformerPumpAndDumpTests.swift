import Foundation
import MarketSim
import Testing

@Suite struct TransformerPumpAndDumpTests {
    typealias F = TransformerFixtures

    /// On the calm path (drift −6e-7 a bar): the peak is `rise` above the pre-pump close at the
    /// last rise bar, held through the hold (both to 1e-4 relative), the collapse ends `collapse`
    /// below the peak (to 1e-4), and the highest close is the peak bar's.
    @Test(arguments: [(1.0, 0.6, 30, 10, 5), (0.5, 0.9, 1, 0, 1), (3.0, 0.25, 10, 40, 20)])
    func peakHoldAndCollapse(rise: Double, collapse: Double, riseBars: Int, hold: Int, collapseBars: Int) throws {
        let series = try F.calmSeries()
        let t = try PumpAndDump(
            riseFraction: rise, collapseFraction: collapse, startBar: 100, riseBars: riseBars,
            holdBars: hold, collapseBars: collapseBars)
        var choices = CalmChoices()
        let out = try t.apply(to: series, choices: &choices).series
        let closes = out.closes
        let before = closes[99]
        #expect(t.peakBar == 100 + riseBars - 1)
        for j in t.peakBar..<(t.peakBar + hold + 1) { #expect(abs(closes[j] / before / (1 + rise) - 1) < 1e-4) }
        #expect(abs(closes[t.collapseEndBar] / closes[t.peakBar] - (1 - collapse)) < 1e-4)
        #expect(closes.indices.max { closes[$0] < closes[$1] } == t.peakBar)
        for j in 100...t.collapseEndBar { #expect(out.bars[j].volume == series.bars[j].volume * 3) }
        #expect(out.bars[t.collapseEndBar + 1].volume == series.bars[t.collapseEndBar + 1].volume)
    }

    /// On a noisy path the factor is exact (to 1e-12) and every bar consistent.
    @Test func exactOverlayOnANoisyPath() throws {
        let series = try F.series(seed: 8)
        let t = try PumpAndDump(riseFraction: 2, collapseFraction: 0.8, startBar: 10, riseBars: 50, holdBars: 20, collapseBars: 5)
        var choices = SeededChoices(seed: 1)
        let out = try t.apply(to: series, choices: &choices).series
        for j in series.bars.indices {
            #expect(abs(out.bars[j].close / series.bars[j].close - exp(t.logFactor(atBar: j))) < 1e-12)
            #expect(F.inconsistency(out.bars[j]) == nil)
        }
        #expect(abs(out.bars[84].close / series.bars[84].close - 3 * 0.2) < 1e-12)
    }

    @Test func invalidParametersNameTheParameter() {
        func named(rise: Double = 1, collapse: Double = 0.5, riseBars: Int = 5, hold: Int = 0, collapseBars: Int = 5) -> String? {
            F.parameterNamed { () throws(ParameterError) in
                _ = try PumpAndDump(
                    riseFraction: rise, collapseFraction: collapse, startBar: 0, riseBars: riseBars,
                    holdBars: hold, collapseBars: collapseBars)
            }
        }
        #expect(named(rise: -0.1) == "riseFraction")
        #expect(named(rise: .infinity) == "riseFraction")
        #expect(named(collapse: 1) == "collapseFraction")
        #expect(named(collapse: .nan) == "collapseFraction")
        #expect(named(riseBars: 0) == "riseBars")
        #expect(named(hold: -1) == "holdBars")
        #expect(named(collapseBars: 0) == "collapseBars")
        #expect(named() == nil)
    }
}
