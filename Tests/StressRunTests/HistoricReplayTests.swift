import Foundation
import MarketSim
@_spi(BugZoo) import StressRun
import Testing
import TradingVocabulary

/// The executor on a user's own bars (`ScenarioExecutor.run(_: HistoricMarket, …)`): the same
/// properties, a deterministic log, conditions from the data, a price scale per symbol.
@Suite struct HistoricReplayTests {
    /// A CSV file of minute bars with these closes (each bar opens at the previous close).
    static func csv(_ closes: [Double], start: SimTime = SimTime.seconds(1_584_000_000)) -> String {
        var lines = ["Date,Open,High,Low,Close,Volume"]
        var previous = closes.first ?? 1
        for (i, close) in closes.enumerated() {
            let time = start + .minutes(Int64(i))
            lines.append("\(CivilTime(time).iso8601),\(previous),\(max(previous, close) * 1.0001),\(min(previous, close) * 0.9999),\(close),1000")
            previous = close
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `symbol`'s series from the CSV text of `closes`.
    static func series(_ symbol: String, _ closes: [Double]) throws -> BarSeries {
        let loaded = try CSVLoader.parse(csv(closes), file: "\(symbol).csv")
        return loaded.series(symbol: try Symbol(symbol))
    }

    /// Quiet closes around `level` (±0.02%), `count` of them, out of phase by `phase`.
    static func calm(_ level: Double, _ count: Int, phase: Double = 0) -> [Double] {
        (0..<count).map { (i: Int) -> Double in
            let wiggle: Double = 0.0002 * sin(Double(i) * 0.7 + phase)
            return level * (1 + wiggle)
        }
    }

    /// A calm hour, then a 4% slide over 40 minutes, then calm: buy-the-dip buys on the way down.
    static func dip(_ level: Double) -> [Double] {
        let slide = (1...40).map { (i: Int) -> Double in
            let wiggle: Double = 0.0002 * sin(Double(i))
            return level * (1 - 0.001 * Double(i)) * (1 + wiggle)
        }
        return calm(level, 60) + slide + calm(level * 0.96, 60, phase: 1)
    }

    /// A calm two hours, then a 30% fall in an hour (jagged: down 1.5%, up 0.3% in turn), then calm.
    static func crash(_ level: Double) -> [Double] {
        var closes = calm(level, 120)
        var price = level
        for i in 0..<60 {
            price *= i % 2 == 0 ? 0.985 : 1.003
            closes.append(price)
        }
        return closes + calm(price, 60, phase: 2)
    }

    @Test func aCalmFileHoldsEveryPropertyAndReplaysTheSameLog() throws {
        let market = try HistoricMarket([try Self.series("AAA", Self.dip(100)), try Self.series("BBB", Self.calm(250, 160, phase: 0.3))])
        #expect(market.interval == .minutes(1) && market.times.count == 160)
        for strategy in [MomentumStrategy() as any Strategy, MeanReversionStrategy(), BuyTheDipStrategy()] {
            let first = try ScenarioExecutor().run(market, strategy: strategy)
            let second = try ScenarioExecutor().run(market, strategy: strategy)
            #expect(first == second, "\(strategy.name): the same file gives the same log")
            #expect(first.violations.isEmpty && first.violationCount == 0, "\(strategy.name): \(first.violations)")
            #expect(first.liveness == .notApplicable(.historicMarket))
            #expect(first.kind == nil && first.dataFaults.isEmpty)
            #expect(first.equityCurve.count == 160)
            // The clock ends each step at its bar's close.
            #expect(first.equityCurve.first?.time == market.start + .minutes(1))
            #expect(first.equityCurve.last?.time == market.end)
            let seeded = try ScenarioExecutor().run(market, strategy: strategy, seed: 7)
            #expect(seeded == (try ScenarioExecutor().run(market, strategy: strategy, seed: 7)), "a seed replays the venue's faults")
            #expect(seeded.violations.isEmpty, "\(strategy.name), seed 7: \(seeded.violations)")
        }
    }

    @Test func theClockStepsAcrossAGapInTheData() throws {
        var bars = try Self.series("AAA", Self.dip(100)).bars
        for i in 100..<bars.count { bars[i].time = bars[i].time + .hours(16) }
        let market = try HistoricMarket([BarSeries(symbol: try Symbol("AAA"), bars: bars)])
        #expect(market.interval == .minutes(1))
        let record = try ScenarioExecutor().run(market, strategy: BuyTheDipStrategy())
        #expect(record.violations.isEmpty)
        let times = record.equityCurve.map(\.time)
        #expect(times[100] - times[99] == .minutes(1) + .hours(16))
        #expect(times.last == market.end)
    }

    @Test func aCrashInTheDataStressesTheStack() throws {
        let market = try HistoricMarket([try Self.series("AAA", Self.crash(100))])
        let first = try #require(market.series.first)
        #expect(first.bars[179].close / first.bars[119].close < 0.71, "a 30% fall in the hour")
        for strategy in [MomentumStrategy() as any Strategy, MeanReversionStrategy(), BuyTheDipStrategy()] {
            let record = try ScenarioExecutor().run(market, strategy: strategy)
            let reached = Set(record.superStateTransitions.map(\.value.to))
            #expect(!reached.isDisjoint(with: [.stressed, .crisis, .emergencyHalt]), "\(strategy.name): \(reached)")
            #expect(record.violations.isEmpty, "\(strategy.name): \(record.violations)")
            // Nothing before the crash: the calm hours leave the stack NORMAL.
            let crashStart = market.times[120]
            #expect(record.superStateTransitions.allSatisfy { $0.time > crashStart })
        }
    }

    @Test func eachSymbolIsScaledFromItsOwnPrice() throws {
        let market = try HistoricMarket([try Self.series("CHEAP", Self.dip(10)), try Self.series("DEAR", Self.dip(5000))])
        let record = try ScenarioExecutor().run(market, strategy: BuyTheDipStrategy())
        #expect(record.violations.isEmpty && record.dataFaults.isEmpty)
        let bought = Set(record.fills.filter { $0.side == .buy }.map(\.symbol.text))
        #expect(bought == ["CHEAP", "DEAR"], "both symbols trade: \(bought)")
        // Each is quoted near 100 000 ticks at its first close, whatever its price level.
        for symbol in ["CHEAP", "DEAR"] {
            let price = try #require(record.fills.first { $0.symbol.text == symbol }?.price.value)
            #expect(price > 90_000 && price < 101_000, "\(symbol) filled at \(price) ticks")
        }
        // Sized alike: a purchase is 5% of equity in both, whatever the lot price.
        let amounts = record.sentOrders.filter { $0.order.side == .buy }.map(\.amount.value)
        #expect(amounts.allSatisfy { $0 > 40_000_00 && $0 <= 50_000_00 }, "\(amounts)")
    }

    @Test func aWiringBugIsCaughtOnHistoricData() throws {
        let market = try HistoricMarket([try Self.series("AAA", Self.crash(100))])
        var executor = ScenarioExecutor()
        executor.mutation = .staleConditions
        let record = try executor.run(market, strategy: MomentumStrategy())
        let first = try #require(record.violations.first)
        #expect(first.property == .superStateFollowsClassification)
        #expect(try ScenarioExecutor().run(market, strategy: MomentumStrategy()).violations.isEmpty, "the correct wiring passes")
    }

    @Test func aSymbolWithNoUsablePriceIsATypedError() throws {
        var bars = try Self.series("AAA", Self.calm(100, 10)).bars
        for i in bars.indices { bars[i].close = 0 }
        let market = try HistoricMarket([BarSeries(symbol: try Symbol("AAA"), bars: bars)])
        #expect(throws: StressRunError.unpriceableStart(symbol: try Symbol("AAA"), price: 0)) {
            try ScenarioExecutor().run(market, strategy: MomentumStrategy())
        }
    }

    @Test func aBatchReplaysTheMarketWithEveryStrategy() throws {
        let market = try HistoricMarket([try Self.series("AAA", Self.crash(100))])
        let calm = try BatchPlan(
            replay: HistoricReplay(name: "replay AAA", market: market, calmVenue: true, arguments: []),
            strategies: BatchStrategy.allCases, seeds: 1, campaignSeed: 1)
        let results = BatchRunner(parallel: 2).runBlocking(calm)
        #expect(results.count == 3 && results.allSatisfy(\.passed))
        #expect(try BatchRunner.replay(2, of: calm) == (try ScenarioExecutor().run(market, strategy: BuyTheDipStrategy())))
        let seeded = try BatchPlan(
            replay: HistoricReplay(name: "replay AAA", market: market, calmVenue: false, arguments: []),
            strategies: [.buyTheDip], seeds: 3, campaignSeed: 1)
        #expect(try BatchRunner.replay(1, of: seeded) == (try ScenarioExecutor().run(market, strategy: BuyTheDipStrategy(), seed: seeded.item(1).seed)))
        #expect(throws: BatchError.self) {
            try BatchPlan(
                replay: HistoricReplay(name: "replay AAA", market: market, calmVenue: true, arguments: []),
                strategies: [.buyTheDip], seeds: 2, campaignSeed: 1)
        }
    }
}
