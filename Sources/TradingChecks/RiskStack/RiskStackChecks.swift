import PropertyCheck
import TradingModels
import TradingVocabulary

extension RiskStackModel: ReferenceModel {}

/// The differential check of the whole risk stack: trading mode → super-state → positions →
/// sector caps, persistence and restarts included.
public enum RiskStackChecks {
    public typealias Check<System: SystemUnderTest> = StateMachineCheck<
        RiskStackModel, System, RiskStackCommand, MachineStep<RiskStackOutcome, RiskStackObservation>
    >
    where System.Command == RiskStackCommand, System.Outcome == RiskStackOutcome, System.Observation == RiskStackObservation

    /// The check against production.
    public static let machine: Check<RiskStackSystem> = machine(name: "risk-stack") { try RiskStackSystem() }

    /// The check against any system (production, or a deliberately broken variant).
    public static func machine<System: SystemUnderTest>(name: String, system: @escaping @Sendable () throws -> System) -> Check<System>
    where System.Command == RiskStackCommand, System.Outcome == RiskStackOutcome, System.Observation == RiskStackObservation {
        Differential.check(
            name: name,
            model: { RiskStackModel() },
            system: system,
            commands: commands,
            invariants: RiskStackInvariants.state,
            firstStateViolation: RiskStackInvariants.firstViolation(of:),
            steps: RiskStackInvariants.steps,
            labels: labels,
            coverage: ["order accepted": 10, "failed save reported": 2, "corrupt file refused": 1],
            regressionExpression: "RiskStackChecks.machine")
    }

    typealias Step = MachineStep<RiskStackOutcome, RiskStackObservation>

    static let labels: [CaseLabel<Step>] = {
        var labels = [
            CaseLabel<Step>("order accepted") { if case .decision(.accepted) = $0.outcome { true } else { false } },
            CaseLabel<Step>("failed save reported") { if case .faultyRestart(let report) = $0.outcome { report.saveFailedAt != nil } else { false } },
            CaseLabel<Step>("corrupt file refused") { if case .faultyRestart(let report) = $0.outcome { report.refusedCorruptFile } else { false } },
        ]
        for layer in RiskLayer.allCases {
            labels.append(
                CaseLabel<Step>("order rejected by \(layer.rawValue)") { step in
                    guard case .decision(.rejected(let rejection)) = step.outcome else { return false }
                    return rejection.layer == layer
                })
        }
        return labels
    }()

    static let goLive = Gen.bool(probability: 0.8).map { RiskStackCommand.goLive(confirmed: $0) }
    static let setCap = Gen.int(in: -1...10).map(RiskStackCommand.setCap)
    static let adopt = Gen.zip(SymbolUniverse.any, Gen<Int64>.int(in: -10...2_000_000)).map { RiskStackCommand.adopt($0.0, value: Cents($0.1)) }
    static let setForcedUnwind = Gen.bool.map(RiskStackCommand.setForcedUnwind)
    static let setPortfolioValue = SectorCapsChecks.portfolioValues.map(RiskStackCommand.setPortfolioValue)
    static let setLimits = Gen.zip(Gen.element(of: Sector.allCases), SectorCapsChecks.basisPoints, SectorCapsChecks.basisPoints)
        .map { RiskStackCommand.setLimits(SectorLimits(soft: $0.1, hard: $0.2), for: $0.0) }
    static let setGroupLimit = Gen.zip(Gen.element(of: SectorGroup.allCases), SectorCapsChecks.basisPoints)
        .map { RiskStackCommand.setGroupLimit($0.1, for: $0.0) }
    static func constant(_ command: RiskStackCommand) -> Gen<RiskStackCommand> { Gen.constant(command) }
    static let enableDryRun = constant(.enableDryRun), cycle = constant(.cycle), halt = constant(.halt), resume = constant(.resume)
    static let pause = constant(.pause), stop = constant(.stop), restart = constant(.restart)
    static let restartAfterFault = Gen.zip(PersistenceFaults.generator, Gen.element(of: RiskStackStateFile.allCases))
        .map { RiskStackCommand.restartAfter($0.0, file: $0.1) }

    static func held(_ model: RiskStackModel, _ stream: inout ChoiceStream) throws(Rejection) -> Symbol {
        try SymbolUniverse.draw(mostlyHeld: model.positions.positions, symbol: { $0.symbol }, from: &stream)
    }

    static let commands: [CommandKind<RiskStackModel, RiskStackCommand>] = [
        CommandKind(
            "submit", weight: 8,
            drawing: { model, stream throws(Rejection) in
                let symbol = try stream.draw(SymbolUniverse.any)
                return .submit(symbol, amount: try SectorCapsChecks.drawAmount(model.sectorCaps, for: symbol, from: &stream))
            }),
        CommandKind("enableDryRun", weight: 2) { _ in enableDryRun },
        CommandKind(
            "update", weight: 3,
            drawing: { _, stream throws(Rejection) in
                let drawn = try SuperStateChecks.conditions(&stream)
                return .update(volatility: drawn.volatility, drawdown: drawn.drawdown, liquidity: drawn.liquidity)
            }),
        CommandKind("close", weight: 2, drawing: { model, stream throws(Rejection) in .close(try held(model, &stream)) }),
        CommandKind("goLive", weight: 1) { _ in goLive },
        CommandKind("setCap", weight: 1) { _ in setCap },
        CommandKind("cycle", weight: 1) { _ in cycle },
        CommandKind(
            "mark", weight: 1,
            drawing: { model, stream throws(Rejection) in
                .mark(try held(model, &stream), unrealizedPnL: Cents(try stream.draw(PositionChecks.pnl)))
            }),
        CommandKind(
            "markToMarket", weight: 1,
            drawing: { model, stream throws(Rejection) in
                .markToMarket(try held(model, &stream), value: Cents(try stream.draw(SectorCapsChecks.markValue)))
            }),
        CommandKind("adopt", weight: 1) { _ in adopt },
        CommandKind("setForcedUnwind", weight: 1) { _ in setForcedUnwind },
        CommandKind("setPortfolioValue", weight: 1) { _ in setPortfolioValue },
        CommandKind("setLimits", weight: 1) { _ in setLimits },
        CommandKind("setGroupLimit", weight: 1) { _ in setGroupLimit },
        CommandKind("halt", weight: 1) { _ in halt },
        CommandKind("resume", weight: 1) { _ in resume },
        CommandKind("pause", weight: 1) { _ in pause },
        CommandKind("stop", weight: 1) { _ in stop },
        CommandKind("restart", weight: 1) { _ in restart },
        // Last, so the choices of the kinds above still decode to the same commands.
        CommandKind("restartAfterFault", weight: 1) { _ in restartAfterFault },
    ]
}
