import MarketSim
import TradingVocabulary

/// The performance and risk figures of a run, each with an exact definition
/// (`docs/stress.md`, metrics). A figure that is undefined for the run (no trades, no losses,
/// constant equity) is `nil`, never NaN or infinity.
///
/// The equity curve E₀ … Eₙ starts with the initial cash and has one point per step; the step
/// returns are rᵢ = Eᵢ / Eᵢ₋₁ − 1 (i = 1 … n); a year is 365 days (crypto trades around the
/// clock), so a step of length Δ is annualized with P = 365 days / Δ periods per year.
public struct RunMetrics: Hashable, Sendable {
    /// Closed round trips (flat → flat).
    public let totalTrades: Int
    /// Round trips with PnL > 0 over all round trips; nil without trades.
    public let winRate: Double?
    /// Σ PnL of winning trips / |Σ PnL of losing trips|; nil without a losing trip.
    public let profitFactor: Double?
    /// maxᵢ (1 − Eᵢ / maxⱼ≤ᵢ Eⱼ); 0 for a curve that never falls.
    public let maxDrawdown: Double
    /// Steps from the peak before the deepest trough until the curve first regains that peak
    /// (or its last point, if it never does); 0 without a drawdown.
    public let maxDrawdownSteps: Int
    /// `maxDrawdownSteps` × the step length.
    public let maxDrawdownDuration: SimDuration
    /// mean(r) / s(r) × √P, s the sample standard deviation (n − 1); nil if n < 2 or s = 0.
    public let sharpe: Double?
    /// mean(r) / d × √P, d = √(Σ min(rᵢ, 0)² / n) the downside deviation (target 0); nil if d = 0.
    public let sortino: Double?
    /// ((Eₙ / E₀ − 1) / years) / maxDrawdown, years = n × step / 365 days; nil if the maximum
    /// drawdown is 0.
    public let calmar: Double?
    /// Historical value at risk at 97.5%: with the returns sorted ascending s₁ ≤ … ≤ sₙ and
    /// k = ⌈0.025 n⌉, VaR = −sₖ (a loss is positive); nil if n = 0.
    public let valueAtRisk975: Double?
    /// Expected shortfall at 97.5%: −(s₁ + … + sₖ) / k, the mean of the k worst returns, as a loss.
    public let expectedShortfall975: Double?

    /// The metrics of an equity curve (E₀ first) with steps of `interval`, and of the trades'
    /// PnL (one entry per closed round trip).
    public init(equity: [Cents], interval: SimDuration, trades: [Cents]) {
        totalTrades = trades.count
        let wins = trades.filter { $0.value > 0 }
        let gains = wins.reduce(0.0) { $0 + Double($1.value) }
        let losses = trades.filter { $0.value < 0 }.reduce(0.0) { $0 + Double($1.value) }
        winRate = trades.isEmpty ? nil : Double(wins.count) / Double(trades.count)
        profitFactor = losses < 0 ? gains / -losses : nil
        let curve = equity.map { Double($0.value) }
        let drawdown = Self.maxDrawdown(curve)
        maxDrawdown = drawdown.depth
        maxDrawdownSteps = drawdown.steps
        maxDrawdownDuration = interval * Int64(drawdown.steps)
        let returns = Self.returns(curve)
        let periodsPerYear = interval.nanoseconds > 0 ? SimDuration.days(365).seconds / interval.seconds : 0
        sharpe = Self.sharpe(returns, periodsPerYear: periodsPerYear)
        sortino = Self.sortino(returns, periodsPerYear: periodsPerYear)
        let years = Double(returns.count) * interval.years
        if drawdown.depth > 0, years > 0, let first = curve.first, let last = curve.last, first > 0 {
            calmar = ((last / first - 1) / years) / drawdown.depth
        } else {
            calmar = nil
        }
        let tail = Self.tail(returns, tailPerMille: 25)
        valueAtRisk975 = tail?.valueAtRisk
        expectedShortfall975 = tail?.expectedShortfall
    }
}
