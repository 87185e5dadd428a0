import Foundation

/// Student's t distribution with `ν` degrees of freedom, for GARCH innovations.
struct StudentTDistribution {
    let nu: Double
    /// log of the density's normalizing constant Γ((ν+1)/2) / (√(νπ) Γ(ν/2)).
    let logNormalizer: Double

    init(degreesOfFreedom nu: Double) {
        self.nu = nu
        // lgamma_r, not lgamma: lgamma writes the global `signgam`, and tables are built on
        // whichever thread asks first.
        var sign: Int32 = 0
        logNormalizer = lgamma_r((nu + 1) / 2, &sign) - lgamma_r(nu / 2, &sign) - 0.5 * log(nu * Double.pi)
    }

    func density(_ x: Double) -> Double { exp(logNormalizer - (nu + 1) / 2 * log1p(x * x / nu)) }

    /// The quantiles at `p_m = ½ + (m + ½)/(2·count)` for `m = 1..<count` (index 0 is 0).
    ///
    /// Integrates the quantile function's differential equation in the tail variable
    /// `s = −log(1 − p)`: `dx/ds = (1 − p)/f(x) = e^{−s}/f(x)`, with four RK4 steps between
    /// consecutive quantiles. In `s` the solution grows like `e^{s/ν}`, smooth all the way out, so
    /// the far tail is as accurate as the centre (checked against tabulated quantiles in tests).
    func upperQuantiles(count: Int) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        func slope(_ s: Double, _ x: Double) -> Double { exp(-s) / density(x) }
        var s = log(2.0)  // p = ½
        var x = 0.0
        let cells = 2.0 * Double(count)
        for m in 1..<count {
            let target = -log(0.5 - (Double(m) + 0.5) / cells)
            let steps = 4
            let h = (target - s) / Double(steps)
            for _ in 0..<steps {
                let k1 = slope(s, x)
                let k2 = slope(s + h / 2, x + h / 2 * k1)
                let k3 = slope(s + h / 2, x + h / 2 * k2)
                let k4 = slope(s + h, x + h * k3)
                x += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
                s += h
            }
            s = target
            out[m] = x
        }
        return out
    }
}
