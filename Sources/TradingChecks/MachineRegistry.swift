import Foundation
import PropertyCheck

/// Every machine StressCheck verifies, in the order a new user meets them.
public enum Machines {
    public static let all: [MachineEntry] = [
        MachineEntry(summary: "NORMAL / DRAIN / FORCED_UNWIND: position cap, drain orders, forced unwind", replayHint: hint) {
            PositionChecks.machine.limited(to: $0)
        },
        MachineEntry(summary: "sector exposure: soft/hard limits per sector, correlated-group limits", replayHint: hint) {
            SectorCapsChecks.machine.limited(to: $0)
        },
        MachineEntry(summary: "portfolio super-state: NORMAL … CRISIS, RECOVERY confirmations, halt/resume, persistence", replayHint: hint) {
            SuperStateChecks.machine.limited(to: $0)
        },
        MachineEntry(summary: "trading mode: OFF / DRY_RUN / LIVE_ACTIVE, confirmation, halts, restarts never resume live", replayHint: hint) {
            TradingModeChecks.machine.limited(to: $0)
        },
        MachineEntry(summary: "the risk stack: mode → super-state → positions → sector caps, one order at a time", replayHint: hint) {
            RiskStackChecks.machine.limited(to: $0)
        },
        MachineEntry(summary: "the simulated exchange: latency, partial fills, rejects, outages, exact books", replayHint: hint) {
            ExchangeChecks.machine.limited(to: $0)
        },
        MachineEntry(summary: "market making: quotes around the mid, skew, inventory limits, pulls, close and emergency stop", replayHint: hint) {
            MarketMakingChecks.machine.limited(to: $0)
        },
        MachineEntry(summary: "simple arbitrage: two venues, two legs, a failed leg unwound, completed when the legs match", replayHint: hint) {
            ArbitrageChecks.machine.limited(to: $0)
        },
        MachineEntry(summary: "cash and carry: spot long, futures short on a rich basis, the band rebalanced, closed on convergence", replayHint: hint) {
            HedgeChecks.spotFutures.limited(to: $0)
        },
        MachineEntry(summary: "calendar spread: near and far futures, opened either way, closed on reversion or before the near expiry", replayHint: hint) {
            HedgeChecks.calendarSpread.limited(to: $0)
        },
        RiskStackConcurrentChecks.entry,
        TransitionSinkConcurrentChecks.entry,
        StressChecks.entry,
    ]

    /// ``replayHint(_:shrink:)`` as a registry's hint.
    public static let hint: @Sendable (String, Bool) -> String? = { replayHint($0, shrink: $1) }

    /// The command printed with a failure of a replayed input: `stresscheck minimize` or
    /// `replay`. (The bug zoo's variants give their own: the zoo's fuzz target.)
    public static func replayHint(_ machine: String, shrink: Bool) -> String {
        "swift run -c release stresscheck \(shrink ? "minimize" : "replay") \(machine) <the input file>"
    }

    /// The entry named `name`.
    public static func named(_ name: String) -> MachineEntry? { all.first { $0.name == name } }
}
