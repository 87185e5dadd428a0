import PropertyCheck
import Synchronization
import Testing
import TradingChecks
import TradingModels

/// How many times an invariant was evaluated.
final class Evaluations: Sendable {
    let count = Atomic(0)
}

/// A counter as a model: `add(n)` adds n (0 changes nothing).
struct CounterModel: ReferenceModel {
    var value = 0
    mutating func apply(_ command: CounterCommand) -> Int {
        if case .add(let amount) = command { value += amount }
        return value
    }
    var observation: Int { value }
}

enum CounterCommand: Sendable, CustomStringConvertible {
    case add(Int)
    var description: String {
        switch self {
        case .add(let amount): ".add(\(amount))"
        }
    }
}

/// The counter as a system, broken on `add(5)` when `broken`: the value goes negative.
struct CounterSystem: SystemUnderTest {
    var value = 0
    let broken: Bool
    mutating func apply(_ command: CounterCommand) throws -> Int {
        if case .add(let amount) = command { value = broken && amount == 5 ? -1 : value + amount }
        return value
    }
    var observation: Int { value }
}

/// The differential check's state invariants: evaluated on every state production reaches,
/// but not again on a step that leaves the state as it was (it passed them one step before).
@Suite struct DifferentialTests {
    static func check(broken: Bool, evaluations: Evaluations = Evaluations()) -> StateMachineCheck<
        CounterModel, CounterSystem, CounterCommand, MachineStep<Int, Int>
    > {
        Differential.check(
            name: "counter",
            model: { CounterModel() },
            system: { CounterSystem(broken: broken) },
            commands: [CommandKind("add") { _ in Gen.int(in: 0...5).map(CounterCommand.add) }],
            invariants: [
                Invariant("value ≥ 0", "The counter never goes negative.") { value in
                    evaluations.count.add(1, ordering: .relaxed)
                    return value >= 0
                }
            ],
            steps: [])
    }

    @Test func stateInvariantsRunOnlyOnAChangedState() throws {
        let evaluations = Evaluations()
        try Self.check(broken: false, evaluations: evaluations).replay([CounterCommand.add(0), .add(1), .add(0), .add(0), .add(2), .add(0)])
        // The first step (no state before it), then the two steps that changed the value.
        #expect(evaluations.count.load(ordering: .relaxed) == 3)
    }

    @Test func aViolationIsCaughtAtTheStepThatReachesIt() {
        #expect {
            try Self.check(broken: true).replay([CounterCommand.add(0), .add(1), .add(0), .add(5), .add(0)])
        } throws: { error in
            guard let failure = error as? StatefulFailure else { return false }
            return failure.kind == .invariant("value ≥ 0") && failure.step == 4
        }
    }
}
