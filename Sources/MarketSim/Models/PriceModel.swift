import Foundation

/// A runnable price model for one symbol and one bar interval: draws each bar's standardized
/// shock and turns it into a log return, keeping whatever state the model has (GARCH's variance).
///
/// A flat struct rather than an enum of models, so that stepping it mutates in place (no copy,
/// no reference counting per bar). Make one with ``PriceModelSpec/model(interval:)``.
public struct PriceModel: Sendable {
    /// The parameters this model was made from.
    public let spec: PriceModelSpec
    /// The bar length.
    public let interval: SimDuration
    @usableFromInline let kind: Kind
    @usableFromInline let shocks: ShockTable
    /// GBM and Merton: the per-bar drift `(μ − σ²/2)Δt` and σ√Δt. GARCH: `μΔt`, unused.
    @usableFromInline let barDrift: Double
    @usableFromInline let barSigma: Double
    /// GARCH's recursion and its current variance per bar.
    @usableFromInline let omega: Double, alpha: Double, beta: Double
    @usableFromInline var variance: Double
    /// Merton's jumps: the mean count per bar `λΔt`, `P(N ≥ 1) = 1 − e^{−λΔt}`, `e^{−λΔt}`,
    /// and the log size's mean and standard deviation.
    @usableFromInline let jumpRate: Double, jumpProbability: Double, noJumpProbability: Double
    @usableFromInline let jumpMean: Double, jumpVolatility: Double

    /// The most jumps one bar may have on average (`λΔt`): beyond, a bar is a string of jumps.
    public static let maxJumpRate = 20.0
    /// The most jumps one bar draws (the Poisson tail beyond is below 1e-20 at `maxJumpRate`).
    public static let maxJumpsPerBar = 64

    @usableFromInline enum Kind: Sendable { case gbm, garch, merton }

    /// The most GARCH's variance per bar can reach: a standard deviation of 100% per bar.
    public static let maxBarVariance = 1.0

    init(_ spec: PriceModelSpec, interval: SimDuration) throws(ParameterError) {
        try ParameterError.requirePositive(spec.name, interval: interval)
        try spec.validate()
        self.spec = spec
        self.interval = interval
        let dt = interval.years
        switch spec {
        case .gbm(let mu, let sigma):
            kind = .gbm
            shocks = .normal
            barDrift = (mu - sigma * sigma / 2) * dt
            barSigma = sigma * dt.squareRoot()
            (omega, alpha, beta, variance) = (0, 0, 0, barSigma * barSigma)
            (jumpRate, jumpProbability, noJumpProbability, jumpMean, jumpVolatility) = (0, 0, 1, 0, 0)
        case .garch(let mu, let sigma, let a, let b, let nu):
            kind = .garch
            shocks = .studentT(degreesOfFreedom: nu)
            barDrift = mu * dt
            let longRun = sigma * sigma * dt
            barSigma = longRun.squareRoot()
            (omega, alpha, beta, variance) = (longRun * (1 - a - b), a, b, longRun)
            (jumpRate, jumpProbability, noJumpProbability, jumpMean, jumpVolatility) = (0, 0, 1, 0, 0)
        case .merton(let mu, let sigma, let lambda, let jm, let jv):
            kind = .merton
            shocks = .normal
            barDrift = (mu - sigma * sigma / 2) * dt
            barSigma = sigma * dt.squareRoot()
            (omega, alpha, beta, variance) = (0, 0, 0, barSigma * barSigma)
            let rate = lambda * dt
            try ParameterError.require(
                "Merton", "jumpIntensity × interval (jumps per bar)", rate,
                "≤ \(PriceModel.maxJumpRate) jumps per bar on average"
            ) { $0 <= PriceModel.maxJumpRate }
            (jumpRate, jumpProbability, noJumpProbability, jumpMean, jumpVolatility) = (rate, -expm1(-rate), exp(-rate), jm, jv)
        }
    }

    /// The current standard deviation of a bar's log return (GARCH's moves with its variance).
    @inlinable
    public var barVolatility: Double { kind == .garch ? variance.squareRoot() : barSigma }

    /// Draws the next bar's standardized, unit-variance shock (normal, or Student-t for GARCH);
    /// `0` for the zero choice.
    @inlinable
    public func innovation<C: ChoiceSource>(_ choices: inout C) -> Double {
        choices.shock(from: shocks)
    }

    /// The next bar's log return for shock `z`, with the diffusion scaled by
    /// `volatilityMultiplier` (a crash phase's); advances GARCH's variance with the unscaled
    /// innovation, and draws Merton's jump (none for the zero choice).
    @inlinable
    public mutating func logReturn<C: ChoiceSource>(shock z: Double, volatilityMultiplier k: Double, choices: inout C) -> Double {
        switch kind {
        case .gbm:
            return barDrift + barSigma * k * z
        case .garch:
            let sigma = variance.squareRoot()
            let epsilon = sigma * z
            let r = barDrift - variance / 2 + k * epsilon
            let next = omega + alpha * epsilon * epsilon + beta * variance
            // Shocks chosen at their largest every bar (a fuzzer's, a shrinker's) would make the
            // variance explode; a bar's standard deviation stops at 100%.
            variance = next <= PriceModel.maxBarVariance ? next : PriceModel.maxBarVariance
            return r
        case .merton:
            var r = barDrift + barSigma * k * z
            // N ~ Poisson(λΔt), one event at a time: N ≥ n + 1 given N ≥ n, with the survival
            // P(N ≥ n) carried down (no jump for the zero choice; mostly one draw a bar).
            guard choices.happens(probability: jumpProbability) else { return r }
            var count = 1
            var survival = jumpProbability  // P(N ≥ 1)
            var mass = noJumpProbability * jumpRate  // P(N = 1)
            while count < PriceModel.maxJumpsPerBar {
                let next = survival - mass  // P(N ≥ count + 1)
                guard next > 0, choices.happens(probability: next / survival) else { break }
                count += 1
                survival = next
                mass *= jumpRate / Double(count)
            }
            // The sum of N normal log sizes: one normal of mean Nμⱼ and deviation √N σⱼ.
            let n = Double(count)
            r += n * jumpMean + n.squareRoot() * jumpVolatility * choices.normalShock()
            return r
        }
    }
}
