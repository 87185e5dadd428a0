/// A named rule about one observation of a machine, that must hold after every step.
///
/// Invariants are data rather than assertions inside a model, so that the very same predicate
/// can be evaluated against the model's observation and against the production machine's
/// observation mapped onto the same struct. A counterexample prints
/// `violated invariant: <name>`, so names are short and specific (`"DRAIN ⇒ excess > 0"`).
public struct Invariant<Observation>: Sendable {
    /// The short name a counterexample prints.
    public let name: String
    /// One or two sentences: the rule, and where it comes from.
    public let summary: String
    /// Whether the observation satisfies the rule.
    public let holds: @Sendable (Observation) -> Bool

    /// Creates an invariant.
    public init(_ name: String, _ summary: String, holds: @escaping @Sendable (Observation) -> Bool) {
        self.name = name
        self.summary = summary
        self.holds = holds
    }

    /// The same rule about a part of a larger observation, with a prefixed name.
    ///
    /// The risk stack uses this to check every layer's invariants on its own observation:
    /// `positions.` + `"DRAIN ⇒ excess > 0"`.
    public func pulledBack<Whole>(
        prefix: String, _ part: @escaping @Sendable (Whole) -> Observation
    ) -> Invariant<Whole> {
        let holds = self.holds
        return Invariant<Whole>(prefix + name, summary) { holds(part($0)) }
    }
}

/// A named rule about one step: the observation before, the command, what it produced, and the
/// observation after.
///
/// Rules about transitions ("an accepted open had state NORMAL before it", "a rejected call
/// changes nothing", "a restart never resumes LIVE_ACTIVE") cannot be stated on one observation.
public struct StepInvariant<Command, Outcome, Observation>: Sendable {
    /// The short name a counterexample prints.
    public let name: String
    /// One or two sentences: the rule, and where it comes from.
    public let summary: String
    /// Whether the step satisfies the rule.
    public let holds: @Sendable (_ before: Observation, _ command: Command, _ outcome: Outcome, _ after: Observation) -> Bool

    /// Creates a step invariant.
    public init(
        _ name: String, _ summary: String,
        holds: @escaping @Sendable (_ before: Observation, _ command: Command, _ outcome: Outcome, _ after: Observation) -> Bool
    ) {
        self.name = name
        self.summary = summary
        self.holds = holds
    }
}

extension Sequence {
    /// The names of the invariants in `self` that `observation` violates, in order.
    public func violations<Observation>(of observation: Observation) -> [String]
    where Element == Invariant<Observation> {
        filter { !$0.holds(observation) }.map(\.name)
    }

    /// The names of the step invariants in `self` that the step violates, in order.
    public func violations<Command, Outcome, Observation>(
        before: Observation, command: Command, outcome: Outcome, after: Observation
    ) -> [String] where Element == StepInvariant<Command, Outcome, Observation> {
        filter { !$0.holds(before, command, outcome, after) }.map(\.name)
    }
}

/// The first of a list of rules to fail, asked in the list's order by index: each `check`
/// after a failure is skipped (its condition is an autoclosure, not evaluated). How the one-pass
/// `firstViolation(of:)`s answer with the rules they evaluate in one walk and the ones they ask
/// of the list.
struct FirstFailingRule {
    private(set) var index: Int?

    @inline(__always)
    mutating func check(_ rule: Int, _ holds: @autoclosure () -> Bool) {
        if index == nil, !holds() { index = rule }
    }
}
