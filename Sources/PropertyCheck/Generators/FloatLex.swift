/// The lexicographic encoding of non-negative doubles, after Hypothesis's `floats.py`.
///
/// A plain bit pattern would make 1.5 simpler than 2.0 and 0.1 far from 0. This order puts
/// integers below 2^56 first, as themselves (so 0 < 1 < 2 < … in order), then everything else
/// with an exponent order that prefers values near 1 and a mantissa whose fractional bits are
/// reversed, so that 1.5 comes before 1.25.
enum FloatLex {
    static let mantissaMask: UInt64 = (1 << 52) - 1
    static let bias = 1023

    /// Exponents in simplicity order: 0, 1, 2, … up to the largest, then -1, -2, …, then inf/NaN.
    static let encoding: [UInt16] = (0...2047).map(UInt16.init).sorted { key($0) < key($1) }
    static let decoding: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 2048)
        for (index, exponent) in encoding.enumerated() { table[Int(exponent)] = UInt16(index) }
        return table
    }()

    private static func key(_ exponent: UInt16) -> Double {
        if exponent == 2047 { return .infinity }
        let unbiased = Int(exponent) - bias
        return unbiased < 0 ? Double(10_000 - unbiased) : Double(unbiased)
    }

    private static func reverseBits(_ x: UInt64, _ n: Int) -> UInt64 {
        guard n > 0 else { return 0 }
        return x.bitSwapped() >> UInt64(64 - n)
    }

    private static func updateMantissa(unbiasedExponent e: Int, _ mantissa: UInt64) -> UInt64 {
        if e <= 0 { return reverseBits(mantissa, 52) }
        if e <= 51 {
            let fractionalBits = 52 - e
            let fraction = mantissa & ((1 << UInt64(fractionalBits)) - 1)
            return (mantissa ^ fraction) | reverseBits(fraction, fractionalBits)
        }
        return mantissa
    }

    /// The double for a 64-bit choice (non-negative; may be infinite or NaN).
    static func toDouble(_ i: UInt64) -> Double {
        if i >> 63 == 0 { return Double(i & ((1 << 56) - 1)) }
        let exponent = UInt64(encoding[Int((i >> 52) & 0x7FF)])
        let mantissa = updateMantissa(unbiasedExponent: Int(exponent) - bias, i & mantissaMask)
        return Double(bitPattern: exponent << 52 | mantissa)
    }

    /// The choice for a non-negative double; `toDouble(toLex(x)) == x` bit for bit.
    static func toLex(_ f: Double) -> UInt64 {
        if f >= 0, f < 72_057_594_037_927_936, f.rounded(.towardZero) == f { return UInt64(f) }
        let bits = f.bitPattern & ~(1 << 63)
        let exponent = bits >> 52
        let mantissa = updateMantissa(unbiasedExponent: Int(exponent) - bias, bits & mantissaMask)
        return 1 << 63 | UInt64(decoding[Int(exponent)]) << 52 | mantissa
    }
}

extension UInt64 {
    fileprivate func bitSwapped() -> UInt64 {
        var x = self
        x = (x & 0x5555_5555_5555_5555) << 1 | (x >> 1) & 0x5555_5555_5555_5555
        x = (x & 0x3333_3333_3333_3333) << 2 | (x >> 2) & 0x3333_3333_3333_3333
        x = (x & 0x0F0F_0F0F_0F0F_0F0F) << 4 | (x >> 4) & 0x0F0F_0F0F_0F0F_0F0F
        return x.byteSwapped
    }
}
