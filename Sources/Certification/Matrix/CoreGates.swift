import StressRun

/// The safety and recovery gates from the flash-crash and broker-failure runs of a
/// certification (the latency gate comes from the decision flood, the integrity gate from the
/// journal's reconciliation).
enum CoreGates {
    /// Safety: across the flash-crash runs, the worst drawdown within the gate, zero hard-limit
    /// breaches; every run flat after the crash and free of safety violations (a broken rule
    /// names its seed). The broker-failure runs' safety violations count here too.
    static func safety(flashCrash: [FlashCrashResult], broker: [BrokerFailureResult], gates: CertificationGates) -> GateResult {
        let breaches = flashCrash.reduce(0) { $0 + $1.hardLimitBreaches }
        var breaks: [RuleBreak] = []
        /// One break per safety property a run broke, in property order.
        func broken(_ violations: [SafetyViolation], test: String, seed: UInt64) -> [RuleBreak] {
            Set(violations.map(\.property)).sorted { $0.rawValue < $1.rawValue }.map {
                RuleBreak(test: test, seed: seed, rule: "safety property \($0.rawValue) broken")
            }
        }
        for run in flashCrash {
            if run.flatAfter == nil { breaks.append(RuleBreak(test: "flash crash", seed: run.seed, rule: "not flat after the crash")) }
            breaks += broken(run.violations, test: "flash crash", seed: run.seed)
        }
        for run in broker { breaks += broken(run.violations, test: "broker failure (\(run.fault.name))", seed: run.seed) }
        let worst = flashCrash.map(\.maxDrawdown).max()
        return GateResult(
            .safety,
            figures: [
                GateFigure("flash crash: worst max drawdown", measured: worst.map { $0 * 100 }, limit: Double(gates.maxDrawdownBasisPoints) / 100, unit: "%"),
                GateFigure("hard-limit breaches", measured: flashCrash.isEmpty ? nil : Double(breaches), limit: 0, unit: "count"),
            ], ruleBreaks: breaks)
    }

    /// Recovery: every broker-failure run kept the rules (nothing sent while down, no buy on
    /// stale data, nothing lost, nothing sent twice), every outage recovered, and the mean
    /// recovery within the gate.
    static func recovery(broker: [BrokerFailureResult], gates: CertificationGates) -> GateResult {
        var breaks: [RuleBreak] = []
        for run in broker {
            let test = "broker failure (\(run.fault.name))"
            if !run.sentWhileDown.isEmpty {
                breaks.append(RuleBreak(test: test, seed: run.seed, rule: "\(run.sentWhileDown.count) order(s) sent while the link was down"))
            }
            if !run.boughtOnStaleData.isEmpty {
                breaks.append(RuleBreak(test: test, seed: run.seed, rule: "\(run.boughtOnStaleData.count) buy(s) on stale data"))
            }
            if !run.unresolved.isEmpty { breaks.append(RuleBreak(test: test, seed: run.seed, rule: "\(run.unresolved.count) order(s) lost (never resolved)")) }
            if !run.sentTwice.isEmpty { breaks.append(RuleBreak(test: test, seed: run.seed, rule: "\(run.sentTwice.count) order(s) sent twice")) }
            if run.recoveryTimes.contains(where: { $0 == nil }) { breaks.append(RuleBreak(test: test, seed: run.seed, rule: "never ready again")) }
        }
        let summary = BrokerFailureSummary(broker)
        return GateResult(
            .recovery,
            figures: [
                GateFigure(
                    "broker failure: mean recovery", measured: summary.meanRecovery.map { Double($0.nanoseconds) / 1e9 },
                    limit: Double(gates.meanRecoveryNanoseconds) / 1e9, unit: "s")
            ], ruleBreaks: breaks)
    }
}
