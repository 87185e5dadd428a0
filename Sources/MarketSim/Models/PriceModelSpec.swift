/// The parameters of a price model: a plain value that scenarios store, generators draw and
/// reports print. ``PriceModel`` is the runnable model made from it for one bar interval.
///
/// Rates are annualized over a 365-day year (crypto trades around the clock): `drift` μ and
/// `volatility` σ are per year, and a bar of length Δt (in years) has log return
/// `(μ − σ²/2)Δt + σ√Δt·z`.
public enum PriceModelSpec: Hashable, Sendable {
    /// Geometric Brownian motion: `r = (μ − σ²/2)Δt + σ√Δt·z`, `z` standard normal.
    case gbm(drift: Double, volatility: Double)
    /// GARCH(1,1) with Student-t(ν) innovations scaled to unit variance:
    /// `σ²ₜ = ω + α·ε²ₜ₋₁ + β·σ²ₜ₋₁`, `ε = σₜ·z`, `r = μΔt − σ²ₜ/2 + ε`, with
    /// `ω = σ²_LR·Δt·(1 − α − β)` so the long-run variance per bar is `σ²_LR·Δt`.
    case garch(drift: Double, longRunVolatility: Double, alpha: Double, beta: Double, degreesOfFreedom: Double)
    /// Merton jump diffusion: GBM plus `N ~ Poisson(λΔt)` jumps per bar, each of normal log size
    /// (mean `jumpMean`, standard deviation `jumpVolatility`); `λΔt` at most 20 per bar.
    case merton(drift: Double, volatility: Double, jumpIntensity: Double, jumpMean: Double, jumpVolatility: Double)

    /// The model's name for reports: `GBM`, `GARCH-t`, `Merton`.
    public var name: String {
        switch self {
        case .gbm: "GBM"
        case .garch: "GARCH-t"
        case .merton: "Merton"
        }
    }

    /// The long-run annualized volatility (the diffusion's σ for GBM and Merton).
    public var annualVolatility: Double {
        switch self {
        case .gbm(_, let v), .merton(_, let v, _, _, _): v
        case .garch(_, let v, _, _, _): v
        }
    }

    /// The same model with its volatility set to `volatility` (other parameters kept).
    public func withVolatility(_ volatility: Double) -> PriceModelSpec {
        switch self {
        case .gbm(let mu, _): .gbm(drift: mu, volatility: volatility)
        case .garch(let mu, _, let a, let b, let nu): .garch(drift: mu, longRunVolatility: volatility, alpha: a, beta: b, degreesOfFreedom: nu)
        case .merton(let mu, _, let l, let jm, let jv): .merton(drift: mu, volatility: volatility, jumpIntensity: l, jumpMean: jm, jumpVolatility: jv)
        }
    }

    /// Checks every parameter, naming the first that is out of range.
    public func validate() throws(ParameterError) {
        switch self {
        case .gbm(let mu, let sigma):
            try ParameterError.require("GBM", "drift", mu, "-10 ≤ drift ≤ 10 (per year)") { abs($0) <= 10 }
            try ParameterError.require("GBM", "volatility", sigma, "0 ≤ volatility ≤ 20 (per year)") { $0 >= 0 && $0 <= 20 }
        case .garch(let mu, let sigma, let alpha, let beta, let nu):
            try ParameterError.require("GARCH", "drift", mu, "-10 ≤ drift ≤ 10 (per year)") { abs($0) <= 10 }
            try ParameterError.require("GARCH", "longRunVolatility", sigma, "0 < longRunVolatility ≤ 20 (per year)") { $0 > 0 && $0 <= 20 }
            try ParameterError.require("GARCH", "alpha", alpha, "0 ≤ alpha < 1") { $0 >= 0 && $0 < 1 }
            try ParameterError.require("GARCH", "beta", beta, "0 ≤ beta < 1") { $0 >= 0 && $0 < 1 }
            try ParameterError.require("GARCH", "alpha + beta", alpha + beta, "alpha + beta < 1 (stationary)") { $0 < 1 }
            try ParameterError.require("GARCH", "degreesOfFreedom", nu, "2 < degreesOfFreedom ≤ 1000") { $0 > 2 && $0 <= 1000 }
        case .merton(let mu, let sigma, let lambda, let jumpMean, let jumpVol):
            try ParameterError.require("Merton", "drift", mu, "-10 ≤ drift ≤ 10 (per year)") { abs($0) <= 10 }
            try ParameterError.require("Merton", "volatility", sigma, "0 ≤ volatility ≤ 20 (per year)") { $0 >= 0 && $0 <= 20 }
            try ParameterError.require("Merton", "jumpIntensity", lambda, "0 ≤ jumpIntensity ≤ 100000 (jumps per year)") { $0 >= 0 && $0 <= 100_000 }
            try ParameterError.require("Merton", "jumpMean", jumpMean, "-5 ≤ jumpMean ≤ 5 (log size)") { abs($0) <= 5 }
            try ParameterError.require("Merton", "jumpVolatility", jumpVol, "0 ≤ jumpVolatility ≤ 5 (log size)") { $0 >= 0 && $0 <= 5 }
        }
    }

    /// The runnable model for bars of length `interval`.
    /// - Throws: ``ParameterError`` naming the first parameter out of range.
    public func model(interval: SimDuration) throws(ParameterError) -> PriceModel {
        try PriceModel(self, interval: interval)
    }
}
