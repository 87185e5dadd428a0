import ExchangeSim
import MarketSim
import TradingMachines
import TradingVocabulary

extension Run {
    /// Computes this bar's conditions, feeds them to the super-state and checks
    /// `superStateFollowsClassification` against the classification of the fresh conditions.
    mutating func feedSuperState(equity: Int64) -> Conditions {
        let positions = ledger.positions
        let fresh = feed.conditions(equity: equity) { positions[$0].lots > 0 }
        let fed = mutation == .staleConditions ? (previousConditions ?? fresh) : fresh
        previousConditions = fresh
        let before = stack.portfolioState
        // The feed clamps every input into range: the project's stack accepts them, and a
        // governor that refuses them is logged.
        do { try stack.update(volatility: fed.volatility, drawdown: fed.drawdown, liquidity: fed.liquidity) } catch {
            refused(.updateConditions, nil, error)
        }
        // The same clamped inputs: a refusal here is a bug of the feed's, named.
        let classification: PortfolioState
        do {
            classification = try PortfolioSuperState.classify(volatility: fresh.volatility, drawdown: fresh.drawdown, liquidity: fresh.liquidity)
        } catch {
            preconditionFailure("the feed's conditions \(fresh) do not classify: \(error)")
        }
        let state = stack.portfolioState
        if !Self.satisfies(classification, before: before, after: state) {
            violate(.stateBelowClassification(time: now, classification: classification, before: before, state: state))
        }
        return fresh
    }

    /// The rule of `superStateFollowsClassification`: CRISIS requires CRISIS or EMERGENCY_HALT;
    /// STRESSED requires STRESSED or worse, except that CRISIS steps down through RECOVERY.
    static func satisfies(_ classification: PortfolioState, before: PortfolioState, after: PortfolioState) -> Bool {
        switch classification {
        case .crisis: return after == .crisis || after == .emergencyHalt
        case .stressed: return after == .stressed || after == .crisis || after == .emergencyHalt || (before == .crisis && after == .recovery)
        default: return true
        }
    }

    /// The emergency-stop policy: a drawdown crossing the limit, a feed delivering unusable bars
    /// in a row, the venue unreachable for steps in a row. Each halts the super-state.
    mutating func emergencyStops(conditions: Conditions) {
        let limit = configuration.emergencyDrawdown.fraction
        let above = conditions.drawdown >= limit
        if above, !drawdownAboveLimit { halt(.drawdownLimit(drawdown: BasisPoints(Int64((conditions.drawdown * 10_000).rounded(.down))))) }
        drawdownAboveLimit = above
        for i in symbols.indices where badBars[i] == configuration.badBarsBeforeHalt {
            halt(.dataFeedFailure(symbol: symbols[i], badBars: badBars[i]))
        }
        if disconnectedSteps == configuration.disconnectedStepsBeforeHalt { halt(.venueUnreachable(steps: disconnectedSteps)) }
    }

    mutating func halt(_ reason: EmergencyStopReason) {
        guard stack.halt() else { return }
        haltedAt = now
        events.append(.emergencyStop(EmergencyStop(time: now, reason: reason)))
    }

    /// The operator: resumes a halt after the cooldown once the link is up and every feed
    /// delivers, and puts a bot in DRY_RUN back to LIVE_ACTIVE (confirmed) when not halted.
    mutating func operate() {
        if stack.portfolioState == .emergencyHalt, let haltedAt, now - haltedAt >= configuration.haltCooldown,
            exchange.isConnected, !badBars.contains(where: { $0 > 0 })
        {
            do {
                try stack.resume()
                self.haltedAt = nil
                events.append(.resumed(now))
            } catch {
                refused(.resume, nil, error)
            }
        }
        if stack.tradingModeState == .dryRun, !stack.isTradingHalted { stack.goLive(confirmed: true) }
    }

    /// The exit enforcer: FORCED_UNWIND while the super-state is CRISIS or EMERGENCY_HALT.
    mutating func enforceExits() {
        let state = stack.portfolioState
        let forced = state == .crisis || state == .emergencyHalt
        if stack.isForcedUnwind != forced { stack.setForcedUnwind(forced) }
    }

    /// Tells the order router the trading mode. The `haltNotPropagated` mutation skips it while
    /// the super-state is halted, so the router still believes it is live.
    mutating func propagateMode() {
        if mutation == .haltNotPropagated, stack.portfolioState == .emergencyHalt { return }
        routerMode = stack.tradingModeState
        routerHalted = stack.isTradingHalted
    }

    /// Logs the stack's new transitions with the time, and checks `allowedTransitions`.
    mutating func recordTransitions() {
        // The histories are bounded: entry i of all is at i - dropped in the window. The executor
        // reads after every step, so the window never slides past an unread entry unless one
        // step made more transitions than the history keeps (the project's keeps 1 000; a step
        // makes a few): a stack that does is not one the executor can log, and it stops.
        let superHistory = stack.portfolioTransitions
        let superDropped = stack.portfolioTransitionsDropped
        precondition(superStateSeen >= superDropped, "the stack's super-state history dropped transitions the executor had not read")
        while superStateSeen < superDropped + superHistory.count {
            let transition = superHistory[superStateSeen - superDropped]
            superStateSeen += 1
            events.append(.superState(Timed(time: now, value: transition)))
            if !transition.from.allows(transition.to) { violate(.forbiddenTransition(time: now, transition)) }
        }
        let modeHistory = stack.tradingModeTransitions
        let modeDropped = stack.tradingModeTransitionsDropped
        precondition(tradingModeSeen >= modeDropped, "the stack's trading-mode history dropped transitions the executor had not read")
        while tradingModeSeen < modeDropped + modeHistory.count {
            events.append(.tradingMode(Timed(time: now, value: modeHistory[tradingModeSeen - modeDropped])))
            tradingModeSeen += 1
        }
    }

    /// Samples the exposure of the scenario's sectors in the stack, in sector order.
    mutating func recordExposure() {
        exposure.beginSample(time: now, portfolioValue: stack.sectorPortfolioValue ?? .zero)
        for sector in exposure.sectors { exposure.appendCell(exposure: stack.exposure(of: sector), health: stack.health(of: sector)) }
    }
}
