import PropertyCheck
import TradingModels
import TradingVocabulary

extension SectorCapsModel: ReferenceModel {}

/// The differential check of sector caps: per-sector soft/hard limits, correlated groups.
public enum SectorCapsChecks {
    public typealias Check<System: SystemUnderTest> = StateMachineCheck<SectorCapsModel, System, SectorCapsCommand, MachineStep<SectorCapsOutcome, SectorCapsObservation>>
    where System.Command == SectorCapsCommand, System.Outcome == SectorCapsOutcome, System.Observation == SectorCapsObservation

    /// The check against production.
    public static let machine: Check<SectorCapsSystem> = machine(name: "sector-caps") { SectorCapsSystem() }

    /// The check against any system (production, or a deliberately broken variant).
    public static func machine<System: SystemUnderTest>(name: String, system: @escaping @Sendable () -> System) -> Check<System>
    where System.Command == SectorCapsCommand, System.Outcome == SectorCapsOutcome, System.Observation == SectorCapsObservation {
        Differential.check(
            name: name,
            model: { SectorCapsModel() },
            system: system,
            commands: commands,
            invariants: SectorCapsInvariants.state,
            steps: SectorCapsInvariants.steps,
            normalize: { observation in
                var sorted = observation
                sorted.holdings.sort { $0.symbol < $1.symbol }
                return sorted
            },
            labels: { step in
                var labels: [String] = []
                if case .decision(.rejected(let reason)) = step.outcome { labels.append("rejected: \(reason)") }
                if step.state.overallHealth == .critical { labels.append("critical") }
                return labels
            },
            coverage: ["critical": 5],
            regressionExpression: "SectorCapsChecks.machine")
    }

    /// Amounts near what the model says is left under a limit: exactly the room, one cent more or
    /// less, and ordinary sizes, so the "equal to the limit is allowed" boundary is hit often.
    static func amount(_ model: SectorCapsModel, for symbol: Symbol) -> Gen<Cents> {
        let ordinary = Gen<Int64>.int(in: -100...2_000_000).map { Cents($0) }
        guard let value = model.portfolioValue, value.value > 0 else { return ordinary }
        let sector = model.sector(for: symbol)
        let hard = Int128(model.limits(for: sector).hard.value)
        let room = Int128(value.value) * hard / 10_000 - Int128(model.exposure(of: sector).value)
        guard room > 0, room < Int128(Int64.max) else { return ordinary }
        let exact = Int64(room)
        return Gen.frequency([
            (weight: 2, generator: ordinary),
            (weight: 2, generator: Gen.element(of: [exact, exact + 1, max(exact - 1, 1)]).map { Cents($0) }),
        ])
    }

    /// Portfolio values, bad ones (0, -1) included. One plain range: generators with a single
    /// encoding shrink to one canonical minimum.
    static let portfolioValues = Gen<Int64>.int(in: -1...10_000_000).map { Cents($0) }

    /// Limits in basis points, a negative one included.
    static let basisPoints = Gen<Int64>.int(in: -1...10_000).map { BasisPoints($0) }

    static let commands: [CommandKind<SectorCapsModel, SectorCapsCommand>] = [
        CommandKind("add", weight: 5) { model in
            SymbolUniverse.any.flatMap { symbol in amount(model, for: symbol).map { SectorCapsCommand.add(symbol, amount: $0) } }
        },
        CommandKind("setPortfolioValue", weight: 2) { _ in portfolioValues.map(SectorCapsCommand.setPortfolioValue) },
        CommandKind("canAdd", weight: 2) { model in
            SymbolUniverse.any.flatMap { symbol in amount(model, for: symbol).map { SectorCapsCommand.canAdd(symbol, amount: $0) } }
        },
        CommandKind("reduce", weight: 3) { model in
            SymbolUniverse.mostlyHeld(model.holdings.map(\.symbol)).flatMap { symbol in
                let held = model.holding(of: symbol)?.value ?? 0
                return Gen.frequency([
                    (weight: 3, generator: Gen<Int64>.int(in: 1...max(held, 1))),
                    (weight: 1, generator: Gen.element(of: [held, held + 1, 0, -5])),
                ]).map { SectorCapsCommand.reduce(symbol, amount: Cents($0)) }
            }
        },
        CommandKind("markToMarket", weight: 2) { model in
            Gen.zip(SymbolUniverse.mostlyHeld(model.holdings.map(\.symbol)), Gen<Int64>.int(in: -10...3_000_000))
                .map { SectorCapsCommand.markToMarket($0.0, value: Cents($0.1)) }
        },
        CommandKind("setLimits", weight: 1) { _ in
            Gen.zip(Gen.element(of: Sector.allCases), basisPoints, basisPoints)
                .map { SectorCapsCommand.setLimits(SectorLimits(soft: $0.1, hard: $0.2), for: $0.0) }
        },
        CommandKind("setGroupLimit", weight: 1) { _ in
            Gen.zip(Gen.element(of: SectorGroup.allCases), basisPoints).map { SectorCapsCommand.setGroupLimit($0.1, for: $0.0) }
        },
        CommandKind("adopt", weight: 1) { _ in
            Gen.zip(SymbolUniverse.any, Gen<Int64>.int(in: -10...2_000_000)).map { SectorCapsCommand.adopt($0.0, value: Cents($0.1)) }
        },
        CommandKind("remove", weight: 1) { model in SymbolUniverse.mostlyHeld(model.holdings.map(\.symbol)).map(SectorCapsCommand.remove) },
    ]
}
