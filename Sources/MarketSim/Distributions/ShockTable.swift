import Foundation
import Synchronization

/// A table that turns one 16-bit choice into a unit-variance shock of a symmetric distribution.
///
/// The choice's low bit is the sign and its other 15 bits the magnitude: magnitude `m` is the
/// distribution's quantile at `p = ½ + (m + ½)/65536`, except `m = 0`, which is exactly 0 (zero is
/// calm). The table is then scaled so that its 65536 equally likely shocks have variance exactly 1.
/// A lookup costs one load: fast enough for ten million bars per second, and the same value for
/// the same choice on every run. (The table is built with the platform's `log`, `exp` and
/// `lgamma_r`, which are not correctly rounded everywhere: another libm may differ in the last
/// bit. The fingerprint pins are taken on Linux x86_64 with glibc.)
///
/// Tails stop at the quantile `1 − 2⁻¹⁷`: 4.33 for the normal, 17.7 standard deviations for a
/// Student-t with 4 degrees of freedom (12.7 for 5, 10.3 for 6) — heavy enough for the stylized
/// facts of real returns. The tables' own excess kurtosis: 0.0 (normal), 10.4 (ν = 4), 4.5 (ν = 5),
/// 2.7 (ν = 6).
public struct ShockTable: Sendable, CustomStringConvertible {
    /// The 32768 magnitudes, increasing, `magnitudes[0] == 0`.
    @usableFromInline let magnitudes: [Double]

    /// The number of magnitudes (15 bits).
    public static let size = 32768

    init(quantiles: [Double]) {
        precondition(quantiles.count == ShockTable.size && quantiles[0] == 0)
        var sum = 0.0
        for q in quantiles { sum += q * q }
        let scale = 1 / (sum / Double(ShockTable.size)).squareRoot()
        magnitudes = quantiles.map { $0 * scale }
    }

    /// The shock for a 16-bit choice.
    @inlinable @inline(__always)
    public func shock(_ choice: UInt16) -> Double {
        let magnitude = magnitudes.withUnsafeBufferPointer { $0[Int(choice &>> 1)] }
        return choice & 1 == 0 ? magnitude : -magnitude
    }

    /// A short description (not the 32768 magnitudes, which test logs would print whole).
    public var description: String { "ShockTable(\(magnitudes.count) magnitudes, largest \(maximum))" }

    /// The largest shock this table can produce.
    public var maximum: Double { magnitudes[ShockTable.size - 1] }

    /// The probability of the magnitude index `m` (for the midpoint rule above).
    static func probability(_ m: Int) -> Double { 0.5 + (Double(m) + 0.5) / 65536 }

    /// The standard normal table (quantiles by Acklam's algorithm, relative error < 1.2e-9).
    public static let normal: ShockTable = {
        var q = [Double](repeating: 0, count: size)
        for m in 1..<size { q[m] = NormalDistribution.quantile(probability(m)) }
        return ShockTable(quantiles: q)
    }()

    private static let studentCache = Mutex<[UInt64: ShockTable]>([:])

    /// The most Student-t tables kept (256 KB each): a caller that draws its degrees of freedom
    /// from a continuous range (a calibration) must not grow the cache for as long as it runs.
    static let studentCacheLimit = 32

    /// How many Student-t tables are cached now (at most ``studentCacheLimit``).
    static var studentCacheCount: Int { studentCache.withLock { $0.count } }

    /// A Student-t table with `degreesOfFreedom` (> 2, so the variance exists), scaled to unit
    /// variance; built once per value and cached, up to ``studentCacheLimit`` values (past it,
    /// the cache is emptied first: any table can be built again, the same bits).
    public static func studentT(degreesOfFreedom nu: Double) -> ShockTable {
        precondition(nu > 2 && nu.isFinite, "Student-t needs finite degrees of freedom above 2, got \(nu)")
        if let table = studentCache.withLock({ $0[nu.bitPattern] }) { return table }
        let table = ShockTable(quantiles: StudentTDistribution(degreesOfFreedom: nu).upperQuantiles(count: size))
        studentCache.withLock { cache in
            if cache.count >= studentCacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[nu.bitPattern] = table
        }
        return table
    }
}
