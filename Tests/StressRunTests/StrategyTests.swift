import MarketSim
import StressRun
import Testing
import TradingVocabulary

/// The built-in strategies on hand-made closes.
@Suite struct StrategyTests {
    /// Feeds `closes` one bar at a time and returns the intents of each step.
    static func drive(_ strategy: inout some Strategy, _ closes: [Double], holding: Int64 = 0) throws -> [[OrderIntent]] {
        let symbol = try Symbol("BTC-USD")
        strategy.prepare(symbols: [symbol])
        var all: [[OrderIntent]] = []
        for (i, close) in closes.enumerated() {
            let bar = Bar(time: .simulationEpoch + .minutes(Int64(i)), open: close, high: close, low: close, close: close, volume: 1)
            var intents: [OrderIntent] = []
            let portfolio = PortfolioView(equity: 1_000_000, cash: 1_000_000, positions: [holding])
            strategy.decide(MarketStep(step: i, time: bar.time, symbols: [symbol], bars: [bar]), portfolio: portfolio, into: &intents)
            all.append(intents)
        }
        return all
    }

    @Test func momentumBuysARiseAndExitsAFall() throws {
        var strategy = MomentumStrategy(lookback: 2, threshold: 0.01, size: 1_000)
        let rise = try Self.drive(&strategy, [100, 100.5, 102])
        #expect(rise[0].isEmpty && rise[1].isEmpty)
        #expect(rise[2] == [.buy(0, notional: 100_000)])
        var holder = MomentumStrategy(lookback: 2, threshold: 0.01, size: 1_000)
        #expect(try Self.drive(&holder, [100, 99.5, 98], holding: 5)[2] == [.exit(0)])
    }

    @Test func meanReversionBuysStretchAndExitsAtTheMean() throws {
        var strategy = MeanReversionStrategy(window: 3, band: 0.02, size: 500)
        #expect(try Self.drive(&strategy, [100, 100, 94])[2] == [.buy(0, notional: 50_000)])
        var holder = MeanReversionStrategy(window: 3, band: 0.02, size: 500)
        #expect(try Self.drive(&holder, [100, 100, 101], holding: 1)[2] == [.exit(0)])
    }

    @Test func buyTheDipKeepsBuyingAndNeverSells() throws {
        var strategy = BuyTheDipStrategy(window: 10, dip: 0.02, size: 500)
        let steps = try Self.drive(&strategy, [100, 99, 97, 90, 80, 70], holding: 10)
        #expect(steps.map(\.count) == [0, 0, 1, 1, 1, 1])
        #expect(steps.joined().allSatisfy { $0.side == .buy })
    }

    @Test func aMissingBarIsNoSignal() throws {
        var strategy = BuyTheDipStrategy(window: 10, dip: 0.02, size: 500)
        let symbol = try Symbol("BTC-USD")
        strategy.prepare(symbols: [symbol])
        var intents: [OrderIntent] = []
        let portfolio = PortfolioView(equity: 1_000_000, cash: 1_000_000, positions: [0])
        strategy.decide(MarketStep(step: 0, time: .simulationEpoch, symbols: [symbol], bars: [nil]), portfolio: portfolio, into: &intents)
        #expect(intents.isEmpty)
    }
}
