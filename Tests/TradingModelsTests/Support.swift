import TradingModels
import TradingVocabulary

/// A tiny deterministic generator (SplitMix64), so random walks in these tests replay exactly.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A few symbols from several sectors and groups, plus one the default table does not know.
let testSymbols: [Symbol] = ["BTC-USD", "ETH-USD", "SOL-USD", "ETC-USD", "UNI-USD", "AAVE-USD", "DOGE-USD", "FET-USD", "ZZZ-USD"]

/// Runs `steps` random commands on `model`, checking every state and step invariant after each,
/// and returns the names of the violated invariants (empty when the model is consistent).
func randomWalkViolations<Model, Command, Outcome, Observation>(
    _ model: inout Model,
    steps: Int,
    seed: UInt64,
    command: (inout SplitMix, Model) -> Command,
    apply: (inout Model, Command) -> Outcome,
    observe: (Model) -> Observation,
    state: [Invariant<Observation>],
    step: [StepInvariant<Command, Outcome, Observation>]
) -> [String] {
    var rng = SplitMix(seed: seed)
    var found: [String] = state.violations(of: observe(model))
    for _ in 0..<steps {
        let before = observe(model)
        let next = command(&rng, model)
        let outcome = apply(&model, next)
        let after = observe(model)
        found += state.violations(of: after)
        found += step.violations(before: before, command: next, outcome: outcome, after: after)
        if !found.isEmpty { return found.map { "\($0) after \(next)" } }
    }
    return found
}
