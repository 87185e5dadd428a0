import Foundation
import MarketSim
import Testing

@Suite struct TransformerFlashCrashTests {
    typealias F = TransformerFixtures

    /// On the calm path (drift only, −σ²/2 per bar ≈ −6e-7), the trough is `drop` below the
    /// pre-crash close to within 1e-4 (relative), at bar start + duration − 1, and the recovery
    /// retraces the stated share to within 1e-3.
    @Test(arguments: [(0.3, 15, 20, 1.0), (0.5, 4, 30, 0.6), (0.05, 1, 1, 0.1), (0.9, 60, 10, 0.25)])
    func troughAndRecoveryOnTheCalmPath(drop: Double, duration: Int, recovery: Int, retrace: Double) throws {
        let series = try F.calmSeries()
        let crash = try FlashCrash(
            dropFraction: drop, startBar: 100, durationBars: duration, recoveryBars: recovery,
            retraceFraction: retrace)
        var choices = CalmChoices()
        let out = try crash.apply(to: series, choices: &choices).series
        let closes = out.closes
        let before = closes[99]
        let troughBar = 100 + duration - 1
        let minimum = closes.indices.min { closes[$0] < closes[$1] }
        #expect(minimum == troughBar)
        #expect(abs(closes[troughBar] / before - (1 - drop)) < 1e-4)
        let end = closes[troughBar + recovery]
        let retraced = (end - closes[troughBar]) / (before - closes[troughBar])
        #expect(abs(retraced - retrace) < 1e-3, "retraced \(retraced), expected \(retrace)")
    }

    /// On a noisy path the crash is an exact overlay: each close is the original close times the
    /// stated factor (to 1e-12), the trough factor is exactly 1 − drop, and with full retrace
    /// every bar after the recovery is bit for bit the original.
    @Test(arguments: [UInt64(1), 2, 3])
    func exactOverlayOnANoisyPath(seed: UInt64) throws {
        let series = try F.series(seed: seed)
        let crash = try FlashCrash(dropFraction: 0.3, startBar: 200, durationBars: 15, recoveryBars: 20)
        var choices = SeededChoices(seed: seed)
        let out = try crash.apply(to: series, choices: &choices).series
        for j in series.bars.indices {
            let ratio = out.bars[j].close / series.bars[j].close
            #expect(abs(ratio - exp(crash.logFactor(atBar: j))) < 1e-12)
        }
        #expect(abs(out.bars[214].close / series.bars[214].close - 0.7) < 1e-12)
        #expect(out.bars[..<200] == series.bars[..<200])
        #expect(out.bars[235...] == series.bars[235...])
    }

    /// Volume up, spread up, liquidity down, exactly by the intensity of the documented schedule.
    @Test func marketFieldsFollowTheIntensity() throws {
        let series = try F.series(seed: 4)
        let crash = try FlashCrash(
            dropFraction: 0.3, startBar: 50, durationBars: 10, recoveryBars: 4,
            volumeMultiplier: 6, spreadMultiplier: 25, liquidityDrop: 0.9)
        var choices = CalmChoices()
        let out = try crash.apply(to: series, choices: &choices).series
        let expected: [Double] = Array(repeating: 1, count: 10) + [0.8, 0.6, 0.4, 0.2]
        for (k, w) in expected.enumerated() {
            let (a, b) = (series.bars[50 + k], out.bars[50 + k])
            #expect(crash.intensity(atBar: 50 + k) == w)
            #expect(abs(b.volume / a.volume - (1 + 5 * w)) < 1e-12)
            #expect(abs(b.spreadBps / a.spreadBps - (1 + 24 * w)) < 1e-12)
            #expect(abs(b.liquidity / a.liquidity - (1 - 0.9 * w)) < 1e-12)
        }
        #expect(out.bars[64].volume == series.bars[64].volume)
        #expect(out.bars[49].spreadBps == series.bars[49].spreadBps)
    }

    @Test func windowPastTheEndIsCut() throws {
        let series = try F.series(seed: 5, bars: 100)
        let crash = try FlashCrash(dropFraction: 0.2, startBar: 95, durationBars: 15, recoveryBars: 20)
        var choices = CalmChoices()
        let out = try crash.apply(to: series, choices: &choices).series
        #expect(out.bars.count == 100)
        #expect(out.bars.allSatisfy { F.inconsistency($0) == nil })
    }

    /// Only the bars a crash changes are checked: after a full retrace a bad bar far away is left
    /// alone; with a lasting level shift it is refused, naming the bar.
    @Test func checksOnlyWhatItTouches() throws {
        var series = try F.series(seed: 6)
        series.bars[500].close = .nan
        var choices = CalmChoices()
        let full = try FlashCrash(dropFraction: 0.3, startBar: 200, durationBars: 15, recoveryBars: 20)
        #expect(try full.apply(to: series, choices: &choices).series.bars[500].close.isNaN)
        let partial = try FlashCrash(dropFraction: 0.3, startBar: 200, durationBars: 15, recoveryBars: 20, retraceFraction: 0.5)
        #expect(F.parameterNamed { () throws(ParameterError) in _ = try partial.apply(to: series, choices: &choices) } == "bars[500].close")
    }

    @Test func invalidParametersNameTheParameter() throws {
        func named(_ drop: Double = 0.3, start: Int = 0, duration: Int = 5, recovery: Int = 5, retrace: Double = 1) -> String? {
            F.parameterNamed { () throws(ParameterError) in
                _ = try FlashCrash(
                    dropFraction: drop, startBar: start, durationBars: duration, recoveryBars: recovery,
                    retraceFraction: retrace)
            }
        }
        #expect(named(1) == "dropFraction")
        #expect(named(1.5) == "dropFraction")
        #expect(named(-0.1) == "dropFraction")
        #expect(named(.nan) == "dropFraction")
        #expect(named(.infinity) == "dropFraction")
        #expect(named(start: -1) == "startBar")
        #expect(named(duration: 0) == "durationBars")
        #expect(named(recovery: -3) == "recoveryBars")
        #expect(named(retrace: 1.01) == "retraceFraction")
        #expect(named() == nil)
        let series = try F.series(seed: 1, bars: 50)
        let late = try FlashCrash(dropFraction: 0.3, startBar: 50, durationBars: 5, recoveryBars: 5)
        var choices = CalmChoices()
        #expect(throws: ParameterError(model: "FlashCrash", parameter: "startBar", value: 50, allowed: "0 ≤ startBar < 50 (the series' bar count)")) {
            try late.apply(to: series, choices: &choices)
        }
    }
}
