/// A concurrent model-based check: is a thread-safe system linearizable with respect to a
/// sequential model?
///
/// A case is a sequential prefix of commands, then 2…N lanes of commands that run at once, each
/// on its own thread, against one system. Every operation's invocation and return are stamped on
/// one clock; the verdict (``Linearizability``) asks whether some order of all the operations,
/// consistent with each lane's order and with real time, makes the model answer exactly what the
/// system answered (and, with ``finalState``, end where the system ended).
///
/// Races do not happen on every run, so each case runs ``repetitions`` times (lanes released
/// together from a barrier, for the most overlap) and fails if any run fails. Cases are drawn
/// from the choice stream like any other value, so they replay from their bytes and shrink like
/// any case: fewer lanes, fewer and simpler commands, smaller arguments.
///
/// ```swift
/// let counter = ConcurrentCheck<Int, SharedCounter, Op, Int>(
///     name: "counter",
///     model: { 0 },
///     system: { SharedCounter() },
///     commands: [CommandKind("increment") { _ in .constant(.increment) },
///                CommandKind("read") { _ in .constant(.read) }],
///     runModel: { model, op in if op == .increment { model += 1 }; return model },
///     runSystem: { counter, op in op == .increment ? counter.increment() : counter.read() })
/// let result = counter.check()
/// ```
///
/// Commands of a lane are drawn from the model's state after the prefix and the lane's own
/// earlier commands, so each lane makes sense on its own; another lane may run first, so the
/// model must give a response to every command in every state (a refusal is a response).
public struct ConcurrentCheck<Model: Hashable & Sendable, System: Sendable, Command: Sendable, Response: Equatable & Sendable>: Sendable {
    /// The check's name: in reports, corpus directory and default seed.
    public var name: String
    /// The model's initial state. `Hashable`: the verdict's search remembers (operations done,
    /// model state) pairs it has explored. A model that is not `Hashable` can be wrapped in one
    /// whose `==` and `hash(into:)` use a fingerprint that determines all its future responses.
    public var model: @Sendable () -> Model
    /// A fresh system for one run; every lane uses this one instance.
    public var system: @Sendable () throws -> System
    /// The command kinds, as for ``StateMachineCheck``.
    public var commands: [CommandKind<Model, Command>]
    /// Applies a command to the model and returns the response the model expects.
    public var runModel: @Sendable (inout Model, Command) -> Response
    /// Applies a command to the shared system, from any thread, and returns its response; a
    /// thrown error fails the case.
    public var runSystem: @Sendable (System, Command) throws -> Response
    /// When set, the system's state once every lane finished must be one a linearization ends in.
    public var finalState: FinalStateCheck<Model, System>?
    /// Releases a run's system after it ran.
    public var teardown: @Sendable (System) -> Void
    /// Commands run sequentially before the lanes: at most this many. Default 4.
    public var maxPrefixSteps: Int = 4
    /// Lanes per case. Default 2...3; at most 8.
    public var lanes: ClosedRange<Int> = 2...3
    /// Commands per lane: at least one, at most this many (at most 255). Default 4.
    public var maxLaneSteps: Int = 4
    /// Runs of each case; a case fails if any run fails. Default 12.
    public var repetitions: Int = 12
    /// How long one case (all its runs) may take before it fails with "deadline exceeded", in
    /// place of ``CheckConfiguration/caseDeadline``; `nil` (the default) sets none. A concurrent
    /// case's time is set by how the threads are scheduled, not by its input: under a loaded
    /// machine the same case takes 100 times as long, fails the sequential checks' 200 ms, and
    /// passes when the shrinker runs it again, ending the check as flaky.
    public var caseDeadline: Duration?
    /// A Swift expression for this check, used in the regression test printed with a failure.
    public var regressionExpression: String?

    public init(
        name: String, model: @escaping @Sendable () -> Model, system: @escaping @Sendable () throws -> System,
        commands: [CommandKind<Model, Command>],
        runModel: @escaping @Sendable (inout Model, Command) -> Response,
        runSystem: @escaping @Sendable (System, Command) throws -> Response,
        finalState: FinalStateCheck<Model, System>? = nil,
        teardown: @escaping @Sendable (System) -> Void = { _ in }
    ) {
        self.name = name
        self.model = model
        self.system = system
        self.commands = commands
        self.runModel = runModel
        self.runSystem = runSystem
        self.finalState = finalState
        self.teardown = teardown
    }
}

/// Compares a system's state, once every lane has finished, with the model state a
/// linearization ends in: an observation of each, which must be equal.
///
/// Responses alone miss a lost update that no later response shows; the final state does not.
public struct FinalStateCheck<Model, System>: Sendable {
    /// Observes the system once and returns the comparison with model states.
    let observe: @Sendable (System) -> ObservedFinalState<Model>

    /// Compares `system(theSystem)` with `model(aModelState)`.
    public init<Observation: Equatable & Sendable>(
        system: @escaping @Sendable (System) -> Observation, model: @escaping @Sendable (Model) -> Observation
    ) {
        observe = { target in
            let observed = system(target)
            return ObservedFinalState(
                matches: { model($0) == observed },
                system: PrettyPrinter.describe(observed, width: 0),
                model: { PrettyPrinter.describe(model($0), width: 0) })
        }
    }
}

/// The system's final state, observed once, and how to compare it with a model state.
struct ObservedFinalState<Model> {
    let matches: (Model) -> Bool
    /// The system's observation, printed.
    let system: String
    /// A model state's observation, printed.
    let model: (Model) -> String
}
