extension Gen where Value: FixedWidthInteger & Sendable {
    /// Integers in `range`, of any width up to 64 bits, shrinking toward zero or, when the range
    /// excludes zero, toward the bound nearest to it.
    ///
    /// Random generation mixes uniform values with small ones, the range's boundaries, and values
    /// equal or adjacent to earlier draws of the same case.
    /// - Complexity: O(1) per draw; one choice (plus a sign byte for ranges across zero).
    @inlinable
    public static func int(in range: ClosedRange<Value>) -> Gen<Value> {
        let layout = IntegerLayout(low: Int128(range.lowerBound), high: Int128(range.upperBound))
        let label = SpanLabel.next()
        return Gen(label: label) { s throws(Rejection) in
            Value(truncatingIfNeeded: layout.draw(&s, label: label))
        }
    }

    /// Integers over the type's whole range.
    @inlinable
    public static var any: Gen<Value> { int(in: Value.min...Value.max) }
}

extension Gen where Value == Int {
    /// `Int`s in `range` (the whole range by default), shrinking toward zero.
    @inlinable
    public static func int(in range: ClosedRange<Int> = Int.min...Int.max) -> Gen<Int> {
        let layout = IntegerLayout(low: Int128(range.lowerBound), high: Int128(range.upperBound))
        let label = SpanLabel.next()
        return Gen(label: label) { s throws(Rejection) in Int(truncatingIfNeeded: layout.draw(&s, label: label)) }
    }
}

extension Gen where Value == Bool {
    /// `false` or `true`, equally likely; shrinks to `false`.
    public static var bool: Gen<Bool> { bool(probability: 0.5) }

    /// `true` with `probability` in random generation; shrinks to `false`.
    public static func bool(probability: Double) -> Gen<Bool> {
        let threshold = RandomSource.threshold(probability: probability)
        let label = SpanLabel.next()
        return Gen(label: label) { s throws(Rejection) in s.flag(threshold: threshold, label: label) }
    }
}

extension Gen {
    /// Always `value`; draws nothing.
    public static func constant(_ value: Value) -> Gen<Value> where Value: Sendable {
        Gen(label: SpanLabel.next()) { _ throws(Rejection) in value }
    }
}
