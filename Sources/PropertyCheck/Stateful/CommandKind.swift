/// One kind of command a state machine accepts: its name, weight, when it is available, and how
/// its arguments are drawn from the model's current state.
///
/// Generating arguments from the model is what lets a sequence stay meaningful: `close` picks
/// one of the symbols the model holds. While shrinking, the sequence is regenerated from the
/// shrunk bytes, so the availability check and the argument generator see the shrunk model.
public struct CommandKind<Model, Command>: Sendable {
    /// Names the kind in labels, coverage and failure signatures.
    public let name: String
    /// Relative frequency among the kinds available at a step.
    public let weight: Int
    /// Whether the kind can be drawn in this model state.
    public var isAvailable: @Sendable (Model) -> Bool { availability ?? { _ in true } }
    /// The availability rule, `nil` for "always" (the generator then skips the call: it asks
    /// every kind at every step).
    @usableFromInline let availability: (@Sendable (Model) -> Bool)?
    /// Draws a command of this kind, given the model state.
    public let draw: @Sendable (Model, inout ChoiceStream) throws(Rejection) -> Command
    /// The precondition on the drawn command, arguments included: a command it refuses is
    /// skipped (its bytes are consumed, nothing runs). Re-checked whenever shrinking changes the
    /// arguments or the steps before.
    public var accepts: @Sendable (Model, Command) -> Bool { argumentCheck ?? { _, _ in true } }
    /// The precondition, `nil` for none (the generator then skips the call at every step).
    @usableFromInline private(set) var argumentCheck: (@Sendable (Model, Command) -> Bool)?

    /// This kind, with a precondition on the drawn command and its arguments.
    public func accepting(_ accepts: @escaping @Sendable (Model, Command) -> Bool) -> CommandKind {
        var copy = self
        copy.argumentCheck = accepts
        return copy
    }

    /// A kind whose commands come from a generator chosen by the model state. (`@inlinable` so
    /// that the drawing closure is specialized for the check's types: unspecialized, it looked
    /// up generic metadata at run time on every step.)
    @inlinable
    public init(
        _ name: String, weight: Int = 1, when isAvailable: (@Sendable (Model) -> Bool)? = nil,
        _ generate: @escaping @Sendable (Model) -> Gen<Command>
    ) {
        self.init(
            name, weight: weight, when: isAvailable,
            drawing: { model, stream throws(Rejection) in
                let generator = generate(model)
                if let problem = generator.problem { throw .invalidGenerator(problem) }
                return try stream.draw(generator)
            })
    }

    /// A kind whose commands are drawn imperatively, with the model at hand: no generator is
    /// built per step, which matters in checks that run a million steps a second.
    ///
    /// ```swift
    /// CommandKind("close", drawing: { model, stream throws(Rejection) in
    ///     .close(model.held[try stream.index(below: model.held.count)])
    /// })
    /// ```
    @inlinable
    public init(
        _ name: String, weight: Int = 1, when isAvailable: (@Sendable (Model) -> Bool)? = nil,
        drawing draw: @escaping @Sendable (Model, inout ChoiceStream) throws(Rejection) -> Command
    ) {
        self.name = name
        self.weight = weight
        self.availability = isAvailable
        self.draw = draw
    }
}

/// A label a stateful case carries when one of its steps satisfies a predicate.
public struct CaseLabel<Observation>: Sendable {
    public let name: String
    public let holds: @Sendable (Observation) -> Bool
    public init(_ name: String, _ holds: @escaping @Sendable (Observation) -> Bool) {
        self.name = name
        self.holds = holds
    }
}

/// A named predicate on what the system observed after a step: it must hold after every step.
public struct StateInvariant<Observation>: Sendable {
    public let name: String
    public let holds: @Sendable (Observation) -> Bool
    public init(_ name: String, _ holds: @escaping @Sendable (Observation) -> Bool) {
        self.name = name
        self.holds = holds
    }
}

/// A named predicate on one step of the system: the observation before it (`nil` before the
/// first step), the command, and the observation after it.
public struct TransitionInvariant<Command, Observation>: Sendable {
    public let name: String
    public let holds: @Sendable (_ before: Observation?, _ command: Command, _ after: Observation) -> Bool
    public init(_ name: String, _ holds: @escaping @Sendable (_ before: Observation?, _ command: Command, _ after: Observation) -> Bool) {
        self.name = name
        self.holds = holds
    }
}
