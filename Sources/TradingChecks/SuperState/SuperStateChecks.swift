import PropertyCheck
import TradingModels
import TradingVocabulary

extension SuperStateModel: ReferenceModel {}

/// The differential check of the portfolio super-state, persistence and restarts included.
public enum SuperStateChecks {
    public typealias Check<System: SystemUnderTest> = StateMachineCheck<SuperStateModel, System, SuperStateCommand, MachineStep<SuperStateOutcome, SuperStateObservation>>
    where System.Command == SuperStateCommand, System.Outcome == SuperStateOutcome, System.Observation == SuperStateObservation

    /// The check against production.
    public static let machine: Check<SuperStateSystem> = machine(name: "super-state") { SuperStateSystem() }

    /// The check against any system (production, or a deliberately broken variant).
    public static func machine<System: SystemUnderTest>(name: String, system: @escaping @Sendable () throws -> System) -> Check<System>
    where System.Command == SuperStateCommand, System.Outcome == SuperStateOutcome, System.Observation == SuperStateObservation {
        Differential.check(
            name: name,
            model: { SuperStateModel() },
            system: system,
            commands: commands,
            invariants: SuperStateInvariants.state,
            steps: SuperStateInvariants.steps,
            labels: { step in ["reached \(step.state.state.rawValue)"] },
            coverage: ["reached crisis": 10, "reached recovery": 5],
            regressionExpression: "SuperStateChecks.machine")
    }

    /// A condition value: mostly the classification boundaries and just around them, some
    /// uniform values, and bad inputs (NaN, infinity, out of range).
    static func condition(boundaries: [Double], range: ClosedRange<Double>, bad: [Double]) -> Gen<Double> {
        let near = boundaries.flatMap { [$0, $0.nextDown, $0.nextUp] }
        return Gen.frequency([
            (weight: 4, generator: Gen.element(of: [0.0] + near)),
            (weight: 3, generator: Gen.double(in: range)),
            (weight: 1, generator: Gen.element(of: bad)),
        ])
    }

    static let volatility = condition(boundaries: [0.03, 0.05, 0.10], range: 0...0.3, bad: [.nan, .infinity, -0.01])
    static let drawdown = condition(boundaries: [0.05, 0.15, 0.30], range: 0...1, bad: [.nan, 1.5, -0.5])
    static let liquidity = Gen.frequency([
        (weight: 4, generator: Gen.element(of: [1.0, 0.2, 0.2.nextDown, 0.5, 0.0])),
        (weight: 3, generator: Gen.double(in: 0...1)),
        (weight: 1, generator: Gen.element(of: [Double.nan, 1.01, -0.1])),
    ])

    static let cents = Gen.frequency([
        (weight: 3, generator: Gen<Int64>.int(in: 0...1_000_000)),
        (weight: 1, generator: Gen.element(of: [Int64(0), 1, -1])),
    ]).map { Cents($0) }

    static let commands: [CommandKind<SuperStateModel, SuperStateCommand>] = [
        CommandKind("update", weight: 8) { _ in
            Gen.zip(volatility, drawdown, liquidity).map { SuperStateCommand.update(volatility: $0.0, drawdown: $0.1, liquidity: $0.2) }
        },
        CommandKind("canOpen", weight: 2) { _ in
            Gen.zip(cents, cents, cents).map { SuperStateCommand.canOpen(size: $0.0, deployed: $0.1, portfolioValue: $0.2) }
        },
        CommandKind("halt", weight: 1) { _ in .constant(.halt) },
        CommandKind("resume", weight: 1) { _ in .constant(.resume) },
        CommandKind("restart", weight: 1) { _ in .constant(.restart) },
    ]
}
