/// The draws that simulation code builds from ``ChoiceSource/choose(upTo:)``.
///
/// Each draw takes one 16-bit choice (two bytes in the engine's stream), so a bar costs a few
/// bytes and a day of minute bars fits in a property case. Zero always decodes to calm.
extension ChoiceSource {
    /// The largest 16-bit choice.
    @inlinable static var maxChoice16: UInt64 { 0xFFFF }

    /// A standard normal shock: `0` for the zero choice, larger choices further into a tail.
    ///
    /// The low bit is the sign, the other 15 bits the magnitude's quantile, so `|z| ≤ 4.33`.
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
    /// Draws a 16-bit choice `u` and compares it with `x = 65536 · (1 − probability)`: `u` above
    /// `x` is an event, below is none, so only the largest choices are events and the shrinker
    /// removes an event by lowering its choice. When `u` is the cell `⌊x⌋` that `x` falls inside,
    /// a second, 32-bit choice `v` decides the cell's share: an event when
    /// `v ≥ 2³² · (x − ⌊x⌋)`. So every probability is honoured to 2⁻⁴⁸, including those below
    /// 2⁻¹⁶ (a Merton jump on one-second bars, a rare outage), at the cost of a second draw once
    /// in 65536. A probability of `0` (or less, or NaN) never happens; `1` always does.
    @inlinable
    public mutating func happens(probability: Double) -> Bool {
        let u = choose(upTo: Self.maxChoice16)
        guard probability > 0 else { return false }
        guard probability < 1 else { return true }
        let x = 65536.0 * (1 - probability)
        let cell = x.rounded(.down)
        let choice = Double(u)
        if choice != cell { return choice > cell }
        let share = x - cell
        if share == 0 { return true }
        let v = choose(upTo: 0xFFFF_FFFF)
        return Double(v) >= (4_294_967_296.0 * share).rounded(.up)
    }

    /// An index in `0..<count` (`0` for the zero choice); `count` must be positive.
    @inlinable
    public mutating func index(below count: Int) -> Int {
        precondition(count > 0, "index(below:) needs a positive count, got \(count)")
        return Int(choose(upTo: UInt64(count - 1)))
    }
}
