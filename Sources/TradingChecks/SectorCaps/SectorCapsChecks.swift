import PropertyCheck
import TradingModels
import TradingVocabulary

extension SectorCapsModel: ReferenceModel {}

/// The differential check of sector caps: per-sector soft/hard limits, correlated groups.
public enum SectorCapsChecks {
    public typealias Check<System: SystemUnderTest> = StateMachineCheck<
        SectorCapsModel, System, SectorCapsCommand, MachineStep<SectorCapsOutcome, SectorCapsObservation>
    >
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
            firstStateViolation: SectorCapsInvariants.firstViolation(of:),
            steps: SectorCapsInvariants.steps,
            labels: [
                CaseLabel("critical") { $0.state.overallHealth == .critical },
                CaseLabel("rejected: sector hard limit") { if case .decision(.rejected(.sectorHardLimit)) = $0.outcome { true } else { false } },
                CaseLabel("rejected: group limit") { if case .decision(.rejected(.groupLimit)) = $0.outcome { true } else { false } },
                CaseLabel("rejected: no portfolio value") { $0.outcome == .decision(.rejected(.noPortfolioValue)) },
            ],
            coverage: ["critical": 5],
            regressionExpression: "SectorCapsChecks.machine")
    }

    static let ordinaryAmount = Gen<Int64>.int(in: -100...2_000_000)

    /// An amount near what the model says is left under the sector's hard limit: half the time
    /// the room exactly, one cent more or one cent less, so the "equal to the limit is allowed"
    /// boundary is hit often; otherwise an ordinary size.
    static func drawAmount(_ model: SectorCapsModel, for symbol: Symbol, from stream: inout ChoiceStream) throws(Rejection) -> Cents {
        guard let value = model.portfolioValue, value.value > 0 else { return Cents(try stream.draw(ordinaryAmount)) }
        let sector = model.sector(for: symbol)
        let room = Int128(value.value) * Int128(model.limits(for: sector).hard.value) / 10_000 - Int128(model.exposure(of: sector).value)
        guard room > 0, room < Int128(Int64.max) else { return Cents(try stream.draw(ordinaryAmount)) }
        let exact = Int64(room)
        // The room first: lowering the pick from an ordinary amount reaches it (one way to shrink).
        guard try stream.index(below: 4) < 2 else { return Cents(try stream.draw(ordinaryAmount)) }
        switch try stream.index(below: 3) {
        case 0: return Cents(exact)
        case 1: return Cents(exact + 1)
        default: return Cents(max(exact - 1, 1))
        }
    }

    /// Portfolio values, bad ones (0, -1) included. One plain range: generators with a single
    /// encoding shrink to one canonical minimum.
    static let portfolioValues = Gen<Int64>.int(in: -1...10_000_000).map { Cents($0) }

    /// Limits in basis points, a negative one included.
    static let basisPoints = Gen<Int64>.int(in: -1...10_000).map { BasisPoints($0) }

    static let setPortfolioValue = portfolioValues.map(SectorCapsCommand.setPortfolioValue)
    /// Values at the top of `Int64`: one adoption or mark there leaves the total exposure within
    /// a few thousand cents of `Int64.max`, so the next add or adoption meets the overflow rule
    /// (issue 9 §1: production's `add` trapped there).
    static let topValue = Gen<Int64>.int(in: (Int64.max - 1_000)...Int64.max)
    /// Mostly ordinary values, one in ten at the top of `Int64`.
    static func ordinaryOrTop(_ ordinary: Gen<Int64>) -> Gen<Int64> {
        Gen.frequency([(weight: 9, generator: ordinary), (weight: 1, generator: topValue)])
    }
    static let markValue = ordinaryOrTop(Gen<Int64>.int(in: -10...3_000_000))
    static let setLimits = Gen.zip(Gen.element(of: Sector.allCases), basisPoints, basisPoints)
        .map { SectorCapsCommand.setLimits(SectorLimits(soft: $0.1, hard: $0.2), for: $0.0) }
    static let setGroupLimit = Gen.zip(Gen.element(of: SectorGroup.allCases), basisPoints).map { SectorCapsCommand.setGroupLimit($0.1, for: $0.0) }
    static let adopt = Gen.zip(SymbolUniverse.any, ordinaryOrTop(Gen<Int64>.int(in: -10...2_000_000))).map { SectorCapsCommand.adopt($0.0, value: Cents($0.1)) }

    static func held(_ model: SectorCapsModel, _ stream: inout ChoiceStream) throws(Rejection) -> Symbol {
        try SymbolUniverse.draw(mostlyHeld: model.holdings, symbol: { $0.symbol }, from: &stream)
    }

    static let commands: [CommandKind<SectorCapsModel, SectorCapsCommand>] = [
        CommandKind(
            "add", weight: 5,
            drawing: { model, stream throws(Rejection) in
                let symbol = try stream.draw(SymbolUniverse.any)
                return .add(symbol, amount: try drawAmount(model, for: symbol, from: &stream))
            }),
        CommandKind("setPortfolioValue", weight: 2) { _ in setPortfolioValue },
        CommandKind(
            "canAdd", weight: 2,
            drawing: { model, stream throws(Rejection) in
                let symbol = try stream.draw(SymbolUniverse.any)
                return .canAdd(symbol, amount: try drawAmount(model, for: symbol, from: &stream))
            }),
        CommandKind(
            "reduce", weight: 3,
            drawing: { model, stream throws(Rejection) in
                let symbol = try held(model, &stream)
                let holding = model.holding(of: symbol)?.value ?? 0
                // Three times in four a part of the holding; otherwise all of it, one cent more, 0 or -5.
                guard try stream.index(below: 4) == 3 else {
                    return .reduce(symbol, amount: Cents(1 + Int64(try stream.index(below: Int(min(max(holding, 1), 1 << 40))))))
                }
                let odd: [Int64] = [holding, holding < .max ? holding + 1 : holding, 0, -5]  // no cent more than Int64.max
                return .reduce(symbol, amount: Cents(odd[try stream.index(below: odd.count)]))
            }),
        CommandKind(
            "markToMarket", weight: 2,
            drawing: { model, stream throws(Rejection) in
                .markToMarket(try held(model, &stream), value: Cents(try stream.draw(markValue)))
            }),
        CommandKind("setLimits", weight: 1) { _ in setLimits },
        CommandKind("setGroupLimit", weight: 1) { _ in setGroupLimit },
        CommandKind("adopt", weight: 1) { _ in adopt },
        CommandKind("remove", weight: 1, drawing: { model, stream throws(Rejection) in .remove(try held(model, &stream)) }),
    ]
}
