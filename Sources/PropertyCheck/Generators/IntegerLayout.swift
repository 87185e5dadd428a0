/// How an integer in a range is laid out in the stream, and how random mode picks one.
///
/// Integers shrink toward zero when the range holds it, otherwise toward the bound nearest to it:
/// that value (the *anchor*) is the all-zero encoding.
/// - A range on one side of zero is one choice: the distance from the anchor.
/// - A range across zero is two choices: the magnitude, then a sign byte (always present, so that
///   zeroing a magnitude never shifts the bytes after it). Magnitude first means 1 < -1 < 2 < -2
///   in shortlex order, and two numbers of one sign can be lowered together or trade amounts
///   without crossing zero.
/// Magnitudes past the range's shorter side clamp to its bound.
@usableFromInline
struct IntegerLayout: Sendable {
    @usableFromInline enum Shape: Sendable { case upFromLow, downFromHigh, acrossZero }
    @usableFromInline let low: Int128
    @usableFromInline let high: Int128
    @usableFromInline let anchor: Int128
    @usableFromInline let shape: Shape
    /// Largest choice: distance for one-sided ranges, largest magnitude across zero.
    @usableFromInline let bound: UInt64
    @usableFromInline let width: Int

    @usableFromInline
    init(low: Int128, high: Int128) {
        self.low = low
        self.high = high
        if low >= 0 {
            shape = .upFromLow
            anchor = low
            bound = UInt64(high - low)
        } else if high <= 0 {
            shape = .downFromHigh
            anchor = high
            bound = UInt64(high - low)
        } else {
            shape = .acrossZero
            anchor = 0
            bound = UInt64(max(-low, high))
        }
        width = ChoiceStream.width(for: bound)
    }

    @inlinable @inline(__always)
    func clamp(_ v: Int128) -> Int128 { v < low ? low : (v > high ? high : v) }

    /// Draws an integer: generated in random mode, decoded (and canonicalized) otherwise.
    @inlinable
    func draw(_ s: inout ChoiceStream, label: UInt32) -> Int128 {
        let signBytes = shape == .acrossZero ? 1 : 0
        guard s.reserve(width &+ signBytes) else { return anchor }
        if s.isGenerating {
            let value = randomValue(&s)
            s.remember(value)
            switch shape {
            case .upFromLow: s.record(UInt64(value - low), width: width, label: label)
            case .downFromHigh: s.record(UInt64(high - value), width: width, label: label)
            case .acrossZero:
                let magnitude = value.magnitude
                s.record(UInt64(magnitude), width: width, label: label)
                s.record(value < 0 ? 1 : 0, width: 1, label: label)
            }
            return value
        }
        switch shape {
        case .upFromLow: return low + Int128(s.replay(bound: bound, width: width, label: label))
        case .downFromHigh: return high - Int128(s.replay(bound: bound, width: width, label: label))
        case .acrossZero:
            let at = s.position
            let magnitude = s.replay(bound: bound, width: width, label: label)
            let negative = s.replay(bound: 1, width: 1, label: label) == 1
            if magnitude == 0 {
                if negative { s.rewrite(0, at: at + width, width: 1) }
                return 0
            }
            let value = negative ? max(-Int128(magnitude), low) : min(Int128(magnitude), high)
            if value.magnitude != UInt128(magnitude) { s.rewrite(UInt64(value.magnitude), at: at, width: width) }
            return value
        }
    }

    /// The random-mode distribution: uniform values mixed with small ones, the range's
    /// boundaries, and earlier values of the case nudged by a little. Uniform 64-bit integers
    /// alone practically never make two equal or adjacent numbers, or hit a boundary.
    @inlinable
    func randomValue(_ s: inout ChoiceStream) -> Int128 {
        let r = s.random.next()
        switch r & 15 {
        case 0..<7:
            return low + Int128(s.random.next(upTo: UInt64(high - low)))
        case 7..<11:
            let bits = UInt64(2 + (r >> 8) % 14)
            let magnitude = Int128(s.random.next() >> (64 - bits))
            let toward: Int128 = (r >> 16) & 1 == 0 ? 1 : -1
            return clamp(anchor + toward * magnitude)
        case 11..<13:
            switch (r >> 8) % 7 {
            case 0: return low
            case 1: return high
            case 2: return anchor
            case 3: return clamp(low + 1)
            case 4: return clamp(high - 1)
            case 5: return clamp(anchor + 1)
            default: return clamp(anchor - 1)
            }
        default:
            guard let earlier = s.recall(), earlier >= low, earlier <= high else {
                return low + Int128(s.random.next(upTo: UInt64(high - low)))
            }
            switch (r >> 8) % 6 {
            case 0, 1: return earlier
            case 2: return clamp(earlier + 1)
            case 3: return clamp(earlier - 1)
            default:
                let delta = Int128((r >> 16) % 16) - 8
                return clamp(earlier + delta)
            }
        }
    }
}
