import PropertyCheck
import TradingModels
import TradingVocabulary

extension TradingModeModel: ReferenceModel {}

/// The differential check of the trading mode: OFF / DRY_RUN / LIVE_ACTIVE, halts and restarts.
public enum TradingModeChecks {
    public typealias Check<System: SystemUnderTest> = StateMachineCheck<TradingModeModel, System, TradingModeCommand, MachineStep<TradingModeCommandOutcome, TradingModeObservation>>
    where System.Command == TradingModeCommand, System.Outcome == TradingModeCommandOutcome, System.Observation == TradingModeObservation

    /// The check against production.
    public static let machine: Check<TradingModeSystem> = machine(name: "trading-mode") { TradingModeSystem() }

    /// The check against any system (production, or a deliberately broken variant).
    public static func machine<System: SystemUnderTest>(name: String, system: @escaping @Sendable () throws -> System) -> Check<System>
    where System.Command == TradingModeCommand, System.Outcome == TradingModeCommandOutcome, System.Observation == TradingModeObservation {
        Differential.check(
            name: name,
            model: { TradingModeModel() },
            system: system,
            commands: commands,
            invariants: TradingModeInvariants.state,
            steps: TradingModeInvariants.steps,
            labels: { step in
                var labels = ["reached \(step.state.state.rawValue)"]
                if case .restarted(let transition?) = step.outcome, transition.from == .liveActive { labels.append("restarted while live") }
                return labels
            },
            coverage: ["reached liveActive": 10, "restarted while live": 1],
            regressionExpression: "TradingModeChecks.machine")
    }

    static let commands: [CommandKind<TradingModeModel, TradingModeCommand>] = [
        CommandKind("enableDryRun", weight: 3) { _ in .constant(.enableDryRun) },
        CommandKind("goLive", weight: 3) { _ in Gen.bool(probability: 0.8).map { TradingModeCommand.goLive(confirmed: $0) } },
        CommandKind("submit", weight: 2) { _ in .constant(.submit) },
        CommandKind("setHalted", weight: 2) { _ in Gen.bool.map(TradingModeCommand.setHalted) },
        CommandKind("pause", weight: 1) { _ in .constant(.pause) },
        CommandKind("stop", weight: 1) { _ in .constant(.stop) },
        CommandKind("restart", weight: 2) { _ in .constant(.restart) },
    ]
}
