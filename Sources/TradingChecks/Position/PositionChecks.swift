import PropertyCheck
import TradingModels
import TradingVocabulary

extension PositionModel: ReferenceModel {}

/// The differential check of position management: NORMAL / DRAIN / FORCED_UNWIND.
public enum PositionChecks {
    public typealias Check<System: SystemUnderTest> = StateMachineCheck<
        PositionModel, System, PositionCommand, MachineStep<PositionOutcome, PositionObservation>
    >
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
            firstStateViolation: PositionInvariants.firstViolation(of:),
            steps: PositionInvariants.steps,
            labels: [
                CaseLabel("at cap") { $0.state.state == .normal && $0.state.excess == 0 },
                CaseLabel("DRAIN reached") { $0.state.state == .drain },
                CaseLabel("FORCED_UNWIND reached") { $0.state.state == .forcedUnwind },
            ],
            coverage: ["DRAIN reached": 10, "at cap": 5],
            regressionExpression: "PositionChecks.machine")
    }

    static let open = SymbolUniverse.any.map(PositionCommand.open)
    static let adopt = SymbolUniverse.any.map(PositionCommand.adopt)
    static let cycle = Gen.constant(PositionCommand.cycle)
    static let setCap = Gen.int(in: -1...10).map(PositionCommand.setCap)
    static let setForcedUnwind = Gen.bool.map(PositionCommand.setForcedUnwind)
    static let pnl = Gen<Int64>.int(in: -1_000_000...1_000_000)

    /// The commands, drawn from the model's state: symbols mostly from those held where that
    /// makes sense, with bad inputs (duplicate opens, closes of unheld symbols, negative caps).
    static let commands: [CommandKind<PositionModel, PositionCommand>] = [
        CommandKind("open", weight: 4) { _ in open },
        CommandKind("setCap", weight: 2) { _ in setCap },
        CommandKind(
            "close", weight: 3,
            drawing: { model, stream throws(Rejection) in
                .close(try SymbolUniverse.draw(mostlyHeld: model.positions, symbol: { $0.symbol }, from: &stream))
            }),
        CommandKind("cycle", weight: 3) { _ in cycle },
        CommandKind(
            "mark", weight: 3,
            drawing: { model, stream throws(Rejection) in
                let symbol = try SymbolUniverse.draw(mostlyHeld: model.positions, symbol: { $0.symbol }, from: &stream)
                return .mark(symbol, unrealizedPnL: Cents(try stream.draw(pnl)))
            }),
        CommandKind("adopt", weight: 2) { _ in adopt },
        CommandKind("setForcedUnwind", weight: 1) { _ in setForcedUnwind },
    ]
}
