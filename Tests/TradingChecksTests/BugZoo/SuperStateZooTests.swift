import TradingChecks
import Testing

/// Broken variants of the portfolio super-state: each is caught and shrunk to its known minimum.
@Suite struct SuperStateZooTests {
    /// CRISIS → NORMAL allowed directly: a drawdown just over 30% is CRISIS, then a calm update.
    @Test func crisisToNormal() {
        expectCaught(SuperStateChecks.machine(name: "zoo crisis to normal") { SuperStateMutants.CrisisToNormal() },
                     .invariant("no CRISIS → NORMAL", [
                         ".update(volatility: 0.0, drawdown: 0.30000000000000004, liquidity: 1.0)",
                         ".update(volatility: 0.0, drawdown: 0.0, liquidity: 1.0)",
                     ]))
    }

    /// RECOVERY left after 2 confirmations instead of 3 (the entering update counted): CRISIS,
    /// then the calm update that enters RECOVERY, then two confirming updates — and the broken
    /// machine leaves, one update early.
    @Test func recoveryAfterTwo() {
        expectCaught(SuperStateChecks.machine(name: "zoo recovery after two") { SuperStateMutants.RecoveryAfterTwo() },
                     .invariant("RECOVERY leaves upward only on the 3rd confirmation", [
                         ".update(volatility: 0.0, drawdown: 0.30000000000000004, liquidity: 1.0)",
                         ".update(volatility: 0.0, drawdown: 0.0, liquidity: 1.0)",
                         ".update(volatility: 0.0, drawdown: 0.0, liquidity: 1.0)",
                         ".update(volatility: 0.0, drawdown: 0.0, liquidity: 1.0)",
                     ]))
    }

    /// `canOpen` allowed in STRESSED: liquidity just under 0.2 is STRESSED.
    @Test func opensWhileStressed() {
        expectCaught(SuperStateChecks.machine(name: "zoo opens while stressed") { SuperStateMutants.OpensWhileStressed() },
                     .invariant("canOpen never allows in STRESSED, CRISIS or HALT", [
                         ".update(volatility: 0.0, drawdown: 0.0, liquidity: 0.19999999999999998)",
                         ".canOpen(size: 1, deployed: 0, portfolioValue: 1)",
                     ]))
    }
}
