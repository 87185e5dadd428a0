@testable import PropertyCheck
import Testing

/// Results carry values, not sentences (issue #9 §5): signatures, exit reasons, the shrinker's
/// stop and where a failure was found are enums whose descriptions are the reports' old text.
@Suite struct TypedResultsTests {
    @Test func signaturesPrintTheTextReportsPrinted() {
        #expect(FailureSignature.returnedFalse.description == "property returned false")
        #expect(FailureSignature(.requireFailed(fileID: "M/F.swift", line: 12)).description == "require failed at M/F.swift:12")
        #expect(FailureSignature(.threw(type: "M.E", enumCase: "tooBig")).description == "threw M.E at tooBig")
        #expect(FailureSignature(.threw(type: "M.E", enumCase: nil)).description == "threw M.E")
        #expect(FailureSignature(.deadlineExceeded).description == "deadline exceeded")
        #expect(FailureSignature(.diverged(command: "open")).description == "model and system diverged at open")
        #expect(FailureSignature(.invariantViolated("below 6")).description == "invariant violated at below 6")
        #expect(FailureSignature(.systemThrew(type: "M.E", command: "open")).description == "system threw M.E at open")
        #expect(FailureSignature(.invariantViolated("x")).name == "invariant violated")
        #expect(FailureSignature(.invariantViolated("x")).location == "x")
    }

    @Test func aThrownEnumIsItsTypeAndCase() {
        enum Failure: Error { case tooBig(Int) }
        #expect(FailureSignature.of(Failure.tooBig(3)).kind == .threw(type: String(reflecting: Failure.self), enumCase: "tooBig"))
    }

    @Test func aFailingStatefulCheckHasATypedInvariantSignature() throws {
        let machine = CounterChecks.machine(bugAtThree: false, withAdd: true, invariants: [StateInvariant("below 6") { $0 < 6 }])
        let result = machine.check(configuration: CheckConfiguration(cases: 300, seed: 1))
        let counterexample = try #require(result.check.counterexample)
        #expect(counterexample.signature.kind == .invariantViolated("below 6"))
        #expect(counterexample.value.commandLines == counterexample.value.commands.map { "\($0)" })
        #expect(counterexample.value.description.hasSuffix(". " + (counterexample.value.commandLines.last ?? "?")))
    }

    @Test func aDivergenceIsTheCommandKindWhateverTheStepAndArguments() {
        func failure(step: Int, command: String) -> FailureSignature {
            StatefulFailure(kind: .divergence, step: step, commandKind: "add", command: command, model: "1", system: "2").failureSignature
        }
        #expect(failure(step: 3, command: ".add(1)") == failure(step: 7, command: ".add(5)"))
        #expect(failure(step: 3, command: ".add(1)").kind == .diverged(command: "add"))
        let invariant = StatefulFailure(kind: .invariant("below 6"), step: 3, commandKind: "add", command: ".add(1)", model: nil, system: "7")
        #expect(invariant.failureSignature != failure(step: 3, command: ".add(1)"))
    }

    @Test func theShrinkStopAndWhereItWasFoundAreValues() throws {
        #expect(ShrinkStop.shrinkingOff.description == "request (shrinking was off)")
        #expect(ShrinkStop.callBudget(3).description == "the budget of 3 shrink calls")
        #expect(ShrinkStop.timeLimit.description == "the shrink time limit")
        #expect(FoundIn.givenInput.description == "the given input")
        #expect(FoundIn.corpusFile("a/b").description == "corpus file a/b")
        #expect(FoundIn.generation(case: 4).description == "generation, case 4")
        #expect(FoundIn.failureSample(2, of: 8).description == "generation, failure 2 of 8")

        let replayed = replay("replayed", Gen.int(in: 0...255), bytes: [200], shrink: false) { value, _ in value < 100 }
        let counterexample = try #require(replayed.counterexample)
        #expect(counterexample.foundIn == .givenInput)
        #expect(counterexample.shrinkStoppedBy == .shrinkingOff)
        #expect(counterexample.signature == .returnedFalse)
    }

    @Test func exitReasonsPrintTheirSentence() {
        #expect(ExitReason.tooManyRejections(rejected: 5, valid: 1).description.hasPrefix("health check: 5 cases were discarded"))
        #expect("\(ExitReason.flaky)" == ExitReason.flaky.explanation)
    }

    @Test func commandKindLabelsAreNamedAndReadByOneType() {
        let result = CounterChecks.machine(bugAtThree: false).check(configuration: CheckConfiguration(cases: 50, seed: 1))
        let kinds = Set(result.check.statistics.labels.keys.compactMap(CommandLabel.kind(of:)))
        #expect(kinds == ["increment", "decrement"])
        #expect(CommandLabel.kind(of: "reached 3") == nil)
        #expect(CommandLabel.kind(of: CommandLabel.name(of: "open")) == "open")
    }

    @Test func theReplayLineIsChosenWhenRendering() throws {
        var configuration = CheckConfiguration(seed: 1)
        configuration.replayHint = "the configured hint"
        let result = check("replay line", Gen.int(in: 0...100), configuration: configuration) { $0 < 50 }
        let lines = { (replay: ReplayLine) in result.report(replay: replay).split(separator: "\n").filter { $0.hasPrefix("Replay: ") } }
        #expect(lines(.configured) == ["Replay: the configured hint"])
        #expect(result.report == result.report(replay: .configured))
        #expect(lines(.command("stresscheck replay x file")) == ["Replay: stresscheck replay x file"])
        #expect(lines(.omitted).isEmpty)
        #expect(result.report(replay: .omitted).contains("Counterexample:"))
    }
}
