import MarketSim
import PropertyCheck

extension MarketGen {
    /// A transformer of any kind for a market of `bars` bars and `symbols` symbols, its window
    /// inside the market, shrinking toward the first kind (a flash crash) with the mildest
    /// parameters and the earliest, shortest window. Data corruption (2–30% of bars, every kind)
    /// is drawn only when `corruption` is set (it must come last); a correlation breakdown only for
    /// two symbols or more.
    public static func transformer(bars: Int, symbols: Int, corruption: Bool = true) -> Gen<Transformer> {
        let lastBar = max(0, bars - 1)
        let start = Gen.int(in: 0...lastBar)
        let length = Gen.int(in: 1...max(1, min(bars, 60)))
        let percent = Gen.int(in: 1...99)
        let multiple = Gen.int(in: 1...25)
        var kinds = 5
        if symbols >= 2 { kinds += 1 }
        if corruption { kinds += 1 }
        let kind = Gen.int(in: 0...(kinds - 1))
        let hasBreakdown = symbols >= 2
        return Gen { s throws(Rejection) in
            // The same draws for every kind, so that lowering the kind keeps the later draws.
            let k = try s.draw(kind)
            let first = try s.draw(start)
            let span = try s.draw(length)
            let second = try s.draw(length)
            let fraction = Double(try s.draw(percent)) / 100
            let factor = Double(try s.draw(multiple))
            do {
                switch k {
                case 0:
                    return .flashCrash(
                        try FlashCrash(
                            dropFraction: fraction, startBar: first, durationBars: span, recoveryBars: second,
                            retraceFraction: Double(second % 101) / 100))
                case 1: return .volatilitySpike(try VolatilitySpike(multiplier: factor, startBar: first, durationBars: span))
                case 2: return .liquidityDrop(try LiquidityDrop(dropFraction: fraction, startBar: first, durationBars: span))
                case 3: return .spreadExplosion(try SpreadExplosion(multiplier: factor, startBar: first, durationBars: span))
                case 4:
                    return .pumpAndDump(
                        try PumpAndDump(
                            riseFraction: fraction, collapseFraction: fraction * 0.9, startBar: first,
                            riseBars: span, holdBars: second - 1, collapseBars: span))
                case 5 where hasBreakdown && bars >= symbols + 2:
                    // Decorrelating needs more bars in the window than moving series.
                    let method: CorrelationBreakdown.Method = second % 2 == 0 ? .flip(seriesIndices: [1]) : .decorrelate(strength: fraction)
                    let window = max(symbols + 2, span)
                    return .correlationBreakdown(
                        try CorrelationBreakdown(
                            method: method, startBar: min(first, bars - window),
                            durationBars: min(window, bars)))
                case 5 where hasBreakdown:
                    return .volatilitySpike(try VolatilitySpike(multiplier: factor, startBar: first, durationBars: span))
                default:
                    return .dataCorruption(try DataCorruption(share: 0.02 + 0.28 * fraction))
                }
            } catch {
                fatalError("MarketGen drew invalid transformer parameters: \(error)")
            }
        }
    }

    /// `scenario`'s scenarios with 0…`maxTransformers` transformers appended (shrinking to none),
    /// their windows inside the scenario's bars; data corruption only as the last. Two or more are
    /// sometimes wrapped in one ``Mixed`` (the same order), so the composed kind is reached too.
    public static func transformed(_ scenario: Gen<CrashScenario>, maxTransformers: Int = 2) -> Gen<CrashScenario> {
        let count = Gen.int(in: 0...max(0, maxTransformers))
        let wrap = Gen.bool(probability: 0.3)
        return Gen { s throws(Rejection) in
            var drawn = try s.draw(scenario)
            let bars = drawn.barsPerPhase.reduce(0, +)
            let n = try s.draw(count)
            var list: [Transformer] = []
            for i in 0..<n {
                list.append(try s.draw(transformer(bars: bars, symbols: drawn.symbols.count, corruption: i == n - 1)))
            }
            if list.count >= 2, try s.draw(wrap) {
                do { list = [.mixed(try Mixed(list))] } catch { fatalError("MarketGen drew an invalid mix: \(error)") }
            }
            drawn.transformers += list
            return drawn
        }
    }
}
