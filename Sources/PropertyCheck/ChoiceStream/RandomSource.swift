/// A small, fast, seedable pseudo-random generator (xoshiro256**), seeded through SplitMix64.
///
/// The engine needs a generator that is identical on every platform and release, so that a seed
/// printed in a failure report reproduces the same cases anywhere; the system generator promises
/// neither.
public struct RandomSource: Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// Creates a generator whose whole output is determined by `seed`.
    public init(seed: UInt64) {
        var x = seed
        func splitMix(_ x: inout UInt64) -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(&x)
        s1 = splitMix(&x)
        s2 = splitMix(&x)
        s3 = splitMix(&x)
    }

    /// The next 64 uniformly distributed bits.
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) &<< 7 | (s1 &* 5) &>> 57) &* 9
        let t = s1 &<< 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 &<< 45) | (s3 &>> 19)
        return result
    }

    /// A uniform value in `0...bound` (Lemire's multiply-shift method; unbiased).
    @inlinable
    public mutating func next(upTo bound: UInt64) -> UInt64 {
        if bound == .max { return next() }
        let range = bound &+ 1
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return product.high
    }

    /// True with probability `numerator / 2^64` expressed as a threshold; see `threshold(probability:)`.
    @inlinable @inline(__always)
    public mutating func chance(_ threshold: UInt64) -> Bool { next() < threshold }

    /// The threshold for `chance(_:)` that gives `probability` (clamped to 0...1).
    public static func threshold(probability: Double) -> UInt64 {
        if !(probability > 0) { return 0 }
        if probability >= 1 { return .max }
        return UInt64(probability * 18_446_744_073_709_549_568.0)
    }
}
