import PropertyCheck

/// One shrinking problem with a known minimal counterexample, after the shrinking challenge
/// (github.com/jlink/shrinking-challenge) and Hypothesis's `tests/quality`.
public struct Challenge: Sendable {
    /// Short name, as in the challenge.
    public let name: String
    /// The minimal counterexample every seed must reach, pretty-printed.
    public let expected: String
    /// Property calls Hypothesis needs on average on this machine, where measured.
    public let hypothesisCalls: Int?
    /// The class of hard case the problem stands for (issue 9 §3), or `nil` for the original suite.
    public let family: String?
    /// Runs the check with `seed` (no corpus) and reports what it found.
    public let run: @Sendable (UInt64) -> ChallengeOutcome

    init<Value: Equatable & Sendable>(
        _ name: String, expected: Value, hypothesisCalls: Int? = nil, family: String? = nil, _ generator: Gen<Value>,
        _ property: @escaping @Sendable (Value, PropertyContext) throws -> Bool
    ) {
        self.name = name
        self.expected = PrettyPrinter.describe(expected)
        self.hypothesisCalls = hypothesisCalls
        self.family = family
        run = { seed in
            var configuration = CheckConfiguration(cases: 1_000, seed: seed)
            configuration.caseDeadline = nil
            let result = check("challenge \(name)", generator, configuration: configuration, property)
            let shrunk = result.counterexample.map { PrettyPrinter.describe($0.value) }
            return ChallengeOutcome(
                found: result.counterexample != nil, shrunk: shrunk ?? "(none: \(result.exitReason.explanation))",
                isMinimal: result.counterexample?.value == expected,
                propertyCalls: result.statistics.propertyCalls, shrinkCalls: result.statistics.shrinkCalls,
                shrinkSeconds: result.statistics.shrinkSeconds, seconds: result.statistics.seconds)
        }
    }
}

/// What one run of a challenge found.
public struct ChallengeOutcome: Sendable {
    public let found: Bool
    public let shrunk: String
    public let isMinimal: Bool
    /// All property calls of the run: generation, shrinking and the final confirmation.
    public let propertyCalls: Int
    public let shrinkCalls: Int
    public let shrinkSeconds: Double
    public let seconds: Double
}
