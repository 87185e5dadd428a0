import PropertyCheck
import TradingModels
import TradingVocabulary

extension RiskStackModel: ReferenceModel {}

/// The differential check of the whole risk stack: trading mode → super-state → positions →
/// sector caps, persistence and restarts included.
public enum RiskStackChecks {
    public typealias Check<System: SystemUnderTest> = StateMachineCheck<RiskStackModel, System, RiskStackCommand, MachineStep<RiskStackOutcome, RiskStackObservation>>
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
            steps: RiskStackInvariants.steps,
            labels: { step in
                guard case .decision(let decision) = step.outcome else { return [] }
                switch decision {
                case .accepted: return ["order accepted"]
                case .rejected(let rejection): return ["order rejected by \(rejection.layer)"]
                }
            },
            coverage: ["order accepted": 10],
            regressionExpression: "RiskStackChecks.machine")
    }

    /// Order sizes: ordinary ones, and the room left under the sector's hard limit (±1 cent).
    static func amount(_ model: RiskStackModel, for symbol: Symbol) -> Gen<Cents> {
        SectorCapsChecks.amount(model.sectorCaps, for: symbol)
    }

    static let commands: [CommandKind<RiskStackModel, RiskStackCommand>] = [
        CommandKind("submit", weight: 8) { model in
            SymbolUniverse.any.flatMap { symbol in amount(model, for: symbol).map { RiskStackCommand.submit(symbol, amount: $0) } }
        },
        CommandKind("enableDryRun", weight: 2) { _ in .constant(.enableDryRun) },
        CommandKind("update", weight: 3) { _ in
            Gen.zip(SuperStateChecks.volatility, SuperStateChecks.drawdown, SuperStateChecks.liquidity)
                .map { RiskStackCommand.update(volatility: $0.0, drawdown: $0.1, liquidity: $0.2) }
        },
        CommandKind("close", weight: 2) { model in SymbolUniverse.mostlyHeld(model.positions.positions.map(\.symbol)).map(RiskStackCommand.close) },
        CommandKind("goLive", weight: 1) { _ in Gen.bool(probability: 0.8).map { RiskStackCommand.goLive(confirmed: $0) } },
        CommandKind("setCap", weight: 1) { _ in Gen.int(in: -1...10).map(RiskStackCommand.setCap) },
        CommandKind("cycle", weight: 1) { _ in .constant(.cycle) },
        CommandKind("mark", weight: 1) { model in
            Gen.zip(SymbolUniverse.mostlyHeld(model.positions.positions.map(\.symbol)), Gen<Int64>.int(in: -1_000_000...1_000_000))
                .map { RiskStackCommand.mark($0.0, unrealizedPnL: Cents($0.1)) }
        },
        CommandKind("markToMarket", weight: 1) { model in
            Gen.zip(SymbolUniverse.mostlyHeld(model.positions.positions.map(\.symbol)), Gen<Int64>.int(in: -10...3_000_000))
                .map { RiskStackCommand.markToMarket($0.0, value: Cents($0.1)) }
        },
        CommandKind("adopt", weight: 1) { _ in
            Gen.zip(SymbolUniverse.any, Gen<Int64>.int(in: -10...2_000_000)).map { RiskStackCommand.adopt($0.0, value: Cents($0.1)) }
        },
        CommandKind("setForcedUnwind", weight: 1) { _ in Gen.bool.map(RiskStackCommand.setForcedUnwind) },
        CommandKind("setPortfolioValue", weight: 1) { _ in SectorCapsChecks.portfolioValues.map(RiskStackCommand.setPortfolioValue) },
        CommandKind("setLimits", weight: 1) { _ in
            Gen.zip(Gen.element(of: Sector.allCases), SectorCapsChecks.basisPoints, SectorCapsChecks.basisPoints)
                .map { RiskStackCommand.setLimits(SectorLimits(soft: $0.1, hard: $0.2), for: $0.0) }
        },
        CommandKind("setGroupLimit", weight: 1) { _ in
            Gen.zip(Gen.element(of: SectorGroup.allCases), SectorCapsChecks.basisPoints).map { RiskStackCommand.setGroupLimit($0.1, for: $0.0) }
        },
        CommandKind("halt", weight: 1) { _ in .constant(.halt) },
        CommandKind("resume", weight: 1) { _ in .constant(.resume) },
        CommandKind("pause", weight: 1) { _ in .constant(.pause) },
        CommandKind("stop", weight: 1) { _ in .constant(.stop) },
        CommandKind("restart", weight: 1) { _ in .constant(.restart) },
    ]
}
