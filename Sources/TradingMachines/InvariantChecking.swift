/// Whether this build checks every production machine's invariants after every input: on under
/// the compile-time flag `STRESSCHECK_INVARIANT_CHECKS`, which `Package.swift` sets for debug
/// builds (`swift test`) and `Fuzz/build.sh` and `.ci/run` set for their release builds; off
/// (compiled out) in a plain release build, where the decision paths stay as fast as measured.
#if STRESSCHECK_INVARIANT_CHECKS
    public let invariantChecksEnabled = true
#else
    public let invariantChecksEnabled = false
#endif

/// Traps naming every broken invariant, when the checks are compiled in: a broken invariant
/// after an input is a bug in the machine, and continuing would hide where it happened.
@inline(__always)
func trapOnBrokenInvariants(of machine: StaticString, _ violations: @autoclosure () -> [String]) {
    #if STRESSCHECK_INVARIANT_CHECKS
        let broken = violations()
        precondition(broken.isEmpty, "\(machine): invariants broken after an input: \(broken.joined(separator: ", "))")
    #endif
}

extension PositionManager {
    /// `checkInvariants()` after an input, under `STRESSCHECK_INVARIANT_CHECKS`.
    @inline(__always) func checkInvariantsIfEnabled() { trapOnBrokenInvariants(of: "PositionManager", checkInvariants()) }
}

extension SectorCaps {
    /// `checkInvariants()` after an input, under `STRESSCHECK_INVARIANT_CHECKS`.
    @inline(__always) func checkInvariantsIfEnabled() { trapOnBrokenInvariants(of: "SectorCaps", checkInvariants()) }
}

extension PortfolioSuperState {
    /// `checkInvariants()` after an input, under `STRESSCHECK_INVARIANT_CHECKS`, reading only
    /// the history entries appended since the last check (see `checkedHistoryCount`).
    @inline(__always) mutating func checkInvariantsIfEnabled() {
        #if STRESSCHECK_INVARIANT_CHECKS
            let start = checkedHistoryCount <= history.count ? checkedHistoryCount : 0
            trapOnBrokenInvariants(of: "PortfolioSuperState", checkInvariants(historyFrom: start))
            checkedHistoryCount = history.count
        #endif
    }
}

extension TradingMode {
    /// `checkInvariants()` after an input, under `STRESSCHECK_INVARIANT_CHECKS`, reading only
    /// the history entries appended since the last check (see `checkedHistoryCount`).
    @inline(__always) mutating func checkInvariantsIfEnabled() {
        #if STRESSCHECK_INVARIANT_CHECKS
            let start = checkedHistoryCount <= history.count ? checkedHistoryCount : 0
            trapOnBrokenInvariants(of: "TradingMode", snapshot.violations(historyFrom: start))
            checkedHistoryCount = history.count
        #endif
    }
}

extension RiskStack {
    /// `checkInvariants()` after an input, under `STRESSCHECK_INVARIANT_CHECKS`: the trading
    /// mode and the super-state incrementally (as after their own inputs), the rest in full.
    @inline(__always) mutating func checkInvariantsIfEnabled() {
        #if STRESSCHECK_INVARIANT_CHECKS
            tradingMode.checkInvariantsIfEnabled()
            superState.checkInvariantsIfEnabled()
            trapOnBrokenInvariants(of: "RiskStack", checkInvariants(includingHistories: false))
        #endif
    }
}
