/// A model-based (stateful) check of any state machine: the same command sequence runs against a
/// simple reference model and the real system; after every step what each observed is compared,
/// and every invariant is checked against the system's observation.
///
/// The model drives generation (which commands are available, what their arguments are), so
/// command sequences are drawn from the byte stream like any other value and shrink for free:
/// whole commands are deleted, arguments lowered, and availability re-checked on the way.
///
/// ```swift
/// let counter = StateMachineCheck<Int, Counter, Op, Int>(
///     name: "counter",
///     model: { 0 },
///     system: { Counter() },
///     commands: [CommandKind("inc") { _ in .constant(.inc) },
///                CommandKind("dec", when: { $0 > 0 }) { _ in .constant(.dec) }],
///     runModel: { model, op in model += op == .inc ? 1 : -1; return model },
///     runSystem: { counter, op in try counter.apply(op) },
///     invariants: [StateInvariant("never negative") { $0 >= 0 }])
/// let result = counter.check()
/// ```
public struct StateMachineCheck<Model, System, Command: Sendable, Observation: Equatable & Sendable>: Sendable {
    /// The check's name: in reports, corpus directory and default seed.
    public var name: String
    /// The model's initial state.
    public var model: @Sendable () -> Model
    /// A fresh system for one case.
    public var system: @Sendable () throws -> System
    /// The command kinds.
    public var commands: [CommandKind<Model, Command>]
    /// Applies a command to the model and returns what the model observes.
    public var runModel: @Sendable (inout Model, Command) -> Observation
    /// Applies a command to the system and returns what it observes; a thrown error fails the case.
    public var runSystem: @Sendable (inout System, Command) throws -> Observation
    /// Checked against the system's observation after every step.
    public var invariants: [StateInvariant<Observation>]
    /// Checked against each step of the system.
    public var transitionInvariants: [TransitionInvariant<Command, Observation>]
    /// One function that returns the name of the first invariant a step breaks, for checks with
    /// many invariants over a part of the observation: evaluated after `invariants` and
    /// `transitionInvariants`, it spares a closure call and a copy per invariant and step.
    public var firstViolation: (@Sendable (_ before: Observation?, _ command: Command, _ after: Observation) -> String?)?
    /// Labels a case carries when some step's (model) observation satisfies the predicate (e.g.
    /// "DRAIN reached"), for the distribution report and coverage requirements. At most 64.
    public var labels: [CaseLabel<Observation>]
    /// Coverage requirements on labels: percent of cases that must carry each one.
    public var coverage: [String: Double]
    /// Releases a case's system (files, handles) after it ran, failed or not.
    public var teardown: @Sendable (inout System) -> Void
    /// The most commands in one case. Default 100. Less than 1 is an invalid generator: the
    /// check ends with ``ExitReason/invalidGenerator(_:)`` and runs nothing, rather than pass
    /// cases that run no command.
    public var maxSteps: Int = 100
    /// Mean commands per case in random generation. Default `maxSteps / 2`.
    public var averageSteps: Int?
    /// Swarm testing: each case may disable a random subset of command kinds, so that rare
    /// interleavings of the remaining ones get exercised. Default on.
    public var swarm: Bool = true
    /// A Swift expression for this check, used in the regression test printed with a failure
    /// (for example `PositionChecks.machine`).
    public var regressionExpression: String?

    public init(
        name: String, model: @escaping @Sendable () -> Model, system: @escaping @Sendable () throws -> System,
        commands: [CommandKind<Model, Command>],
        runModel: @escaping @Sendable (inout Model, Command) -> Observation,
        runSystem: @escaping @Sendable (inout System, Command) throws -> Observation,
        invariants: [StateInvariant<Observation>] = [],
        transitionInvariants: [TransitionInvariant<Command, Observation>] = [],
        labels: [CaseLabel<Observation>] = [],
        coverage: [String: Double] = [:],
        teardown: @escaping @Sendable (inout System) -> Void = { _ in }
    ) {
        self.name = name
        self.model = model
        self.system = system
        self.commands = commands
        self.runModel = runModel
        self.runSystem = runSystem
        self.invariants = invariants
        self.transitionInvariants = transitionInvariants
        self.labels = Array(labels.prefix(64))
        self.coverage = coverage
        self.teardown = teardown
    }
}

/// One step of a generated sequence: the command, the name of its kind, and what the model
/// observed after it (the model runs once, during generation).
public struct CommandStep<Command, Observation>: Sendable where Command: Sendable, Observation: Sendable {
    public let command: Command
    public let kind: String
    /// The kind's position in the check's `commands` (labels are kept as bits by it).
    public let kindIndex: Int
    public let expected: Observation

    @inlinable
    public init(command: Command, kind: String, kindIndex: Int, expected: Observation) {
        self.command = command
        self.kind = kind
        self.kindIndex = kindIndex
        self.expected = expected
    }
}

/// A generated command sequence; prints as a numbered list of commands.
public struct CommandSequence<Command: Sendable, Observation: Sendable>: Sendable, CustomStringConvertible {
    public let steps: [CommandStep<Command, Observation>]
    /// The kinds this case had enabled (swarm testing).
    public let enabledKinds: [String]

    @inlinable
    public init(steps: [CommandStep<Command, Observation>], enabledKinds: [String]) {
        self.steps = steps
        self.enabledKinds = enabledKinds
    }

    /// The commands alone.
    public var commands: [Command] { steps.map(\.command) }

    /// Each command as the report prints it, without the numbers: its `description` when it
    /// has one, else as Swift (`.push(3)`, `.pop`), so that it pastes into a regression test.
    public var commandLines: [String] { steps.map { CommandSequence.swiftText(of: $0.command) } }

    /// `command` as Swift source where it can be: its `description` if it is
    /// `CustomStringConvertible`, else the pretty printer's form (`.push(3)`, `Order(quantity: 2)`).
    public static func swiftText(of command: Command) -> String { PrettyPrinter.describe(command, width: .max) }

    public var description: String {
        guard !steps.isEmpty else { return "(no commands)" }
        let width = String(steps.count).count
        return steps.enumerated().map { index, step in
            let number = String(index + 1)
            return String(repeating: " ", count: width - number.count) + number + ". " + CommandSequence.swiftText(of: step.command)
        }.joined(separator: "\n")
    }
}
