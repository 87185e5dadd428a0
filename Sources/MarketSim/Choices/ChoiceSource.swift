/// The one interface through which simulation code takes every random decision.
///
/// A seeded PRNG (``SeededChoices``), a recorded run (``ReplayedChoices``), the engine's choice
/// stream and libFuzzer's bytes all implement it, so the same simulation code runs a plain seeded
/// scenario, a shrinking property and a fuzz input.
///
/// The contract that makes shrinking useful: **zero is calm.** A choice of `0` always decodes to
/// the simplest outcome — no shock, no jump, no fault, the smallest extra — and a smaller choice
/// never decodes to a more extreme outcome than a larger one. A source that returns only zeros
/// (``CalmChoices``) therefore produces the drift path of the scenario's fixed parameters.
public protocol ChoiceSource {
    /// Returns a choice in `0...bound`; `0` is the calm, simplest choice.
    mutating func choose(upTo bound: UInt64) -> UInt64
}

/// The source that always chooses zero: the calm market of a scenario's fixed parameters.
public struct CalmChoices: ChoiceSource, Sendable {
    public init() {}
    @inlinable
    public mutating func choose(upTo bound: UInt64) -> UInt64 { 0 }
}
