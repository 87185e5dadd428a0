import Foundation
import MarketSim
import Testing

@Suite struct DataValidatorTests {
    /// The models of the clean-data property: 80% annual volatility.
    static let models: [PriceModelSpec] = [
        .gbm(drift: 0.05, volatility: 0.8),
        .garch(drift: 0, longRunVolatility: 0.8, alpha: 0.1, beta: 0.85, degreesOfFreedom: 8),
        .garch(drift: 0, longRunVolatility: 0.8, alpha: 0.05, beta: 0.9, degreesOfFreedom: 6),
    ]
    static let seeds: [UInt64] = [1, 2, 3, 0xDEAD_BEEF]

    /// (kind, bar index) of each fault.
    private func found(_ report: ValidationReport) -> [String] {
        report.faults.map { "\($0.kind.rawValue)@\($0.barIndex)" }
    }

    @Test(arguments: models)
    func cleanSimulatedDataReportsNothing(model: PriceModelSpec) throws {
        for seed in Self.seeds {
            let bars = try generatedBars(model, seed: seed, count: 5_000)
            let report = DataValidator.validate(bars, symbol: "SIM")
            #expect(report.isClean, "\(model.name) seed \(seed): \(report)")
            #expect(report.barCount == 5_000)
        }
    }

    @Test func dailyEquityCalendarHasNoGaps() throws {
        // Business days of 2023, with the NYSE holidays: long weekends are 4 days, the median 1.
        let holidays: Set<String> = [
            "2023-01-02", "2023-01-16", "2023-02-20", "2023-04-07", "2023-05-29", "2023-06-19", "2023-07-04",
            "2023-09-04", "2023-11-23", "2023-12-25",
        ]
        var bars: [Bar] = []
        var price = 100.0
        var choices = SeededChoices(seed: 5)
        for day in 0..<365 {
            let time = try utc(2023, 1, 1) + .days(Int64(day))
            let weekday = (time.unixSeconds / 86_400 + 4) % 7  // 1970-01-01 was a Thursday; 0 = Sunday
            let date = String(time.description.prefix(10))
            guard weekday != 0 && weekday != 6 && !holidays.contains(date) else { continue }
            let next = price * exp(0.02 * choices.normalShock())
            bars.append(Bar(time: time, open: price, high: max(price, next) * 1.01, low: min(price, next) * 0.99, close: next, volume: 1e6))
            price = next
        }
        #expect(bars.count == 250)
        #expect(DataValidator.validate(bars, symbol: "SPY").isClean)
    }

    /// Every kind of fault injected at a bar is reported with that kind, at that bar, and nothing else.
    @Test(arguments: DataFaultKind.allCases)
    func injectedFaultIsReportedAtItsBar(kind: DataFaultKind) throws {
        for (seed, model) in zip(Self.seeds, Self.models + Self.models) {
            let clean = try generatedBars(model, seed: seed, count: 2_000)
            for index in [1, 2, 57, 999, 1_998, 1_999] {
                var bars = clean
                inject(kind, at: index, into: &bars)
                let report = DataValidator.validate(bars, symbol: "SIM")
                #expect(found(report) == ["\(kind.rawValue)@\(index)"], "\(model.name) seed \(seed)")
            }
        }
    }

    /// Corrupts `bars[index]` with a fault of `kind` only.
    private func inject(_ kind: DataFaultKind, at index: Int, into bars: inout [Bar]) {
        let interval = bars[1].time - bars[0].time
        switch kind {
        case .notANumber: bars[index].close = .nan
        case .infinite: bars[index].high = .infinity
        case .nonPositivePrice: bars[index].low = -1
        case .highBelowLow: (bars[index].high, bars[index].low) = (bars[index].low, bars[index].high * 1.001)
        case .priceOutsideRange: bars[index].open = bars[index].high * 1.0005
        case .zeroVolume: bars[index].volume = 0
        case .negativeVolume: bars[index].volume = -bars[index].volume
        case .duplicateTimestamp: bars[index].time = bars[index - 1].time
        case .outOfOrderTimestamp: bars[index].time = bars[index - 1].time + SimDuration(nanoseconds: -interval.nanoseconds / 2)
        case .gap:
            for later in index..<bars.count { bars[later].time = bars[later].time + interval * 9 }
        case .spike:
            let factor = index % 2 == 0 ? 1.05 : 1 / 1.05
            bars[index].close *= factor
            bars[index].high = max(bars[index].high, bars[index].close)
            bars[index].low = min(bars[index].low, bars[index].close)
        }
    }

    @Test func aSpikeAndItsReturnAreOneFault() throws {
        let clean = try generatedBars(Self.models[0], seed: 11, count: 1_000)
        // Up and straight back down: one fault, at the spike.
        var bars = clean
        bars[500].close *= 1.2
        bars[500].high = bars[500].close
        #expect(found(DataValidator.validate(bars, symbol: "X")) == ["spike@500"])
        // Up for three bars, then back: the spike at its first bar; the way back is its reversal.
        bars = clean
        for i in 500..<503 {
            for keyPath in [\Bar.open, \Bar.high, \Bar.low, \Bar.close] where !(i == 500 && keyPath == \Bar.open) { bars[i][keyPath: keyPath] *= 1.2 }
        }
        bars[500].low = bars[500].open
        bars[503].open *= 1.2
        bars[503].high = max(bars[503].high, bars[503].open)
        #expect(found(DataValidator.validate(bars, symbol: "X")) == ["spike@500"])
        // A lasting move (a crash that stays): one fault, at the move.
        bars = clean
        for i in 500..<bars.count {
            for keyPath in [\Bar.open, \Bar.high, \Bar.low, \Bar.close] where !(i == 500 && keyPath == \Bar.open) { bars[i][keyPath: keyPath] *= 0.8 }
        }
        bars[500].high = bars[500].open
        #expect(found(DataValidator.validate(bars, symbol: "X")) == ["spike@500"])
    }

    @Test func corruptedBarsDoNotHideSpikes() throws {
        var bars = try generatedBars(Self.models[1], seed: 12, count: 3_000)
        var expected: [String] = []
        // Every 10th bar of one stretch NaN or zero; and spikes all through it.
        for i in stride(from: 1_000, to: 1_400, by: 10) {
            if i % 20 == 0 { bars[i].close = .nan } else { (bars[i].low, bars[i].close) = (0, 0) }
            expected.append(i % 20 == 0 ? "notANumber@\(i)" : "nonPositivePrice@\(i)")
        }
        for i in stride(from: 1_005, to: 1_400, by: 40) {
            bars[i].close *= 1.1
            bars[i].high = bars[i].close
            expected.append("spike@\(i)")
        }
        let report = DataValidator.validate(bars, symbol: "X")
        #expect(Set(found(report)) == Set(expected))
        #expect(report.countsByKind == [.notANumber: 20, .nonPositivePrice: 20, .spike: 10])
    }

    @Test func oneEarlyStampIsOneFault() throws {
        var bars = try generatedBars(Self.models[0], seed: 13, count: 300)
        bars[100].time = bars[0].time  // far back: out of order, and no gap after it
        bars[200].time = bars[199].time + .days(30)  // far ahead: a gap, then the next bar is out of order
        #expect(found(DataValidator.validate(bars, symbol: "X")) == ["outOfOrderTimestamp@100", "gap@200", "outOfOrderTimestamp@201"])
    }

    @Test func faultsCarryLinesAndDetails() throws {
        let loaded = try load(
            """
            Date,Open,High,Low,Close,Volume
            2024-01-02,1,2,1,1.5,10

            2024-01-03,1,0.5,1,1.5,0
            2024-01-03,1,2,1,NaN,10
            """)
        let report = DataValidator.validate(loaded, symbol: "ABC")
        #expect(
            report.faults.map(\.description) == [
                "ABC line 4, bar 1: highBelowLow (high 0.5 < low 1.0)",
                "ABC line 4, bar 1: zeroVolume (volume 0)",
                "ABC line 5, bar 2: notANumber (close is NaN)",
                "ABC line 5, bar 2: duplicateTimestamp (2024-01-03T00:00:00Z again)",
            ])
        #expect(!report.isClean && report.barCount == 3)
        #expect(report.faults(of: .zeroVolume).map(\.line) == [4])
    }

    @Test func reportsOfSeveralSymbolsSortBySymbolThenBar() throws {
        var a = try generatedBars(Self.models[0], seed: 1, count: 100)
        var b = a
        a[50].volume = 0
        b[10].close = .nan
        b[5].volume = -1
        let report = DataValidator.validate([
            BarSeries(symbol: try .init("ZZZ"), bars: a), BarSeries(symbol: try .init("AAA"), bars: b),
        ])
        #expect(report.faults.map { "\($0.symbol) \($0.barIndex)" } == ["AAA 5", "AAA 10", "ZZZ 50"])
        #expect(report.barCount == 200)
        #expect(DataValidator.validate([Bar](), symbol: "E").isClean)
        #expect(DataValidator.validate(Array(a.prefix(1)), symbol: "E").description == "clean (1 bar)")
    }

    /// Whatever the values, validation returns: extreme times, NaN everywhere, huge and tiny prices.
    @Test func extremeValuesNeverTrap() {
        let extremes: [Double] = [.nan, .infinity, -.infinity, 0, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, -1, 1]
        var random = SeededChoices(seed: 21)
        var bars: [Bar] = []
        for _ in 0..<400 {
            func pick() -> Double { extremes[Int(random.choose(upTo: UInt64(extremes.count - 1)))] }
            let time = [Int64.min, .max, 0, -1, 1][Int(random.choose(upTo: 4))]
            bars.append(
                Bar(
                    time: SimTime(nanoseconds: time), open: pick(), high: pick(), low: pick(), close: pick(), volume: pick(),
                    spreadBps: pick(), liquidity: pick()))
        }
        let report = DataValidator.validate(bars, symbol: "X", options: (try? ValidationOptions(spikeMinimumReturns: 2)) ?? .standard)
        #expect(report.barCount == 400 && !report.isClean)
        #expect(report.faults.allSatisfy { $0.barIndex < 400 })
    }

    @Test func optionsAreValidated() throws {
        #expect(throws: ParameterError.self) { try ValidationOptions(spikeSigmas: 0) }
        #expect(throws: ParameterError.self) { try ValidationOptions(gapMultiple: .nan) }
        #expect(throws: ParameterError.self) { try ValidationOptions(spikeReturnsBefore: 1) }
        #expect(try ValidationOptions() == .standard)
        // A stricter gap threshold reports the long weekend.
        var bars = try generatedBars(Self.models[0], seed: 2, count: 100, interval: .days(1))
        for i in 50..<100 { bars[i].time = bars[i].time + .days(3) }
        #expect(DataValidator.validate(bars, symbol: "X").isClean)
        #expect(found(DataValidator.validate(bars, symbol: "X", options: try ValidationOptions(gapMultiple: 3))) == ["gap@50"])
    }
}
