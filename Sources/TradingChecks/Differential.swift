import PropertyCheck
import TradingModels

/// A reference model as the differential checks drive it: commands in, outcomes out, and a
/// snapshot of everything observable. The models of `TradingModels` conform as they are.
public protocol ReferenceModel: Sendable {
    associatedtype Command: Sendable, CustomStringConvertible
    associatedtype Outcome: Equatable, Sendable
    associatedtype Observation: Equatable, Sendable
    mutating func apply(_ command: Command) -> Outcome
    var observation: Observation { get }
}

/// A system under test: the production machine behind an adapter that speaks the model's
/// commands, outcomes and observations. Broken variants (the bug zoo) conform too.
public protocol SystemUnderTest: SendableMetatype {
    associatedtype Command
    associatedtype Outcome
    associatedtype Observation
    /// Applies a command; throws only when the system itself breaks (e.g. a file it must
    /// write cannot be written), which fails the case.
    mutating func apply(_ command: Command) throws -> Outcome
    var observation: Observation { get }
    /// Releases what the system holds (temporary files).
    mutating func tearDown()
}

extension SystemUnderTest {
    public mutating func tearDown() {}
}

/// What one step observed: the command's outcome and the machine's state after it. Model and
/// system each produce one per step; they must be equal.
public struct MachineStep<Outcome: Equatable & Sendable, Observation: Equatable & Sendable>: Equatable, Sendable, CustomStringConvertible {
    public var outcome: Outcome
    public var state: Observation

    public init(outcome: Outcome, state: Observation) {
        self.outcome = outcome
        self.state = state
    }

    public var description: String { "outcome: \(outcome)\nstate: \(state)" }
}

/// Builds the differential check of one machine: model and system run the same commands; after
/// every step outcomes and states are compared, and the model's invariants are evaluated
/// against the *system's* observations. `firstStateViolation`, when given, must name the first
/// of `invariants` an observation violates (a faster equivalent, e.g. one that projects a
/// composed observation's parts once; `RiskStackInvariants.firstViolation(of:)`).
public enum Differential {
    public static func check<Model: ReferenceModel, System: SystemUnderTest>(
        name: String,
        model: @escaping @Sendable () -> Model,
        system: @escaping @Sendable () throws -> System,
        commands: [CommandKind<Model, Model.Command>],
        invariants: [Invariant<Model.Observation>],
        firstStateViolation: (@Sendable (Model.Observation) -> String?)? = nil,
        steps: [StepInvariant<Model.Command, Model.Outcome, Model.Observation>],
        labels: [CaseLabel<MachineStep<Model.Outcome, Model.Observation>>] = [],
        coverage: [String: Double] = [:],
        regressionExpression: String? = nil
    ) -> StateMachineCheck<Model, System, Model.Command, MachineStep<Model.Outcome, Model.Observation>>
    where System.Command == Model.Command, System.Outcome == Model.Outcome, System.Observation == Model.Observation {
        typealias Step = MachineStep<Model.Outcome, Model.Observation>
        let initial = model().observation
        var check = StateMachineCheck<Model, System, Model.Command, Step>(
            name: name,
            model: model,
            system: system,
            commands: commands,
            runModel: { model, command in
                let outcome = model.apply(command)
                return Step(outcome: outcome, state: model.observation)
            },
            runSystem: { system, command in
                let outcome = try system.apply(command)
                return Step(outcome: outcome, state: system.observation)
            },
            labels: labels,
            coverage: coverage,
            teardown: { $0.tearDown() })
        check.regressionExpression = regressionExpression
        check.firstViolation = { before, command, after in
            guard let before else {
                return Self.stateViolation(after.state, invariants: invariants, first: firstStateViolation)
                    ?? firstStepViolation(steps, initial, command, after)
            }
            // State invariants are functions of the state alone: a state equal to the one before,
            // which passed them, passes them again.
            if before.state != after.state, let name = Self.stateViolation(after.state, invariants: invariants, first: firstStateViolation) {
                return name
            }
            return firstStepViolation(steps, before.state, command, after)
        }
        return check
    }

    /// The model's invariants, evaluated on production's observation; indices rather than
    /// `for … in`, which would copy each invariant (a name and a closure).
    static func stateViolation<Observation>(
        _ state: Observation, invariants: [Invariant<Observation>], first: (@Sendable (Observation) -> String?)?
    ) -> String? {
        if let first { return first(state) }
        for index in invariants.indices where !invariants[index].holds(state) { return invariants[index].name }
        return nil
    }

    /// The first step invariant the step from `before` breaks.
    static func firstStepViolation<Command, Outcome, Observation>(
        _ steps: [StepInvariant<Command, Outcome, Observation>], _ before: borrowing Observation, _ command: Command,
        _ after: MachineStep<Outcome, Observation>
    ) -> String? {
        for index in steps.indices where !steps[index].holds(before, command, after.outcome, after.state) {
            return steps[index].name
        }
        return nil
    }
}
