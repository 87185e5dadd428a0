@testable import PropertyCheck
import Testing

/// A counter with a planted bug: decrementing from exactly 3 subtracts 2.
struct BuggyCounter {
    var value = 0
    var bugAtThree = true
    mutating func apply(_ op: CounterOp) -> Int {
        switch op {
        case .increment: value += 1
        case .decrement: value -= (bugAtThree && value == 3) ? 2 : 1
        case .add(let n): value += n
        }
        return value
    }
}

enum CounterOp: Equatable, Sendable, CustomStringConvertible {
    case increment, decrement
    case add(Int)
    var description: String {
        switch self {
        case .increment: ".increment"
        case .decrement: ".decrement"
        case .add(let n): ".add(\(n))"
        }
    }
}

enum CounterChecks {
    /// Increment and decrement only, so the planted bug has one minimal sequence; `withAdd`
    /// adds a command with an argument.
    static func machine(bugAtThree: Bool = true, withAdd: Bool = false, invariants: [StateInvariant<Int>] = []) -> StateMachineCheck<
        Int, BuggyCounter, CounterOp, Int
    > {
        var check = StateMachineCheck<Int, BuggyCounter, CounterOp, Int>(
            name: "counter",
            model: { 0 },
            system: { BuggyCounter(bugAtThree: bugAtThree) },
            commands: [
                CommandKind("increment") { _ in .constant(.increment) },
                CommandKind("decrement", when: { $0 > 0 }) { _ in .constant(.decrement) },
            ] + (withAdd ? [CommandKind("add") { _ in Gen.int(in: 0...5).map(CounterOp.add) }] : []),
            runModel: { model, op in
                switch op {
                case .increment: model += 1
                case .decrement: model -= 1
                case .add(let n): model += n
                }
                return model
            },
            runSystem: { counter, op in counter.apply(op) },
            invariants: invariants,
            labels: [CaseLabel("reached 3") { $0 >= 3 }])
        check.regressionExpression = "CounterChecks.machine()"
        return check
    }
}

@Suite struct StatefulTests {
    @Test func aPlantedBugIsFoundAndShrunkToItsMinimalSequence() throws {
        for seed in UInt64(1)...10 {
            let result = CounterChecks.machine().check(configuration: CheckConfiguration(cases: 500, seed: seed))
            let counterexample = try #require(result.check.counterexample, "seed \(seed)")
            #expect(counterexample.value.commands == [.increment, .increment, .increment, .decrement], "seed \(seed): \(counterexample.value)")
            #expect(counterexample.signature.kind == .diverged(command: "decrement"))
        }
    }

    @Test func theReportShowsNumberedCommandsSideBySideAndARegressionTest() throws {
        let result = CounterChecks.machine().check(configuration: CheckConfiguration(cases: 500, seed: 1))
        let report = result.report
        #expect(report.contains("Counterexample:\n  1. .increment\n  2. .increment\n  3. .increment\n  4. .decrement"))
        #expect(report.contains("Failure: model and system diverged at step 4, .decrement"))
        #expect(report.contains("    model │ system\n  ≠ 2     │ 1"))
        // The name's suffix is pinned: FNV-1a 64 (offset basis 0xCBF29CE484222325, prime
        // 0x100000001B3) of the commands joined by newlines, modulo 0xFFFFFF, in hex, computed
        // outside Swift. A change of the hash renames every saved regression test.
        #expect(
            result.regressionTest == """
                @Test func counterRegressione3b503() throws {
                    try CounterChecks.machine().replay([
                        .increment,
                        .increment,
                        .increment,
                        .decrement,
                    ])
                }
                """)
        #expect(report.hasSuffix(result.regressionTest ?? "missing"))
    }

    @Test func aCorrectMachinePassesAndCountsStepsAndKinds() {
        let result = CounterChecks.machine(bugAtThree: false, withAdd: true).check(configuration: CheckConfiguration(cases: 300, seed: 4))
        #expect(result.passed)
        #expect(result.statistics.steps > 300 * 10, "sequences average tens of steps")
        #expect(Set(result.statistics.kinds.keys) == ["increment", "decrement", "add"])
        #expect((result.check.statistics.labels["reached 3"] ?? 0) > 100)
    }

    @Test func invariantsAreCheckedOnTheSystemAndNamed() throws {
        let machine = CounterChecks.machine(bugAtThree: false, withAdd: true, invariants: [StateInvariant("below 6") { $0 < 6 }])
        for seed in UInt64(1)...10 {
            let result = machine.check(configuration: CheckConfiguration(cases: 300, seed: seed))
            let counterexample = try #require(result.check.counterexample)
            #expect(counterexample.value.commands.count <= 3, "seed \(seed): \(counterexample.value)")
            #expect(counterexample.message.hasPrefix("invariant \"below 6\" violated after step \(counterexample.value.commands.count)"))
        }
    }

    @Test func replayingExplicitCommandsFindsTheDivergence() {
        #expect(throws: StatefulFailure.self) { try CounterChecks.machine().replay([.increment, .increment, .increment, .decrement]) }
        #expect(throws: Never.self) { try CounterChecks.machine().replay([.increment, .increment, .decrement]) }
    }

    @Test func swarmTestingDisablesKindsInSomeCases() {
        var stream = ChoiceStream(seed: 8)
        var subsets = Set<[String]>()
        for _ in 0..<200 {
            stream.reset(randomTail: true)
            if let sequence = try? stream.draw(CounterChecks.machine(withAdd: true).sequences) { subsets.insert(sequence.enabledKinds) }
        }
        #expect(subsets.count > 3)
        #expect(subsets.contains(["increment", "decrement", "add"]))
    }

    /// A precondition on the drawn arguments: `add` only of even amounts. Generated sequences
    /// never hold an odd `add`, and shrinking keeps respecting it.
    @Test func preconditionsSeeTheGeneratedArguments() throws {
        var machine = CounterChecks.machine(bugAtThree: false, withAdd: true, invariants: [StateInvariant("below 5") { $0 < 5 }])
        machine.commands = machine.commands.map { kind in
            kind.name == "add" ? kind.accepting { _, command in if case .add(let n) = command { n % 2 == 0 } else { true } } : kind
        }
        var stream = ChoiceStream(seed: 3)
        var (drawn, adds) = (0, 0)
        for _ in 0..<200 {
            stream.reset(randomTail: true)
            guard let sequence = try? stream.draw(machine.sequences) else { continue }
            drawn += 1
            adds += sequence.commands.count { if case .add = $0 { true } else { false } }
            #expect(!sequence.commands.contains { if case .add(let n) = $0 { n % 2 == 1 } else { false } })
        }
        // Every draw was looked at, and the even adds the precondition lets through were drawn.
        #expect(drawn == 200)
        #expect(adds > 0)
        let result = machine.check(configuration: CheckConfiguration(cases: 300, seed: 1))
        let counterexample = try #require(result.check.counterexample)
        #expect(!counterexample.value.commands.contains { if case .add(let n) = $0 { n % 2 == 1 } else { false } })
    }

    @Test func availabilityIsRespected() {
        var stream = ChoiceStream(seed: 5)
        var drawn = 0
        var withDecrement = 0
        for _ in 0..<200 {
            stream.reset(randomTail: true)
            guard let sequence = try? stream.draw(CounterChecks.machine().sequences) else { continue }
            drawn += 1
            if sequence.commands.contains(.decrement) { withDecrement += 1 }
            #expect(sequence.steps.allSatisfy { $0.expected >= 0 }, "decrement only when positive")
        }
        #expect(drawn == 200, "every draw makes a sequence")
        #expect(withDecrement > 20, "decrement is drawn once available (\(withDecrement) of \(drawn) sequences)")
    }
}

@Suite struct StepLimitTests {
    @Test func aStepLimitOfZeroIsAnInvalidGeneratorNotAPass() {
        for limit in [0, -1] {
            var machine = CounterChecks.machine()
            machine.maxSteps = limit
            let result = machine.check(configuration: CheckConfiguration(cases: 50, seed: 1))
            #expect(!result.passed)
            guard case .invalidGenerator(let error) = result.check.exitReason else {
                Issue.record("exit reason \(result.check.exitReason)")
                continue
            }
            #expect(error.message == "maxSteps is \(limit): every case would run no command and pass; give at least 1")
            #expect(result.check.statistics.validCases == 0)
            // Replaying bytes under the same limit runs nothing either.
            #expect(!machine.replay(bytes: [1, 1, 1, 0], shrink: false).passed)
        }
    }
}
