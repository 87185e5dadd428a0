import Foundation
import MarketSim
import Testing

@Suite struct TransformerDataCorruptionTests {
    typealias F = TransformerFixtures
    typealias D = DataCorruption

    /// The zero choice is calm: with `CalmChoices` any share below 1 corrupts nothing, and the
    /// series comes back bit for bit.
    @Test(arguments: [0.0, 0.1, 0.5, 0.999])
    func calmChoicesCorruptNothing(share: Double) throws {
        let series = try F.series(seed: 1)
        var choices = CalmChoices()
        let result = try D(share: share).apply(to: series, choices: &choices)
        #expect(result.corruptions.isEmpty)
        #expect(F.fingerprint(result.series) == F.fingerprint(series))
    }

    /// A share of 1 forces a corruption at every bar the spacing allows, of the first kind.
    @Test func shareOneForcesTheFirstKind() throws {
        let series = try F.series(seed: 2, bars: 30)
        var choices = CalmChoices()
        let result = try D(share: 1, kinds: [.zeroVolume, .gap]).apply(to: series, choices: &choices)
        #expect(result.corruptions.map(\.barIndex) == Array(stride(from: 1, to: 30, by: 3)))
        #expect(result.corruptions.allSatisfy { $0.kind == .zeroVolume })
        #expect(result.corruptions.allSatisfy { result.series.bars[$0.barIndex].volume == 0 })
    }

    /// Every injected corruption shows at its bar as documented, bars never carry two, and no
    /// other bar shows any of the kinds (apart from the documented companions: the spike's
    /// reversal at the next bar, the returns next to a NaN close, open or close outside low…high
    /// at a high-below-low bar). Many seeds, all kinds, a high share.
    @Test(arguments: Array(UInt64(1)...40))
    func everyCorruptionShowsAtItsBarAndNowhereElse(seed: UInt64) throws {
        let series = try F.series(seed: 100 + seed, bars: 800)
        var choices = SeededChoices(seed: seed)
        let result = try D(share: 0.3).apply(to: series, choices: &choices)
        #expect(Set(result.corruptions.map(\.kind)).count >= 6, "seed \(seed) used few kinds")
        Self.expectExact(result, from: series)
    }

    /// The timestamp kinds at full share (a third of all steps changed) leave the median step the
    /// series' own, so every gap is still 10 median steps and every other step ordinary.
    @Test(arguments: [[DataFaultKind.gap], [.duplicateTimestamp], [.outOfOrderTimestamp], [.gap, .outOfOrderTimestamp, .duplicateTimestamp]])
    func timestampKindsAtFullShare(kinds: [DataFaultKind]) throws {
        let series = try F.series(seed: 9, bars: 400)
        var choices = SeededChoices(seed: 9)
        let result = try D(share: 1, kinds: kinds).apply(to: series, choices: &choices)
        #expect(result.corruptions.count == 133)
        Self.expectExact(result, from: series)
    }

    /// The injected share: about `share` of the candidate bars less what the placement rules drop.
    @Test func injectedShareIsNearTheShare() throws {
        let series = try F.series(seed: 3, bars: 5001)
        var choices = SeededChoices(seed: 3)
        let result = try D(share: 0.1).apply(to: series, choices: &choices)
        let share = Double(result.corruptions.count) / 5000
        #expect(share > 0.06 && share <= 0.1, "injected share \(share)")
    }

    @Test func sameSeedSameCorruption() throws {
        let series = try F.series(seed: 4)
        var a = SeededChoices(seed: 77)
        var b = SeededChoices(seed: 77)
        var c = SeededChoices(seed: 78)
        let corruption = try D(share: 0.2)
        let (x, y, z) = (
            try corruption.apply(to: series, choices: &a), try corruption.apply(to: series, choices: &b),
            try corruption.apply(to: series, choices: &c)
        )
        #expect(F.fingerprint(x.series) == F.fingerprint(y.series) && x.corruptions == y.corruptions)
        #expect(F.fingerprint(x.series) != F.fingerprint(z.series))
    }

    /// Only the intended NaN is non-finite; nothing else in the output is NaN or infinite.
    @Test func onlyTheIntendedNaNIsNotFinite() throws {
        let series = try F.series(seed: 5, bars: 2000)
        var choices = SeededChoices(seed: 5)
        let result = try D(share: 0.5).apply(to: series, choices: &choices)
        let nanBars = Set(result.corruptions.filter { $0.kind == .notANumber }.map(\.barIndex))
        #expect(!nanBars.isEmpty)
        for (j, bar) in result.series.bars.enumerated() {
            let fields = [bar.open, bar.high, bar.low, bar.close, bar.volume, bar.spreadBps, bar.liquidity]
            #expect(fields.filter { !$0.isFinite }.count == (nanBars.contains(j) ? 1 : 0))
            #expect(!fields.contains(.infinity) && !fields.contains(-.infinity))
        }
    }

    /// A spike is measured against a calm series too (σ ≈ 0): the least spike applies, in the
    /// direction of the recent mean (down: the calm path drifts by −σ²/2).
    @Test func spikeOnTheCalmPath() throws {
        let series = try F.calmSeries(bars: 60)
        var choices = CalmChoices()
        let result = try D(share: 1, kinds: [.spike]).apply(to: series, choices: &choices)
        #expect(result.corruptions.map(\.barIndex) == [21, 43])
        let r = result.series.bars[21].logReturn(from: result.series.bars[20])
        #expect(r < -0.01)
    }

    @Test func invalidParametersAndUncleanInput() throws {
        #expect(F.parameterNamed { () throws(ParameterError) in _ = try D(share: 1.5) } == "share")
        #expect(F.parameterNamed { () throws(ParameterError) in _ = try D(share: -0.1) } == "share")
        #expect(F.parameterNamed { () throws(ParameterError) in _ = try D(share: .nan) } == "share")
        #expect(F.parameterNamed { () throws(ParameterError) in _ = try D(share: 0.1, kinds: []) } == "kinds (count)")
        #expect(F.parameterNamed { () throws(ParameterError) in _ = try D(share: 0.1, kinds: [.gap, .infinite]) } == "kinds[1]")
        var series = try F.series(seed: 6, bars: 20)
        series.bars[7].close = .nan
        var choices = CalmChoices()
        #expect(F.parameterNamed { () throws(ParameterError) in _ = try D(share: 0.1).apply(to: series, choices: &choices) } == "bars[7].close")
        series = try F.series(seed: 6, bars: 20)
        series.bars[9].time = series.bars[8].time
        #expect(F.parameterNamed { () throws(ParameterError) in _ = try D(share: 0.1).apply(to: series, choices: &choices) } == "bars[9].time (ns)")
    }

    // MARK: - A reference reading of the documented conditions (not the validator)

    /// Checks the documented conditions on `result`, with the median step measured on the
    /// corrupted series itself, as a validator would.
    static func expectExact(_ result: TransformResult, from series: BarSeries, sourceLocation: SourceLocation = #_sourceLocation) {
        let bars = result.series.bars
        #expect(bars.count == series.bars.count, sourceLocation: sourceLocation)
        let injected = Dictionary(uniqueKeysWithValues: result.corruptions.map { ($0.barIndex, $0.kind) })
        let indices = result.corruptions.map(\.barIndex)
        #expect(indices == indices.sorted(), sourceLocation: sourceLocation)
        #expect(zip(indices.dropFirst(), indices).allSatisfy { $0 - $1 >= D.minimumSpacingBars }, sourceLocation: sourceLocation)
        let steps = zip(bars.dropFirst(), bars).map { $0.time.nanoseconds - $1.time.nanoseconds }.sorted()
        let median = steps[steps.count / 2]
        #expect(median == 60_000_000_000, sourceLocation: sourceLocation)
        for i in bars.indices {
            let shown = kindsShown(at: i, in: bars, medianStep: median)
            if let kind = injected[i] {
                #expect(shown == [kind], "bar \(i): injected \(kind), shows \(shown)", sourceLocation: sourceLocation)
            } else {
                #expect(shown.isEmpty, "bar \(i): nothing injected, shows \(shown)", sourceLocation: sourceLocation)
            }
        }
        // The independent validator, run on the corrupted series, reports each injected fault at
        // its bar.
        let report = DataValidator.validate(result.series)
        for corruption in result.corruptions {
            #expect(
                report.faults.contains { corruption.isReported(by: $0) },
                "the validator does not report \(corruption); it reports \(report.faults.filter { $0.barIndex == corruption.barIndex })",
                sourceLocation: sourceLocation)
        }
    }

    /// The kinds that bar `i` shows under the documented conditions: NaN in any field; spike =
    /// log return at least 19.9σ from the mean of the 20 returns before it (only when those are
    /// finite and bar i−1 is clean); duplicate; gap ≥ 10 median steps; time before the previous
    /// bar's; low ≤ 0 (or any price); high < low; zero volume.
    static func kindsShown(at i: Int, in bars: [Bar], medianStep: Int64) -> Set<DataFaultKind> {
        let bar = bars[i]
        var shown: Set<DataFaultKind> = []
        let fields = [bar.open, bar.high, bar.low, bar.close, bar.volume]
        if fields.contains(where: \.isNaN) { shown.insert(.notANumber) }
        if [bar.open, bar.high, bar.low, bar.close].contains(where: { $0 <= 0 }) { shown.insert(.nonPositivePrice) }
        if bar.high < bar.low { shown.insert(.highBelowLow) }
        if bar.volume == 0 { shown.insert(.zeroVolume) }
        guard i > 0 else { return shown }
        let step = bar.time.nanoseconds - bars[i - 1].time.nanoseconds
        if step == 0 { shown.insert(.duplicateTimestamp) }
        if step < 0 { shown.insert(.outOfOrderTimestamp) }
        if step >= DataCorruption.gapSteps * medianStep { shown.insert(.gap) }
        let w = DataCorruption.spikeWindowReturns
        if i > w {
            let recent = ((i - w)..<i).map { bars[$0].logReturn(from: bars[$0 - 1]) }
            let r = bar.logReturn(from: bars[i - 1])
            if recent.allSatisfy(\.isFinite), r.isFinite {
                let sigma = TransformerFixtures.standardDeviation(recent)
                let mean = TransformerFixtures.mean(recent)
                let threshold = max(19.9 * sigma, 0.0099)
                if abs(r - mean) >= threshold, abs(r) >= threshold { shown.insert(.spike) }
            }
        }
        return shown
    }
}
