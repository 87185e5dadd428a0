import ExchangeSim
import MarketSim
import TradingMachines
import TradingVocabulary

extension Run {
    /// Why the stack is not settled after this step (empty: settled): not halted, out of CRISIS
    /// unless the conditions still say CRISIS, flat in FORCED_UNWIND, nothing in flight, books
    /// and stack reconciled.
    func livenessFailures(conditions: Conditions) -> [LivenessFailure] {
        var failures: [LivenessFailure] = []
        let state = stack.portfolioState
        if state == .emergencyHalt { failures.append(.stillHalted) }
        if state == .crisis || state == .emergencyHalt, stack.lastClassification == .crisis {
            failures.append(.conditionsStillCrisis)
        } else if state == .crisis {
            failures.append(.stuckInCrisis)
        }
        if stack.isForcedUnwind {
            for i in symbols.indices where ledger.positions[i].lots > 0 {
                failures.append(.notFlat(symbol: symbols[i], lots: ledger.positions[i].lots))
            }
        }
        if !tracked.isEmpty { failures.append(.ordersUnresolved(count: tracked.count)) }
        if !isReconciled { failures.append(.unreconciled) }
        return failures
    }

    /// When the market turns quiet: the end of the last phase that moves prices or is not calm,
    /// of the last bar a transformer changes, of the last venue fault window, of the last
    /// unusable bar. Nil if that is the run's end (data corruption may change any bar: a run
    /// with it has no quiet period).
    func quietFrom(_ market: CrashResult) -> SimTime? {
        let end = self.market.end
        var quiet = start
        let skipped = Set(market.skippedTransformers.map(\.index))
        for (index, transformer) in market.scenario.transformers.enumerated() where !skipped.contains(index) {
            guard let bars = Self.barsChanged(by: transformer) else { return nil }
            quiet = max(quiet, start + interval * Int64(bars))
        }
        for span in market.phases {
            let phase = market.scenario.phases[span.phaseIndex]
            let moves = phase.move != 0 || (phase.marketMove ?? 0) != 0
            let calm = phase.conditions == .calm && (phase.marketConditions ?? .calm) == .calm
            if moves || !calm { quiet = max(quiet, span.end) }
        }
        for window in schedule.disconnects + schedule.rejectStorms + schedule.staleBooks { quiet = max(quiet, start + window.end) }
        for case .dataFault(let fault) in events { quiet = max(quiet, fault.time + interval) }
        return quiet < end ? quiet : nil
    }

    /// The bar after the last one `transformer` changes, or nil when it may change any bar.
    static func barsChanged(by transformer: Transformer) -> Int? {
        switch transformer {
        case .flashCrash(let t): t.startBar + t.durationBars + t.recoveryBars
        case .volatilitySpike(let t): t.startBar + t.durationBars
        case .liquidityDrop(let t): t.startBar + t.durationBars
        case .spreadExplosion(let t): t.startBar + t.durationBars
        case .correlationBreakdown(let t): t.startBar + t.durationBars
        case .pumpAndDump(let t): t.collapseEndBar + 1
        case .dataCorruption: nil
        case .mixed(let mixed):
            mixed.steps.reduce(Optional(0)) { last, step in
                guard let last, let bars = barsChanged(by: step) else { return nil }
                return max(last, bars)
            }
        }
    }

    /// The liveness verdict from the per-step goal statuses. A historic market is not judged:
    /// real prices never stop moving on cue, and nothing declares when the data turns quiet.
    func livenessVerdict() -> LivenessVerdict {
        guard let crash = market.crash else { return .notApplicable(.historicMarket) }
        guard let quiet = quietFrom(crash) else { return .notApplicable(.noQuietPeriod) }
        let deadline = quiet + configuration.livenessDeadline(interval: interval)
        for goal in goals where goal.time >= quiet && goal.time <= deadline && goal.failures.isEmpty {
            return .held(quietFrom: quiet, settledAt: goal.time)
        }
        guard let atDeadline = goals.first(where: { $0.time >= deadline }) else {
            return .notApplicable(.runEndedBeforeDeadline(quietFrom: quiet, deadline: deadline))
        }
        return .failed(quietFrom: quiet, deadline: deadline, reasons: atDeadline.failures)
    }
}
