import PropertyCheck
import TradingModels
import TradingVocabulary

extension SuperStateModel: ReferenceModel {}

/// The differential check of the portfolio super-state, persistence and restarts included.
public enum SuperStateChecks {
    public typealias Check<System: SystemUnderTest> = StateMachineCheck<
        SuperStateModel, System, SuperStateCommand, MachineStep<SuperStateOutcome, SuperStateObservation>
    >
    where System.Command == SuperStateCommand, System.Outcome == SuperStateOutcome, System.Observation == SuperStateObservation

    /// The check against production.
    public static let machine: Check<SuperStateSystem> = machine(name: "super-state") { SuperStateSystem() }

    /// The check against any system (production, or a deliberately broken variant).
    public static func machine<System: SystemUnderTest>(name: String, system: @escaping @Sendable () throws -> System) -> Check<System>
    where System.Command == SuperStateCommand, System.Outcome == SuperStateOutcome, System.Observation == SuperStateObservation {
        Differential.check(
            name: name,
            model: { SuperStateModel(historyLimit: SuperStateSystem.historyLimit) },
            system: system,
            commands: commands,
            invariants: SuperStateInvariants.state,
            firstStateViolation: SuperStateInvariants.firstViolation(of:),
            steps: SuperStateInvariants.steps,
            labels: PortfolioState.allCases.map { state in CaseLabel("reached \(state.rawValue)") { $0.state.state == state } } + [
                CaseLabel("failed save reported") { if case .faultyRestart(let report) = $0.outcome { report.saveFailedAt != nil } else { false } },
                CaseLabel("corrupt file refused") { if case .faultyRestart(let report) = $0.outcome { report.refusedCorruptFile } else { false } },
            ]
                + BoundedHistoryLabels.labels(
                    dropped: \.historyDropped, isRestart: { if case .restarted = $0 { true } else if case .faultyRestart = $0 { true } else { false } }),
            coverage: [
                "reached crisis": 10, "reached recovery": 5, "failed save reported": 2, "corrupt file refused": 1,
            ].merging(BoundedHistoryLabels.coverage) { own, _ in own },
            regressionExpression: "SuperStateChecks.machine")
    }

    /// A condition value as one choice: an index into `table` (the simplest value first, then
    /// the classification boundaries and the values just beside them, then bad inputs), or past
    /// the table, a uniform value in `range`. One choice means one canonical way to shrink: a
    /// lower index is a simpler value, with no branch to get stuck in.
    static func condition(_ table: [Double], range: ClosedRange<Double>) -> Gen<Double> {
        let tableCount = UInt64(table.count)
        let steps: UInt64 = 1 << 32
        return Gen<UInt64>.int(in: 0...(tableCount + steps - 1)).map { index in
            index < tableCount
                ? table[Int(index)]
                : range.lowerBound + (range.upperBound - range.lowerBound) * Double(index - tableCount) / Double(steps - 1)
        }
    }

    /// The boundary `b` and the doubles just below and above it.
    static func around(_ boundaries: Double...) -> [Double] { boundaries.flatMap { [$0.nextDown, $0, $0.nextUp] } }

    static let volatility = condition([0.0] + around(0.03, 0.05, 0.10) + [.nan, .infinity, -0.01], range: 0...0.3)
    static let drawdown = condition([0.0] + around(0.05, 0.15, 0.30) + [.nan, 1.5, -0.5], range: 0...1)
    static let liquidity = condition([1.0] + around(0.2) + [0.0, .nan, 1.01, -0.1], range: 0...1)

    static let cents = Gen.frequency([
        (weight: 3, generator: Gen<Int64>.int(in: 0...1_000_000)),
        (weight: 1, generator: Gen.element(of: [Int64(0), 1, -1])),
    ]).map { Cents($0) }

    /// An update's conditions, drawn in order. Imperative draws, not a zip of the three and a map:
    /// the zip's tuple and the map's closure cost more than the draws (super-state check ×0.97).
    static func conditions(_ stream: inout ChoiceStream) throws(Rejection) -> (volatility: Double, drawdown: Double, liquidity: Double) {
        (try stream.draw(volatility), try stream.draw(drawdown), try stream.draw(liquidity))
    }

    /// `canOpen` on the limits of the model's state (#9 §2): a portfolio value of k × 10 000
    /// cents, so both limits are whole cents, then either a size on the max position, or a
    /// small size with a deployed amount that puts size + deployed on the utilization limit;
    /// each exactly, or one cent under or over. The same choices whatever the state, so an
    /// inert one shrinks away like any command; the smallest is the limit itself at k = 1.
    static func canOpenOnLimits(_ model: SuperStateModel, _ stream: inout ChoiceStream) throws(Rejection) -> SuperStateCommand {
        let limits = model.state.limits
        let maxPosition = Int64(limits.maxPosition.value)
        let utilization = Int64(limits.utilization.value)
        let (k, onUtilization, offset, small) = try stream.draw(limitChoices)
        let value = 10_000 * k
        guard onUtilization else {
            return .canOpen(size: Cents(max(maxPosition * k + offset, 1)), deployed: 0, portfolioValue: Cents(value))
        }
        let size = min(small, max(maxPosition * k, 1))
        return .canOpen(size: Cents(size), deployed: Cents(max(utilization * k - size + offset, 0)), portfolioValue: Cents(value))
    }

    /// The choices of `canOpenOnLimits`, built once: k, whether on utilization, the offset, the small size.
    static let limitChoices = Gen.zip(
        Gen<Int64>.int(in: 1...100_000), Gen.element(of: [false, true]), Gen.element(of: [Int64(0), -1, 1]), Gen<Int64>.int(in: 1...10_000))
    static let halt = Gen.constant(SuperStateCommand.halt), resume = Gen.constant(SuperStateCommand.resume)
    static let restart = Gen.constant(SuperStateCommand.restart)
    static let restartAfterFault = PersistenceFaults.generator.map { SuperStateCommand.restartAfter($0) }

    static let commands: [CommandKind<SuperStateModel, SuperStateCommand>] = [
        CommandKind(
            "update", weight: 8,
            drawing: { _, stream throws(Rejection) in
                let drawn = try conditions(&stream)
                return .update(volatility: drawn.volatility, drawdown: drawn.drawdown, liquidity: drawn.liquidity)
            }),
        CommandKind(
            "canOpen", weight: 2,
            drawing: { _, stream throws(Rejection) in
                .canOpen(size: try stream.draw(cents), deployed: try stream.draw(cents), portfolioValue: try stream.draw(cents))
            }),
        CommandKind("halt", weight: 1) { _ in halt },
        CommandKind("resume", weight: 1) { _ in resume },
        CommandKind("restart", weight: 1) { _ in restart },
        CommandKind("restartAfterFault", weight: 1) { _ in restartAfterFault },
        // Last, so the choices of the kinds above still decode to the same commands.
        CommandKind("canOpenOnLimits", weight: 2, drawing: canOpenOnLimits),
    ]
}
