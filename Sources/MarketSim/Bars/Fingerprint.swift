/// A 64-bit FNV-1a hash of everything a simulation produced, for the determinism self-check:
/// the same seed must give the same fingerprint on every run (VOPR-style replay check).
///
/// Doubles are hashed by their bit patterns, so a difference in the last bit shows.
public struct Fingerprint: Hashable, Sendable, CustomStringConvertible {
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    public mutating func combine(_ word: UInt64) {
        var w = word
        for _ in 0..<8 {
            value = (value ^ (w & 0xFF)) &* 0x0000_0100_0000_01B3
            w >>= 8
        }
    }

    public mutating func combine(_ x: Double) { combine(x.bitPattern) }
    public mutating func combine(_ x: Int) { combine(UInt64(bitPattern: Int64(x))) }

    public mutating func combine(_ text: String) {
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        combine(UInt64(text.utf8.count))
    }

    public mutating func combine(_ bar: Bar) {
        combine(UInt64(bitPattern: bar.time.nanoseconds))
        for field in [bar.open, bar.high, bar.low, bar.close, bar.volume, bar.spreadBps, bar.liquidity] { combine(field) }
    }

    public mutating func combine(_ series: BarSeries) {
        combine(series.symbol.text)
        combine(series.bars.count)
        for bar in series.bars { combine(bar) }
    }

    public var description: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
