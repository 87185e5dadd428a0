/// Summary statistics of a series of returns: mean, variance, excess kurtosis, and the
/// autocorrelations that show the stylized facts of real returns (Cont, 2001).
///
/// Made once from the returns (two passes over them, so large means do not cost precision);
/// autocorrelations are computed on demand from the stored, mean-centred returns.
///
/// ```swift
/// let stats = ReturnStatistics(series.logReturns)
/// stats.excessKurtosis                                // heavy tails: > 0
/// stats.absoluteAutocorrelation(lag: 1)               // volatility clustering: > 0
/// stats.scaledVolatility(barInterval: .minutes(1), horizon: .days(1))   // daily volatility
/// ```
public struct ReturnStatistics: Sendable {
    /// The returns, as given.
    public let returns: [Double]
    /// The number of returns.
    public var count: Int { returns.count }
    /// The arithmetic mean (0 for no returns).
    public let mean: Double
    /// The sample variance (divided by `count − 1`; 0 for fewer than two returns).
    public let variance: Double
    /// The excess kurtosis `m₄ / m₂² − 3` of the central moments (0 for the normal
    /// distribution; 0 when the returns are constant or fewer than two).
    public let excessKurtosis: Double

    /// Computes the statistics of `returns`.
    /// - Complexity: O(n).
    public init(_ returns: [Double]) {
        self.returns = returns
        let n = Double(returns.count)
        guard returns.count > 1 else {
            (mean, variance, excessKurtosis) = (returns.first ?? 0, 0, 0)
            return
        }
        var sum = 0.0
        for r in returns { sum += r }
        let mean = sum / n
        var m2 = 0.0
        var m4 = 0.0
        for r in returns {
            let d = (r - mean) * (r - mean)
            m2 += d
            m4 += d * d
        }
        self.mean = mean
        variance = m2 / (n - 1)
        excessKurtosis = m2 > 0 ? (m4 / n) / ((m2 / n) * (m2 / n)) - 3 : 0
    }

    /// The sample standard deviation: the realized volatility per bar.
    public var standardDeviation: Double { variance.squareRoot() }

    /// The realized volatility over `horizon`, scaled from bars of `barInterval` by the square
    /// root of time: e.g. a day's volatility from minute bars (`√1440` times the per-bar one).
    public func scaledVolatility(barInterval: SimDuration, horizon: SimDuration) -> Double {
        precondition(barInterval.nanoseconds > 0, "the bar interval must be positive")
        return standardDeviation * (Double(horizon.nanoseconds) / Double(barInterval.nanoseconds)).squareRoot()
    }

    /// The sample autocorrelation of the returns at `lag` (in bars): `Σ (rₜ − r̄)(rₜ₊ₖ − r̄) / Σ (rₜ − r̄)²`.
    /// Near 0 for real returns at every lag.
    /// - Complexity: O(n).
    public func autocorrelation(lag: Int) -> Double { Self.autocorrelation(of: returns, lag: lag) }

    /// The sample autocorrelation of `|r|` at `lag`: positive and slowly decaying for real
    /// returns (volatility clustering).
    /// - Complexity: O(n) (allocates the absolute values).
    public func absoluteAutocorrelation(lag: Int) -> Double { Self.autocorrelation(of: returns.map(abs), lag: lag) }

    /// The sample autocorrelation of `series` at `lag` (0 when it is undefined: a constant series,
    /// or a lag at least the length).
    public static func autocorrelation(of series: [Double], lag: Int) -> Double {
        precondition(lag >= 0, "autocorrelation needs a lag ≥ 0, got \(lag)")
        let n = series.count
        guard lag < n else { return 0 }
        var sum = 0.0
        for x in series { sum += x }
        let mean = sum / Double(n)
        var denominator = 0.0
        for x in series { denominator += (x - mean) * (x - mean) }
        guard denominator > 0 else { return 0 }
        var numerator = 0.0
        for t in 0..<(n - lag) { numerator += (series[t] - mean) * (series[t + lag] - mean) }
        return numerator / denominator
    }

    /// The sample correlation of two series of equal length (0 when either is constant).
    public static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "correlation needs series of equal length, got \(x.count) and \(y.count)")
        guard !x.isEmpty else { return 0 }
        let n = Double(x.count)
        var sx = 0.0
        var sy = 0.0
        for i in x.indices {
            sx += x[i]
            sy += y[i]
        }
        let (mx, my) = (sx / n, sy / n)
        var sxy = 0.0
        var sxx = 0.0
        var syy = 0.0
        for i in x.indices {
            let (dx, dy) = (x[i] - mx, y[i] - my)
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : 0
    }
}
