import PropertyCheck
import TradingModels
import TradingVocabulary

extension PositionModel: ReferenceModel {}

/// The differential check of position management: NORMAL / DRAIN / FORCED_UNWIND.
public enum PositionChecks {
    public typealias Check<System: SystemUnderTest> = StateMachineCheck<PositionModel, System, PositionCommand, MachineStep<PositionOutcome, PositionObservation>>
    where System.Command == PositionCommand, System.Outcome == PositionOutcome, System.Observation == PositionObservation

    /// The check against production.
    public static let machine: Check<PositionSystem> = machine(name: "position") { PositionSystem() }

    /// The check against any system (production, or a deliberately broken variant).
    public static func machine<System: SystemUnderTest>(name: String, system: @escaping @Sendable () -> System) -> Check<System>
    where System.Command == PositionCommand, System.Outcome == PositionOutcome, System.Observation == PositionObservation {
        Differential.check(
            name: name,
            model: { PositionModel() },
            system: system,
            commands: commands,
            invariants: PositionInvariants.state,
            steps: PositionInvariants.steps,
            labels: { step in
                switch step.state.state {
                case .normal: step.state.excess == 0 ? ["at cap"] : []
                case .drain: ["DRAIN reached"]
                case .forcedUnwind: ["FORCED_UNWIND reached"]
                }
            },
            coverage: ["DRAIN reached": 10, "at cap": 5],
            regressionExpression: "PositionChecks.machine")
    }

    /// The commands, drawn from the model's state: symbols mostly from those held where that
    /// makes sense, with bad inputs (duplicate opens, closes of unheld symbols, negative caps).
    static let commands: [CommandKind<PositionModel, PositionCommand>] = [
        CommandKind("open", weight: 4) { _ in SymbolUniverse.any.map(PositionCommand.open) },
        CommandKind("setCap", weight: 2) { _ in Gen.int(in: -1...10).map(PositionCommand.setCap) },
        CommandKind("close", weight: 3) { model in SymbolUniverse.mostlyHeld(model.positions.map(\.symbol)).map(PositionCommand.close) },
        CommandKind("cycle", weight: 3) { _ in .constant(.cycle) },
        CommandKind("mark", weight: 3) { model in
            Gen.zip(SymbolUniverse.mostlyHeld(model.positions.map(\.symbol)), Gen<Int64>.int(in: -1_000_000...1_000_000))
                .map { PositionCommand.mark($0.0, unrealizedPnL: Cents($0.1)) }
        },
        CommandKind("adopt", weight: 2) { _ in SymbolUniverse.any.map(PositionCommand.adopt) },
        CommandKind("setForcedUnwind", weight: 1) { _ in Gen.bool.map(PositionCommand.setForcedUnwind) },
    ]
}
