import PropertyCheck
import Testing

/// What the bug zoo asserts of a broken variant: the check fails on every seed tried, with the
/// expected failure, and shrinks to exactly the known minimal command sequence.
struct ZooExpectation {
    let commands: [String]
    let signature: FailureSignature
}

/// Runs a broken variant's check on several seeds and asserts the known minimum each time.
func expectCaught<Command, Observation>(_ check: StateMachineCheck<some Any, some Any, Command, Observation>,
                                         _ expected: ZooExpectation, seeds: ClosedRange<UInt64> = 1...5, cases: Int = 3_000,
                                         failureSamples: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    for seed in seeds {
        var configuration = CheckConfiguration(cases: cases, seed: seed)
        configuration.failureSamples = failureSamples
        let result = check.check(configuration: configuration)
        guard let counterexample = result.check.counterexample else {
            Issue.record("seed \(seed): the broken variant was not caught: \(result.check.exitReason.explanation)", sourceLocation: sourceLocation)
            continue
        }
        #expect(counterexample.value.commands.map { String(describing: $0) } == expected.commands,
                "seed \(seed):\n\(result.report)", sourceLocation: sourceLocation)
        #expect(counterexample.signature == expected.signature, "seed \(seed)", sourceLocation: sourceLocation)
    }
}

extension ZooExpectation {
    static func invariant(_ name: String, _ commands: [String]) -> ZooExpectation {
        ZooExpectation(commands: commands, signature: FailureSignature(kind: "invariant violated", location: name))
    }

    static func divergence(on kind: String, _ commands: [String]) -> ZooExpectation {
        ZooExpectation(commands: commands, signature: FailureSignature(kind: "model and system diverged", location: kind))
    }
}
