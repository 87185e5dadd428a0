import PropertyCheck
import TradingChecks

/// The bug zoo: deliberately broken variants of the production machines, each with the minimal
/// counterexample the checks must shrink it to. The tests assert it on several seeds, and the
/// fuzz targets build the same variants to show libFuzzer finds them too.
public struct ZooVariant: Sendable {
    /// This variant, also accepting the other equally short minimal counterexamples `others`.
    func alsoMinimal(_ others: [(minimum: [String], signature: FailureSignature)]) -> ZooVariant {
        var copy = self
        copy.alternatives = others
        return copy
    }

    /// `machine/variant`, e.g. `position/drain-at-excess-0`.
    public let name: String
    /// What is broken.
    public let summary: String
    /// The check of the broken variant (the machine's own check, against the broken system).
    public let entry: MachineEntry
    /// The known minimal command sequence, one command per line as the report prints it.
    public let minimum: [String]
    /// How it must fail.
    public let signature: FailureSignature
    /// Other minimal counterexamples as short as `minimum` that the shrinker may end at from
    /// another seed (two commands in either order; a fill that is whole or partial), each with
    /// how it fails. Empty for most variants.
    public var alternatives: [(minimum: [String], signature: FailureSignature)] = []
    /// Every known minimal counterexample: `minimum`, then the alternatives'.
    public var knownMinima: [[String]] { [minimum] + alternatives.map(\.minimum) }

    init<Model, System, Command, Observation>(
        _ name: String, _ summary: String, minimum: [String], invariant: String,
        _ check: @escaping @Sendable (String) -> StateMachineCheck<Model, System, Command, Observation>
    ) {
        self.name = name
        self.summary = summary
        self.minimum = minimum
        signature = FailureSignature(.invariantViolated(invariant))
        entry = MachineEntry(summary: summary, replayHint: Self.fuzzReplayHint(name)) { steps in check("zoo " + name).limited(to: steps) }
    }

    /// The command printed with a failure of a replayed input: the zoo's fuzz target, which
    /// builds this variant (its name given, never read back from the check's).
    static func fuzzReplayHint(_ name: String) -> @Sendable (String, Bool) -> String? {
        { _, _ in "STRESSCHECK_ZOO=\(name) Fuzz/.build/release/fuzz-zoo <the input file>" }
    }

    /// A variant of a property check (not a state machine): `entry` is the check against the
    /// broken code, `minimum` the lines of its shrunk counterexample as the report numbers
    /// them, `signature` how it fails.
    init(_ name: String, _ summary: String, minimum: [String], signature: FailureSignature, entry: MachineEntry) {
        self.name = name
        self.summary = summary
        self.minimum = minimum
        self.signature = signature
        self.entry = entry
    }

    /// A variant no invariant names: the model and the system diverge at a command of `kind`.
    init<Model, System, Command, Observation>(
        _ name: String, _ summary: String, minimum: [String], divergesAt kind: String,
        _ check: @escaping @Sendable (String) -> StateMachineCheck<Model, System, Command, Observation>
    ) {
        self.name = name
        self.summary = summary
        self.minimum = minimum
        signature = FailureSignature(.diverged(command: kind))
        entry = MachineEntry(summary: summary, replayHint: Self.fuzzReplayHint(name)) { steps in check("zoo " + name).limited(to: steps) }
    }
}

public enum BugZoo {
    /// The super-state's simplest STRESSED and NORMAL updates, as a shrunk counterexample prints them.
    static let stressedUpdate = ".update(volatility: 0.0, drawdown: 0.0, liquidity: 0.19999999999999998)"
    static let calmUpdate = ".update(volatility: 0.0, drawdown: 0.0, liquidity: 1.0)"

    public static let variants: [ZooVariant] =
        [
            ZooVariant(
                "position/drain-at-excess-0", "the original bug: DRAIN at exactly the cap (excess 0)",
                minimum: [".setCap(0)"], invariant: "DRAIN ⇒ excess > 0"
            ) { name in
                PositionChecks.machine(name: name) { PositionMutants.DrainAtExcessZero() }
            },
            ZooVariant(
                "position/drain-closes-winners-first", "cycle() in DRAIN closes the highest PnL first",
                minimum: [".open(\"BTC-USD\")", ".open(\"ETH-USD\")", ".setCap(0)", ".cycle"],
                invariant: "cycle closes lowest PnL first"
            ) { name in
                PositionChecks.machine(name: name) { PositionMutants.DrainClosesWinnersFirst() }
            },
            ZooVariant(
                "position/open-during-forced-unwind", "open checks only count < cap, not FORCED_UNWIND",
                minimum: [".setForcedUnwind(true)", ".open(\"BTC-USD\")"], invariant: "accepted open had NORMAL and count < cap"
            ) { name in
                PositionChecks.machine(name: name) { PositionMutants.OpenDuringForcedUnwind() }
            },
            ZooVariant(
                "sector-caps/cap-checked-before-adding", "the hard cap checked before adding the new amount",
                minimum: [".setPortfolioValue(5)", ".add(\"BTC-USD\", amount: 2)"], invariant: "accepted add keeps sector ≤ hard limit"
            ) { name in
                SectorCapsChecks.machine(name: name) { SectorCapsMutants.CapCheckedBeforeAdding() }
            },
            ZooVariant(
                "sector-caps/limit-exclusive", "the hard limit compared with < instead of ≤",
                minimum: [".setPortfolioValue(5)", ".add(\"BTC-USD\", amount: 1)"], invariant: "rejection is justified"
            ) { name in
                SectorCapsChecks.machine(name: name) { SectorCapsMutants.LimitExclusive() }
            },
            ZooVariant(
                "sector-caps/reduce-keeps-exposure", "an exposure not released on reduce",
                minimum: [".adopt(\"BTC-USD\", value: 1)", ".reduce(\"BTC-USD\", amount: 1)"], invariant: "sector exposure = Σ holdings"
            ) { name in
                SectorCapsChecks.machine(name: name) { SectorCapsMutants.ReduceKeepsExposure() }
            }
            // As short: the top values are drawn by one choice, so the shrink of a fuzzer's crash
            // (which starts among them) ends at the top range's low end instead of at 1.
            .alsoMinimal([
                (
                    [".adopt(\"BTC-USD\", value: 9223372036854774807)", ".reduce(\"BTC-USD\", amount: 1)"],
                    FailureSignature(.invariantViolated("sector exposure = Σ holdings"))
                )
            ]),
            ZooVariant(
                "sector-caps/empty-sector-healthy", "an empty sector reported healthy though its soft limit is 0",
                minimum: [".setPortfolioValue(1)", ".setLimits(SectorLimits(soft: 0, hard: 0), for: .bitcoin)"],
                invariant: "sector health matches exposure"
            ) { name in
                SectorCapsChecks.machine(name: name) { SectorCapsMutants.EmptySectorHealthy() }
            },
            ZooVariant(
                "sector-caps/overflow-not-refused", "an add whose totals pass Int64.max accepted instead of refused with .overflow",
                // The top values are drawn as Int64.max − 1 000 … Int64.max, so the shrunk adoption
                // is the range's low end and the add the one cent more that overflows.
                minimum: [".adopt(\"BTC-USD\", value: 9223372036854774807)", ".add(\"BTC-USD\", amount: 1001)"],
                invariant: "accepted add keeps sector ≤ hard limit"
            ) { name in
                SectorCapsChecks.machine(name: name) { SectorCapsMutants.OverflowNotRefused() }
            },
            ZooVariant(
                "super-state/crisis-to-normal", "CRISIS → NORMAL allowed directly",
                minimum: [
                    ".update(volatility: 0.0, drawdown: 0.30000000000000004, liquidity: 1.0)",
                    ".update(volatility: 0.0, drawdown: 0.0, liquidity: 1.0)",
                ], invariant: "no CRISIS → NORMAL"
            ) { name in
                SuperStateChecks.machine(name: name) { SuperStateMutants.CrisisToNormal() }
            },
            ZooVariant(
                "super-state/recovery-after-two", "RECOVERY left after 2 confirmations (the entering update counted)",
                minimum: [
                    ".update(volatility: 0.0, drawdown: 0.30000000000000004, liquidity: 1.0)",
                    ".update(volatility: 0.0, drawdown: 0.0, liquidity: 1.0)",
                    ".update(volatility: 0.0, drawdown: 0.0, liquidity: 1.0)",
                    ".update(volatility: 0.0, drawdown: 0.0, liquidity: 1.0)",
                ],
                invariant: "RECOVERY leaves upward only on the 3rd confirmation"
            ) { name in
                SuperStateChecks.machine(name: name) { SuperStateMutants.RecoveryAfterTwo() }
            },
            ZooVariant(
                "super-state/opens-while-stressed", "canOpen allowed in STRESSED",
                minimum: [
                    ".update(volatility: 0.0, drawdown: 0.0, liquidity: 0.19999999999999998)",
                    // STRESSED's max position at the smallest value the limits generator draws.
                    ".canOpen(size: 800, deployed: 0, portfolioValue: 10000)",
                ],
                invariant: "canOpen never allows in STRESSED, CRISIS or HALT"
            ) { name in
                SuperStateChecks.machine(name: name) { SuperStateMutants.OpensWhileStressed() }
            },
            ZooVariant(
                "super-state/utilization-exclusive", "the utilization limit compared with < instead of ≤",
                minimum: [".canOpen(size: 1, deployed: 8499, portfolioValue: 10000)"], divergesAt: "canOpenOnLimits"
            ) { name in
                SuperStateChecks.machine(name: name) { SuperStateMutants.UtilizationExclusive() }
            },
            ZooVariant(
                "super-state/max-position-exclusive", "the max position compared with < instead of ≤",
                minimum: [".canOpen(size: 1500, deployed: 0, portfolioValue: 10000)"], divergesAt: "canOpenOnLimits"
            ) { name in
                SuperStateChecks.machine(name: name) { SuperStateMutants.MaxPositionExclusive() }
            },
            ZooVariant(
                "super-state/non-atomic-write", "the state file written in place (no temporary file, no rename)",
                minimum: [".restartAfter(.saveFails(.write))"], divergesAt: "restartAfterFault"
            ) { name in
                SuperStateChecks.machine(name: name) { SuperStateMutants.nonAtomicWrite() }
            },
            ZooVariant(
                "super-state/failed-save-swallowed", "a failed state-file write reported as success",
                minimum: [".restartAfter(.saveFails(.createTemporary))"], divergesAt: "restartAfterFault"
            ) { name in
                SuperStateChecks.machine(name: name) { SuperStateMutants.failedSaveSwallowed() }
            },
            // Any three state changes overflow the check's history of 2 (`SuperStateSystem.historyLimit`);
            // the seeds' shrinks end at three of them.
            ZooVariant(
                "super-state/history-unbounded", "the history never drops its oldest entry: it grows with every state change (and the state file with it)",
                minimum: [".halt", ".resume", ".halt"], divergesAt: "halt"
            ) { name in
                SuperStateChecks.machine(name: name) { SuperStateMutants.historyUnbounded() }
            }
            .alsoMinimal([
                ([".halt", ".resume", stressedUpdate], FailureSignature(.diverged(command: "update"))),
                ([stressedUpdate, calmUpdate, stressedUpdate], FailureSignature(.diverged(command: "update"))),
            ]),
            ZooVariant(
                "trading-mode/restart-resumes-live", "a restart that resumes LIVE_ACTIVE",
                minimum: [".enableDryRun", ".goLive(confirmed: true)", ".restart"], invariant: "restart never resumes LIVE_ACTIVE"
            ) { name in
                TradingModeChecks.machine(name: name) { TradingModeMutants.RestartResumesLive() }
            },
            ZooVariant(
                "trading-mode/halt-keeps-live", "EMERGENCY_HALT does not move LIVE_ACTIVE to DRY_RUN",
                minimum: [".enableDryRun", ".goLive(confirmed: true)", ".setHalted(true)"], invariant: "halted ⇒ not LIVE_ACTIVE"
            ) { name in
                TradingModeChecks.machine(name: name) { TradingModeMutants.HaltKeepsLive() }
            },
            // Any three mode changes overflow the check's history of 2 (`TradingModeSystem.historyLimit`).
            ZooVariant(
                "trading-mode/history-unbounded", "the history never drops its oldest entry: it grows with every mode change (and the state file with it)",
                minimum: [".enableDryRun", ".stop", ".enableDryRun"], divergesAt: "enableDryRun"
            ) { name in
                TradingModeChecks.machine(name: name) { TradingModeMutants.historyUnbounded() }
            }
            .alsoMinimal([([".enableDryRun", ".goLive(confirmed: true)", ".restart"], FailureSignature(.diverged(command: "restart")))]),
            ZooVariant(
                "risk-stack/non-atomic-write", "the stack's super-state file written in place (no temporary file, no rename)",
                minimum: [".restartAfter(.saveFails(.write), file: .superState)"], divergesAt: "restartAfterFault"
            ) { name in
                RiskStackChecks.machine(name: name) { try RiskStackMutants.nonAtomicWrite() }
            },
            ZooVariant(
                "risk-stack/rejection-books-exposure", "a rejected order still books its sector exposure",
                minimum: [".submit(\"BTC-USD\", amount: 2000000)"], invariant: "sectorCaps.sector exposure = Σ holdings"
            ) { name in
                RiskStackChecks.machine(name: name) { try RiskStackMutants.RejectionBooksExposure() }
            },
        ] + ExchangeMutants.variants + StrategyMutants.variants + StressMutants.variants + ConcurrentMutants.variants

    /// The variant named `name`.
    public static func named(_ name: String) -> ZooVariant? { variants.first { $0.name == name } }
}
