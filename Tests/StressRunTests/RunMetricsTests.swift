import MarketSim
import StressRun
import Testing
import TradingVocabulary

/// Each metric against values computed by hand from its definition (`docs/stress.md`).
@Suite struct RunMetricsTests {
    static func close(_ a: Double?, _ b: Double, tolerance: Double = 1e-9) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    /// Equity 100, 110, 88, 88, 110 in daily steps: returns +0.1, −0.2, 0, +0.25.
    @Test func handComputedCurve() {
        let m = RunMetrics(equity: [100, 110, 88, 88, 110], interval: .days(1), trades: [30, -10, 20, -5])
        // mean 0.0375; deviations 0.0625, −0.2375, −0.0375, 0.2125; Σ squares 0.106875; s² = 0.035625.
        #expect(Self.close(m.sharpe, 0.0375 / 0.035625.squareRoot() * 365.0.squareRoot()))
        // downside: Σ min(r, 0)² / n = 0.04 / 4 = 0.01, d = 0.1.
        #expect(Self.close(m.sortino, 0.0375 / 0.1 * 365.0.squareRoot()))
        // peak 110, trough 88: 20%; from step 1 back to 110 at step 4: 3 steps.
        #expect(Self.close(m.maxDrawdown, 0.2))
        #expect(m.maxDrawdownSteps == 3)
        #expect(m.maxDrawdownDuration == .days(3))
        // total return 10% over 4 days: 0.1 × 365 / 4 = 9.125 a year, / 0.2.
        #expect(Self.close(m.calmar, 45.625))
        // n = 4: k = ⌈0.1⌉ = 1, the worst return −0.2.
        #expect(Self.close(m.valueAtRisk975, 0.2))
        #expect(Self.close(m.expectedShortfall975, 0.2))
        #expect(m.totalTrades == 4)
        #expect(Self.close(m.winRate, 0.5))
        #expect(Self.close(m.profitFactor, 50.0 / 15.0))
    }

    /// 41 points: 40 returns, k = ⌈40 × 0.025⌉ = 1 (not 2, as 0.025 × 40 in Double would give);
    /// 81 points: 80 returns, k = 2.
    @Test func tailCountIsExact() {
        var equity: [Cents] = [1_000]
        for i in 1...40 { equity.append(Cents(1_000 + (i == 7 ? -100 : i == 9 ? -50 : 0))) }
        // Returns: −10% at step 7, +10/9 back at step 8, −5% at step 9, back at step 10; the rest 0.
        let m = RunMetrics(equity: equity, interval: .minutes(1), trades: [])
        #expect(Self.close(m.valueAtRisk975, 0.1))
        #expect(Self.close(m.expectedShortfall975, 0.1))
        let longer = RunMetrics(equity: equity + Array(repeating: 1_000, count: 40), interval: .minutes(1), trades: [])
        #expect(Self.close(longer.valueAtRisk975, 0.05))
        #expect(Self.close(longer.expectedShortfall975, 0.075))
    }

    @Test func noTrades() {
        let m = RunMetrics(equity: [100, 101, 99], interval: .hours(1), trades: [])
        #expect(m.totalTrades == 0)
        #expect(m.winRate == nil)
        #expect(m.profitFactor == nil)
    }

    @Test func noLosses() {
        let m = RunMetrics(equity: [100, 101, 102, 104], interval: .days(1), trades: [5, 7])
        #expect(Self.close(m.winRate, 1))
        #expect(m.profitFactor == nil, "no losing trade: undefined, not infinity")
        #expect(m.maxDrawdown == 0 && m.maxDrawdownSteps == 0)
        #expect(m.calmar == nil)
        #expect(m.sortino == nil, "no negative return: no downside deviation")
        #expect(m.sharpe != nil)
        #expect(Self.close(m.valueAtRisk975, -1.0 / 101), "the worst step was a gain: 101 → 102")
    }

    @Test func constantEquity() {
        let m = RunMetrics(equity: Array(repeating: 500, count: 10), interval: .minutes(1), trades: [0])
        #expect(m.sharpe == nil && m.sortino == nil && m.calmar == nil)
        #expect(m.maxDrawdown == 0 && m.maxDrawdownDuration == .zero)
        #expect(Self.close(m.valueAtRisk975, 0) && Self.close(m.expectedShortfall975, 0))
        #expect(Self.close(m.winRate, 0), "a zero-PnL trade is not a win")
        #expect(m.profitFactor == nil)
    }

    @Test func drawdownThatNeverRecoversLastsToTheEnd() {
        let m = RunMetrics(equity: [100, 120, 90, 100, 110], interval: .minutes(1), trades: [])
        #expect(Self.close(m.maxDrawdown, 0.25))
        #expect(m.maxDrawdownSteps == 3)
    }

    @Test func emptyAndSinglePointCurves() {
        for curve in [[Cents](), [100]] {
            let m = RunMetrics(equity: curve, interval: .minutes(1), trades: [])
            #expect(m.sharpe == nil && m.sortino == nil && m.valueAtRisk975 == nil && m.expectedShortfall975 == nil && m.calmar == nil)
            #expect(m.maxDrawdown == 0)
        }
    }
}
