import MarketSim
import Testing

/// Properties over many seeds and parameter draws: OHLC consistency, determinism, and that
/// transformers which draw nothing ignore their choices.
@Suite struct TransformerPropertyTests {
    typealias F = TransformerFixtures
    static let bars = 300

    /// A transformer other than data corruption, with parameters drawn from `choices`.
    static func drawTransformer(_ c: inout SeededChoices, depth: Int = 0) throws -> Transformer {
        func bar() -> Int { c.index(below: bars) }
        func length() -> Int { 1 + c.index(below: bars) }
        func fraction(below top: Double) -> Double { c.fraction() * top }
        switch c.index(below: depth == 0 ? 6 : 5) {
        case 0:
            return .flashCrash(
                try FlashCrash(
                    dropFraction: fraction(below: 0.99), startBar: bar(), durationBars: length(),
                    recoveryBars: length(), retraceFraction: c.fraction(),
                    volumeMultiplier: 1 + fraction(below: 20), spreadMultiplier: 1 + fraction(below: 50),
                    liquidityDrop: fraction(below: 0.99)))
        case 1:
            return .volatilitySpike(try VolatilitySpike(multiplier: 1 + fraction(below: 19), startBar: bar(), durationBars: length()))
        case 2:
            return .liquidityDrop(try LiquidityDrop(dropFraction: fraction(below: 0.999), startBar: bar(), durationBars: length()))
        case 3:
            return .spreadExplosion(try SpreadExplosion(multiplier: 1 + fraction(below: 100), startBar: bar(), durationBars: length()))
        case 4:
            return .pumpAndDump(
                try PumpAndDump(
                    riseFraction: fraction(below: 5), collapseFraction: fraction(below: 0.95),
                    startBar: bar(), riseBars: length(), holdBars: bar(), collapseBars: length(),
                    volumeMultiplier: 1 + fraction(below: 10)))
        default:
            let count = 1 + c.index(below: 4)
            return .mixed(try Mixed((0..<count).map { _ in try drawTransformer(&c, depth: depth + 1) }))
        }
    }

    @Test(arguments: Array(UInt64(1)...60))
    func everyBarStaysConsistent(seed: UInt64) throws {
        let series = try F.series(seed: seed, bars: Self.bars)
        var draw = SeededChoices(seed: seed &* 7919)
        for _ in 0..<5 {
            let t = try Self.drawTransformer(&draw)
            var choices = SeededChoices(seed: seed)
            let out = try t.apply(to: series, choices: &choices)
            #expect(out.series.bars.count == series.bars.count && out.corruptions.isEmpty)
            #expect(out.series.bars.map(\.time) == series.bars.map(\.time))
            for (j, bar) in out.series.bars.enumerated() {
                if let broken = F.inconsistency(bar) { Issue.record("seed \(seed), \(t), bar \(j): \(broken)") }
            }
        }
    }

    /// Same inputs and seed give a bit-identical series; the transformers that draw nothing give
    /// it for any choices at all.
    @Test(arguments: Array(UInt64(1)...20))
    func deterministic(seed: UInt64) throws {
        let series = try F.series(seed: seed, bars: Self.bars)
        var draw = SeededChoices(seed: seed)
        let t = try Self.drawTransformer(&draw)
        var a = SeededChoices(seed: seed)
        var b = SeededChoices(seed: seed)
        var calm = CalmChoices()
        var other = SeededChoices(seed: seed + 1000)
        let first = F.fingerprint(try t.apply(to: series, choices: &a).series)
        #expect(first == F.fingerprint(try t.apply(to: series, choices: &b).series))
        #expect(first == F.fingerprint(try t.apply(to: series, choices: &calm).series))
        #expect(first == F.fingerprint(try t.apply(to: series, choices: &other).series))

        let corruption = Transformer.mixed(try Mixed([t, .dataCorruption(try DataCorruption(share: 0.2))]))
        var c = SeededChoices(seed: seed)
        var d = SeededChoices(seed: seed)
        let (x, y) = (try corruption.apply(to: series, choices: &c), try corruption.apply(to: series, choices: &d))
        #expect(F.fingerprint(x.series) == F.fingerprint(y.series) && x.corruptions == y.corruptions)
    }

    /// Correlation breakdowns over random windows, methods and correlations (including +1 and
    /// negative) keep every bar consistent and the bar times as they were.
    @Test(arguments: Array(UInt64(1)...30))
    func breakdownKeepsEveryBarConsistent(seed: UInt64) throws {
        var draw = SeededChoices(seed: seed)
        let count = 2 + draw.index(below: 4)
        let rho = [1, 0.95, 0.5, 0, -0.2][draw.index(below: 5)] * (count > 2 ? 1 : -1)
        let market = try F.market(seed: seed, count: count, rho: max(rho, -1 / Double(count - 1)), bars: Self.bars)
        let start = draw.index(below: Self.bars - count - 2)
        let duration = count + 1 + draw.index(below: Self.bars)
        let method: CorrelationBreakdown.Method =
            draw.happens(probability: 0.5)
            ? .decorrelate(strength: 1 - draw.fraction())
            : .flip(seriesIndices: (0..<(count - 1)).filter { _ in draw.happens(probability: 0.5) } + [count - 1])
        let t = try CorrelationBreakdown(method: method, startBar: start, durationBars: duration)
        var choices = SeededChoices(seed: seed)
        let out = try t.apply(to: market, choices: &choices).market
        for (s, series) in out.enumerated() {
            #expect(series.bars.map(\.time) == market[s].bars.map(\.time))
            for (j, bar) in series.bars.enumerated() {
                if let broken = F.inconsistency(bar) { Issue.record("seed \(seed), \(t), series \(s) bar \(j): \(broken)") }
            }
        }
    }

    @Test func marketsAreDeterministicToo() throws {
        let market = try F.market(seed: 4, count: 3)
        let t = try CorrelationBreakdown(method: .decorrelate(strength: 0.7), startBar: 50, durationBars: 400)
        var a = CalmChoices()
        var b = SeededChoices(seed: 3)
        #expect(F.fingerprint(try t.apply(to: market, choices: &a).market) == F.fingerprint(try t.apply(to: market, choices: &b).market))
    }
}
