import PropertyCheck
import TradingModels
import TradingVocabulary

/// The concurrent check of the thread-safe risk stack: a prefix, then 2–3 lanes of the risk
/// stack's commands (restarts aside) at once against one `SharedRiskStack`; each run's responses
/// and final state must be those of some order of the operations that the risk-stack model
/// explains (linearizability).
///
/// A race needs contention, so the cases are drawn for it: the stack starts in DRY_RUN (OFF
/// refuses every order, and an order is what races), orders are a third of the commands, three
/// in four of them on BTC-USD or ETH-USD, and half of them for one cent more than half the room
/// left under their sector's hard limit (two such orders at once fit only one at a time). The
/// other commands are the sequential check's, with its weights.
public enum RiskStackConcurrentChecks {
    public typealias Check<System: SharedSystemUnderTest> = ConcurrentCheck<RiskStackModel, System, RiskStackCommand, RiskStackOutcome>
    where System.Command == RiskStackCommand, System.Outcome == RiskStackOutcome, System.Observation == RiskStackObservation

    /// The check against production's `SharedRiskStack`.
    public static let machine: Check<SharedRiskStackSystem> = machine(name: "risk-stack-concurrent") { try SharedRiskStackSystem() }

    /// The cases the CLI runs by default: each runs 12 times, so 300 cases are 3 600 runs.
    public static let defaultCases = 300

    /// The check against any shared system (production, or a broken variant).
    public static func machine<System: SharedSystemUnderTest>(name: String, system: @escaping @Sendable () throws -> System) -> Check<System>
    where System.Command == RiskStackCommand, System.Outcome == RiskStackOutcome, System.Observation == RiskStackObservation {
        var check = Check<System>(
            name: name,
            model: {
                var model = RiskStackModel()
                _ = model.apply(.enableDryRun)
                return model
            },
            system: {
                let system = try system()
                _ = try system.apply(.enableDryRun)
                return system
            },
            commands: commands,
            runModel: { model, command in model.apply(command) },
            runSystem: { system, command in try system.apply(command) },
            finalState: FinalStateCheck(system: { $0.observation }, model: { $0.observation }))
        check.regressionExpression = "RiskStackConcurrentChecks.machine"
        return check
    }

    /// Orders drawn for contention, then the risk stack's other command kinds without the
    /// restarts (which replace the process rather than race with other calls).
    static let commands: [CommandKind<RiskStackModel, RiskStackCommand>] =
        [
            CommandKind(
                "submit", weight: 12,
                drawing: { model, stream throws(Rejection) in
                    let symbol = try contendedSymbol(&stream)
                    return .submit(symbol, amount: try contendedAmount(model.sectorCaps, for: symbol, from: &stream))
                })
        ] + RiskStackChecks.commands.filter { !["submit", "restart", "restartAfterFault"].contains($0.name) }

    /// BTC-USD or ETH-USD three times in four, otherwise any symbol; shrinks to BTC-USD.
    static func contendedSymbol(_ stream: inout ChoiceStream) throws(Rejection) -> Symbol {
        guard try stream.index(below: 4) < 3 else { return SymbolUniverse.symbols[try stream.index(below: SymbolUniverse.symbols.count)] }
        return SymbolUniverse.symbols[try stream.index(below: 2)]
    }

    /// Half the time one cent more than half the room left under the sector's hard limit (two
    /// such orders fit only one at a time), otherwise the sector-caps check's amounts.
    static func contendedAmount(_ model: SectorCapsModel, for symbol: Symbol, from stream: inout ChoiceStream) throws(Rejection) -> Cents {
        let half = try stream.index(below: 2) == 0
        if half, let value = model.portfolioValue, value.value > 0 {
            let room =
                Int128(value.value) * Int128(model.limits(for: model.sector(for: symbol)).hard.value) / 10_000
                - Int128(model.exposure(of: model.sector(for: symbol)).value)
            if room > 1, room < Int128(Int64.max) { return Cents(Int64(room / 2 + 1)) }
        }
        return try SectorCapsChecks.drawAmount(model, for: symbol, from: &stream)
    }

    /// The registry's entry (`stresscheck check risk-stack-concurrent`).
    public static let entry = MachineEntry(
        concurrent: "the thread-safe risk stack: 2–3 lanes at once on one SharedRiskStack, linearizable against the model",
        defaultCases: defaultCases
    ) { maxLaneSteps in machine.lanes(ofAtMost: maxLaneSteps) }
}

extension ConcurrentCheck {
    /// The same check with another lane length (`--steps`).
    public func lanes(ofAtMost maxLaneSteps: Int?) -> ConcurrentCheck {
        guard let maxLaneSteps else { return self }
        var copy = self
        copy.maxLaneSteps = maxLaneSteps
        return copy
    }
}
