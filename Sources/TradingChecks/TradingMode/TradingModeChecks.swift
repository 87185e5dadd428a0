import PropertyCheck
import TradingModels
import TradingVocabulary

extension TradingModeModel: ReferenceModel {}

/// The differential check of the trading mode: OFF / DRY_RUN / LIVE_ACTIVE, halts and restarts.
public enum TradingModeChecks {
    public typealias Check<System: SystemUnderTest> = StateMachineCheck<
        TradingModeModel, System, TradingModeCommand, MachineStep<TradingModeCommandOutcome, TradingModeObservation>
    >
    where System.Command == TradingModeCommand, System.Outcome == TradingModeCommandOutcome, System.Observation == TradingModeObservation

    /// The check against production.
    public static let machine: Check<TradingModeSystem> = machine(name: "trading-mode") { TradingModeSystem() }

    /// The check against any system (production, or a deliberately broken variant).
    public static func machine<System: SystemUnderTest>(name: String, system: @escaping @Sendable () throws -> System) -> Check<System>
    where System.Command == TradingModeCommand, System.Outcome == TradingModeCommandOutcome, System.Observation == TradingModeObservation {
        Differential.check(
            name: name,
            model: { TradingModeModel(historyLimit: TradingModeSystem.historyLimit) },
            system: system,
            commands: commands,
            invariants: TradingModeInvariants.state,
            firstStateViolation: TradingModeInvariants.firstViolation(of:),
            steps: TradingModeInvariants.steps,
            labels: TradingModeState.allCases.map { state in CaseLabel("reached \(state.rawValue)") { $0.state.state == state } } + [
                CaseLabel("restarted while live") { if case .restarted(let transition?) = $0.outcome { transition.from == .liveActive } else { false } },
                CaseLabel("failed save reported") { if case .faultyRestart(let report, _) = $0.outcome { report.saveFailedAt != nil } else { false } },
                CaseLabel("corrupt file refused") { if case .faultyRestart(let report, _) = $0.outcome { report.refusedCorruptFile } else { false } },
            ]
                + BoundedHistoryLabels.labels(
                    dropped: \.historyDropped, isRestart: { if case .restarted = $0 { true } else if case .faultyRestart = $0 { true } else { false } }),
            coverage: [
                "reached liveActive": 10, "restarted while live": 1, "failed save reported": 2, "corrupt file refused": 1,
            ].merging(BoundedHistoryLabels.coverage) { own, _ in own },
            regressionExpression: "TradingModeChecks.machine")
    }

    static let goLive = Gen.bool(probability: 0.8).map { TradingModeCommand.goLive(confirmed: $0) }
    static let setHalted = Gen.bool.map(TradingModeCommand.setHalted)
    static func constant(_ command: TradingModeCommand) -> Gen<TradingModeCommand> { Gen.constant(command) }
    static let enableDryRun = constant(.enableDryRun), submit = constant(.submit), pause = constant(.pause)
    static let stop = constant(.stop), restart = constant(.restart)

    static let commands: [CommandKind<TradingModeModel, TradingModeCommand>] = [
        CommandKind("enableDryRun", weight: 3) { _ in enableDryRun },
        CommandKind("goLive", weight: 3) { _ in goLive },
        CommandKind("submit", weight: 2) { _ in submit },
        CommandKind("setHalted", weight: 2) { _ in setHalted },
        CommandKind("pause", weight: 1) { _ in pause },
        CommandKind("stop", weight: 1) { _ in stop },
        CommandKind("restart", weight: 2) { _ in restart },
        CommandKind("restartAfterFault", weight: 1) { _ in restartAfterFault },
    ]

    static let restartAfterFault = PersistenceFaults.generator.map { TradingModeCommand.restartAfter($0) }
}
