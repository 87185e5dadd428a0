/// The draws that simulation code builds from ``ChoiceSource/choose(upTo:)``.
///
/// Each draw takes one 16-bit choice (two bytes in the engine's stream), so a bar costs a few
/// bytes and a day of minute bars fits in a property case. Zero always decodes to calm.
extension ChoiceSource {
    /// The largest 16-bit choice.
    @inlinable static var maxChoice16: UInt64 { 0xFFFF }

    /// A standard normal shock: `0` for the zero choice, larger choices further into a tail.
    ///
    /// The low bit is the sign, the other 15 bits the magnitude's quantile, so `|z| ≤ 4.17`.
    @inlinable
    public mutating func normalShock() -> Double {
        ShockTable.normal.shock(UInt16(truncatingIfNeeded: choose(upTo: Self.maxChoice16)))
    }

    /// A unit-variance shock from `table` (see ``ShockTable``): `0` for the zero choice.
    @inlinable
    public mutating func shock(from table: ShockTable) -> Double {
        table.shock(UInt16(truncatingIfNeeded: choose(upTo: Self.maxChoice16)))
    }

    /// A fraction in `0..<1`, `0` for the zero choice, in steps of 1/65536.
    @inlinable
    public mutating func fraction() -> Double {
        Double(choose(upTo: Self.maxChoice16)) * (1.0 / 65536.0)
    }

    /// Whether an event of probability `probability` happens; the zero choice means no event.
    ///
    /// Draws a 16-bit choice `u` and answers `u ≥ 65536 · (1 − probability)`, so only the
    /// largest choices are events: the shrinker removes an event by lowering its choice.
    /// A probability of `0` (or less, or NaN) never happens; `1` always does.
    @inlinable
    public mutating func happens(probability: Double) -> Bool {
        let u = choose(upTo: Self.maxChoice16)
        guard probability > 0 else { return false }
        guard probability < 1 else { return true }
        let threshold = (65536.0 * (1 - probability)).rounded(.up)
        return Double(u) >= threshold
    }

    /// An index in `0..<count` (`0` for the zero choice); `count` must be positive.
    @inlinable
    public mutating func index(below count: Int) -> Int {
        precondition(count > 0, "index(below:) needs a positive count, got \(count)")
        return Int(choose(upTo: UInt64(count - 1)))
    }
}
