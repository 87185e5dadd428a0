/// Choices from a seeded pseudo-random generator (SplitMix64): the plain seeded run.
///
/// The same seed gives the same choices on every platform and every run; nothing reads the wall
/// clock or the system's randomness.
public struct SeededChoices: ChoiceSource, Sendable, Hashable {
    /// The generator's state.
    @usableFromInline var state: UInt64

    /// A generator seeded with `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits (SplitMix64, Steele, Lea and Flood 2014).
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }

    /// A uniform choice in `0...bound` by multiply-high (Lemire): exact when `bound + 1` is a power
    /// of two (every 16-bit draw), otherwise biased by at most `bound / 2⁶⁴`.
    @inlinable
    public mutating func choose(upTo bound: UInt64) -> UInt64 {
        if bound == .max { return next() }
        return next().multipliedFullWidth(by: bound &+ 1).high
    }
}
