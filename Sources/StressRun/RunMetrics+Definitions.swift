/// The definitions of `RunMetrics`, one function each, on plain `Double`s.
extension RunMetrics {
    /// rᵢ = Eᵢ / Eᵢ₋₁ − 1; a step from a non-positive equity has no return and is skipped.
    static func returns(_ curve: [Double]) -> [Double] {
        guard curve.count > 1 else { return [] }
        var result: [Double] = []
        result.reserveCapacity(curve.count - 1)
        for i in 1..<curve.count where curve[i - 1] > 0 { result.append(curve[i] / curve[i - 1] - 1) }
        return result
    }

    /// The deepest fall from a running peak, and the steps from that peak to its recovery (or
    /// the curve's end).
    static func maxDrawdown(_ curve: [Double]) -> (depth: Double, steps: Int) {
        var peak = -Double.infinity
        var peakIndex = 0
        var depth = 0.0
        var deepestPeak = 0
        for (i, e) in curve.enumerated() {
            if e > peak { (peak, peakIndex) = (e, i) }
            guard peak > 0 else { continue }
            let fall = 1 - e / peak
            if fall > depth { (depth, deepestPeak) = (fall, peakIndex) }
        }
        guard depth > 0 else { return (0, 0) }
        let level = curve[deepestPeak]
        let recovery = curve.indices.first { $0 > deepestPeak && curve[$0] >= level } ?? (curve.count - 1)
        return (depth, recovery - deepestPeak)
    }

    static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }

    static func sharpe(_ r: [Double], periodsPerYear: Double) -> Double? {
        guard r.count >= 2 else { return nil }
        let m = mean(r)
        let variance = r.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(r.count - 1)
        guard variance > 0 else { return nil }
        return m / variance.squareRoot() * periodsPerYear.squareRoot()
    }

    static func sortino(_ r: [Double], periodsPerYear: Double) -> Double? {
        guard !r.isEmpty else { return nil }
        let downside = (r.reduce(0) { $0 + min($1, 0) * min($1, 0) } / Double(r.count)).squareRoot()
        guard downside > 0 else { return nil }
        return mean(r) / downside * periodsPerYear.squareRoot()
    }

    /// Historical VaR and expected shortfall with a tail of `tailPerMille`‰ (25‰ for 97.5%):
    /// the k = ⌈n × tail⌉ worst returns, k counted in integers (in `Double`, 0.025 × 40 rounds up
    /// to 2).
    static func tail(_ r: [Double], tailPerMille: Int) -> (valueAtRisk: Double, expectedShortfall: Double)? {
        guard !r.isEmpty else { return nil }
        let sorted = r.sorted()
        let k = max(1, (r.count * tailPerMille + 999) / 1_000)
        let worst = sorted.prefix(k)
        return (-sorted[k - 1], -worst.reduce(0, +) / Double(k))
    }
}
