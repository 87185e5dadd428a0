/// Values beyond the finite normal numbers that a double generator may also draw.
public struct DoubleSpecials: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// `Double.nan`.
    public static let nan = DoubleSpecials(rawValue: 1)
    /// `+infinity` and `-infinity`.
    public static let infinity = DoubleSpecials(rawValue: 2)
    /// `-0.0` (otherwise zero is always `+0.0`).
    public static let negativeZero = DoubleSpecials(rawValue: 4)
    /// Subnormal numbers (otherwise flushed to the simplest value).
    public static let subnormals = DoubleSpecials(rawValue: 8)
    /// Finite numbers only: the default.
    public static let none: DoubleSpecials = []
    /// Everything above.
    public static let all: DoubleSpecials = [.nan, .infinity, .negativeZero, .subnormals]
}

/// The layout of a double in a range: an optional "special value" choice, then the distance
/// from the anchor (0, or the bound nearest to it) in ``FloatLex`` order, then a sign byte when
/// the range spans both sides of zero (always present, so zeroing the distance shifts nothing).
struct DoubleLayout: Sendable {
    let low: Double, high: Double, anchor: Double
    let acrossZero: Bool
    let specials: [Double]
    let allowsSubnormals: Bool

    init(low: Double, high: Double, including extra: DoubleSpecials) {
        self.low = low
        self.high = high
        acrossZero = low < 0 && high > 0
        anchor = low > 0 ? low : (high < 0 ? high : 0)
        allowsSubnormals = extra.contains(.subnormals)
        var specials: [Double] = []
        if extra.contains(.nan) { specials.append(.nan) }
        if extra.contains(.infinity) { specials += [.infinity, -.infinity] }
        if extra.contains(.negativeZero), low <= 0, high >= 0 { specials.append(-0.0) }
        if extra.contains(.subnormals) {
            specials += [Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude, Double.leastNormalMagnitude.nextDown]
                .filter { $0 >= low && $0 <= high }
        }
        self.specials = specials
    }

    func draw(_ s: inout ChoiceStream, label: UInt32) -> Double {
        if !specials.isEmpty {
            let bound = UInt64(specials.count)
            let special = s.choice(bound: bound, label: label) { r in r.next() & 7 == 0 ? 1 + r.next(upTo: bound - 1) : 0 }
            if special > 0 { return specials[Int(special - 1)] }
        }
        guard s.reserve(8 + (acrossZero ? 1 : 0)) else { return anchor }
        var magnitude: UInt64
        var negative = false
        if s.isGenerating {
            let target = randomValue(&s.random)
            negative = acrossZero ? target < 0 : anchor == high
            magnitude = FloatLex.toLex(abs(target - anchor))
            s.record(magnitude, width: 8, label: label)
            if acrossZero { s.record(negative && magnitude != 0 ? 1 : 0, width: 1, label: label) }
        } else {
            magnitude = s.replay(bound: .max, width: 8, label: label)
            if acrossZero {
                let signAt = s.position
                negative = s.replay(bound: 1, width: 1, label: label) == 1
                if negative && magnitude == 0 {
                    s.rewrite(0, at: signAt, width: 1)
                    negative = false
                }
            } else {
                negative = anchor == high
            }
        }
        return decode(magnitude: magnitude, negative: negative)
    }

    /// The value for a distance and direction: non-finite distances go to the bound on their
    /// side, subnormals (unless allowed) to the anchor, and everything is clamped to the range.
    func decode(magnitude: UInt64, negative: Bool) -> Double {
        let distance = FloatLex.toDouble(magnitude)
        if distance.isNaN { return anchor }
        var value = negative ? anchor - distance : anchor + distance
        if !value.isFinite { value = negative ? low : high }
        if !allowsSubnormals, value != 0, value.magnitude < Double.leastNormalMagnitude { value = anchor }
        return min(max(value, low), high)
    }

    /// Random mode: uniform values mixed with small integers, simple fractions, the range's
    /// boundaries and values spread over many orders of magnitude.
    func randomValue(_ r: inout RandomSource) -> Double {
        let bits = r.next()
        let unit = Double(r.next() >> 11) * 0x1p-53
        let sign: Double = acrossZero && bits & 256 != 0 ? -1 : (anchor == high ? -1 : 1)
        var value: Double
        switch bits & 15 {
        case 0..<6:
            let width = high - low
            value = width.isFinite ? low + width * unit : low * (1 - unit) + high * unit
        case 6..<9: value = anchor + sign * Double((bits >> 16) & 0xFF)
        case 9..<11: value = anchor + sign * Double((bits >> 16) & 63) / Double(1 << ((bits >> 24) & 7))
        case 11..<13:
            let edges = [low, high, anchor, low.nextUp, high.nextDown, anchor + 1, anchor - 1]
            value = edges[Int((bits >> 16) % UInt64(edges.count))]
        default: value = anchor + sign * unit * Double(sign: .plus, exponent: Int((bits >> 16) % 64) - 32, significand: 1)
        }
        return value.isFinite ? min(max(value, low), high) : anchor
    }
}

extension Gen where Value == Double {
    /// Doubles in `range` (finite bounds), shrinking toward 0 (or the bound nearest to it) and
    /// toward simple values: integers before fractions, halves before quarters.
    ///
    /// Only finite numbers are drawn unless `specials` adds NaN, infinities, -0.0 or subnormals.
    public static func double(
        in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude,
        including specials: DoubleSpecials = .none, fileID: String = #fileID, line: Int = #line
    ) -> Gen<Double> {
        guard range.lowerBound.isFinite, range.upperBound.isFinite else {
            return .invalid(
                GeneratorError(
                    function: "Gen.double(in:including:)",
                    message: "range \(range) has a bound that is not finite; use finite bounds and `including: .infinity`",
                    fileID: fileID, line: line))
        }
        let layout = DoubleLayout(low: range.lowerBound, high: range.upperBound, including: specials)
        let label = SpanLabel.next()
        return Gen(label: label) { s throws(Rejection) in layout.draw(&s, label: label) }
    }
}
