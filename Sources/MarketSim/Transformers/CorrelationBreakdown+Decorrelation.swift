/// The linear algebra of ``CorrelationBreakdown/Method/decorrelate(strength:)``: Gram–Schmidt on
/// the deviations, a Cholesky factor of the target correlation, and the rebuild.
enum Decorrelation {
    /// Deviations (each of mean 0, not all 0, fewer series than bars) re-mixed so that their
    /// correlation matrix is `(1 − strength)·C + strength·I`, each keeping its norm.
    static func remix(_ x: [[Double]], strength: Double) -> [[Double]] {
        let n = x.count
        let norms = x.map { norm($0) }
        var target = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for a in 0..<n {
            for b in 0..<n {
                target[a][b] = a == b ? 1 : (1 - strength) * dot(x[a], x[b]) / (norms[a] * norms[b])
            }
        }
        let factor = cholesky(target)
        var basis: [[Double]] = []
        for a in 0..<n { basis.append(direction(for: x[a], orthogonalTo: basis)) }
        return (0..<n).map { a in
            var y = [Double](repeating: 0, count: x[a].count)
            for k in 0...a where factor[a][k] != 0 {
                let weight = norms[a] * factor[a][k]
                for t in y.indices { y[t] += weight * basis[k][t] }
            }
            return y
        }
    }

    /// A unit vector of mean 0 orthogonal to `basis`: `v`'s own part outside the basis, or, when
    /// `v` lies (numerically) inside it, the first usable of: `v` reversed, `v` rotated by 1, 2, …
    /// steps, single-step pulses.
    static func direction(for v: [Double], orthogonalTo basis: [[Double]]) -> [Double] {
        if let q = residual(v, basis, tolerance: 1e-9) { return q }
        if let q = residual(Array(v.reversed()), basis, tolerance: 1e-6) { return q }
        let m = v.count
        for shift in 1..<max(1, m) {
            if let q = residual(Array(v[shift...] + v[..<shift]), basis, tolerance: 1e-6) { return q }
        }
        for t in 0..<m {
            let pulse = (0..<m).map { $0 == t ? 1.0 : 0.0 }
            if let q = residual(pulse, basis, tolerance: 1e-6) { return q }
        }
        // Unreachable while there are fewer vectors than bars: the pulses span every vector of mean 0.
        preconditionFailure("no direction of mean 0 is left outside \(basis.count) basis vectors of length \(m)")
    }

    /// `v` made mean 0, orthogonalized against `basis` (twice, for accuracy) and normalized, or
    /// `nil` if less than `tolerance` of its norm is left.
    static func residual(_ v: [Double], _ basis: [[Double]], tolerance: Double) -> [Double]? {
        let mean = v.reduce(0, +) / Double(v.count)
        var r = v.map { $0 - mean }
        let size = norm(r)
        guard size > 0 else { return nil }
        for _ in 0..<2 {
            for q in basis {
                let c = dot(r, q)
                for t in r.indices { r[t] -= c * q[t] }
            }
            let drift = r.reduce(0, +) / Double(r.count)
            for t in r.indices { r[t] -= drift }
        }
        let left = norm(r)
        guard left > tolerance * size else { return nil }
        return r.map { $0 / left }
    }

    /// The lower Cholesky factor of a symmetric positive (semi-)definite matrix; a pivot that
    /// rounding made slightly negative counts as 0.
    static func cholesky(_ m: [[Double]]) -> [[Double]] {
        let n = m.count
        var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for j in 0..<n {
            var pivot = m[j][j]
            for k in 0..<j { pivot -= l[j][k] * l[j][k] }
            let d = max(0, pivot).squareRoot()
            l[j][j] = d
            for i in (j + 1)..<max(j + 1, n) {
                var s = m[i][j]
                for k in 0..<j { s -= l[i][k] * l[j][k] }
                l[i][j] = d > 0 ? s / d : 0
            }
        }
        return l
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for t in a.indices { s += a[t] * b[t] }
        return s
    }

    static func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }
}
