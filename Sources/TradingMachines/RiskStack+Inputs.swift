import TradingVocabulary

extension RiskStack {
    /// A fill closed the whole position: removed from position management and sector caps.
    /// Allowed in every mode and state.
    ///
    /// - Throws: `.position(.notHeld)`; nothing changes.
    public mutating func close(_ symbol: Symbol) throws(RiskStackError) {
        defer { checkInvariantsIfEnabled() }
        do {
            try positions.close(symbol)
        } catch {
            throw .position(error)
        }
        // Positions and holdings hold the same symbols, so the removal cannot fail: if it does, the
        // layers disagree, and going on would hide it.
        do { _ = try sectorCaps.remove(symbol) } catch {
            preconditionFailure("RiskStack.close(\(symbol)): position management held it, sector caps refused its removal: \(error)")
        }
    }

    /// Records a position found on the exchange in both position management and sector caps.
    ///
    /// - Throws: `.position(.alreadyHeld)`, `.sectorCaps(.negativeValue)`, `.sectorCaps(.overflow)`;
    ///   nothing changes.
    public mutating func adopt(_ symbol: Symbol, value: Cents) throws(RiskStackError) {
        defer { checkInvariantsIfEnabled() }
        if positions.holds(symbol) { throw .position(.alreadyHeld(symbol)) }
        do {
            try sectorCaps.checkAdopt(symbol, value: value)
        } catch {
            throw .sectorCaps(error)
        }
        // Both were checked above, so neither can fail: if one does, the layers disagree.
        do { _ = try positions.adopt(symbol) } catch {
            preconditionFailure("RiskStack.adopt(\(symbol)): position management refused after the check: \(error)")
        }
        do { try sectorCaps.adopt(symbol, value: value) } catch {
            preconditionFailure("RiskStack.adopt(\(symbol)): sector caps refused after checkAdopt: \(error)")
        }
    }

    /// Marks the unrealized PnL of a held position (orders DRAIN's exits).
    public mutating func mark(_ symbol: Symbol, unrealizedPnL: Cents) throws(RiskStackError) {
        defer { checkInvariantsIfEnabled() }
        do { try positions.mark(symbol, unrealizedPnL: unrealizedPnL) } catch { throw .position(error) }
    }

    /// Sets a holding's market value in sector caps.
    public mutating func markToMarket(_ symbol: Symbol, value: Cents) throws(RiskStackError) {
        defer { checkInvariantsIfEnabled() }
        do { try sectorCaps.markToMarket(symbol, value: value) } catch { throw .sectorCaps(error) }
    }

    /// Changes the position cap.
    @discardableResult
    public mutating func setCap(_ cap: Int) throws(RiskStackError) -> PositionTransition? {
        defer { checkInvariantsIfEnabled() }
        do { return try positions.setCap(cap) } catch { throw .position(error) }
    }

    /// Sets the forced-unwind flag.
    @discardableResult
    public mutating func setForcedUnwind(_ forced: Bool) -> PositionTransition? {
        defer { checkInvariantsIfEnabled() }
        return positions.setForcedUnwind(forced)
    }

    /// The exit orders position management calls for; changes nothing.
    public func cycle() -> [ExitOrder] { positions.cycle() }

    /// Sets the portfolio value.
    public mutating func setPortfolioValue(_ value: Cents) throws(RiskStackError) {
        defer { checkInvariantsIfEnabled() }
        do { try sectorCaps.setPortfolioValue(value) } catch { throw .sectorCaps(error) }
    }

    /// Overrides one sector's limits.
    public mutating func setLimits(_ limits: SectorLimits, for sector: Sector) throws(RiskStackError) {
        defer { checkInvariantsIfEnabled() }
        do { try sectorCaps.setLimits(limits, for: sector) } catch { throw .sectorCaps(error) }
    }

    /// Overrides one group's combined limit.
    public mutating func setGroupLimit(_ limit: BasisPoints, for group: SectorGroup) throws(RiskStackError) {
        defer { checkInvariantsIfEnabled() }
        do { try sectorCaps.setGroupLimit(limit, for: group) } catch { throw .sectorCaps(error) }
    }

    /// Classifies market conditions (super-state `update`).
    @discardableResult
    public mutating func update(volatility: Double, drawdown: Double, liquidity: Double) throws(RiskStackError) -> SuperStateUpdate {
        defer { checkInvariantsIfEnabled() }
        do {
            let result = try superState.update(volatility: volatility, drawdown: drawdown, liquidity: liquidity)
            mirrorHalt()
            return result
        } catch {
            throw .superState(error)
        }
    }

    /// Enters EMERGENCY_HALT; the trading mode is halted too (LIVE_ACTIVE → DRY_RUN).
    @discardableResult
    public mutating func halt() -> SuperStateTransition? {
        defer { checkInvariantsIfEnabled() }
        let transition = superState.halt()
        mirrorHalt()
        return transition
    }

    /// Leaves EMERGENCY_HALT; the trading mode's halt flag clears, but it does not go live again.
    @discardableResult
    public mutating func resume() throws(RiskStackError) -> SuperStateTransition {
        defer { checkInvariantsIfEnabled() }
        do {
            let transition = try superState.resume()
            mirrorHalt()
            return transition
        } catch {
            throw .superState(error)
        }
    }

    /// Trading mode OFF → DRY_RUN.
    @discardableResult
    public mutating func enableDryRun() -> TradingModeOutcome {
        defer { checkInvariantsIfEnabled() }
        return tradingMode.enableDryRun()
    }

    /// Trading mode DRY_RUN → LIVE_ACTIVE if confirmed and not halted.
    @discardableResult
    public mutating func goLive(confirmed: Bool) -> TradingModeOutcome {
        defer { checkInvariantsIfEnabled() }
        return tradingMode.goLive(confirmed: confirmed)
    }

    /// Trading mode LIVE_ACTIVE → DRY_RUN.
    @discardableResult
    public mutating func pause() -> TradingModeOutcome {
        defer { checkInvariantsIfEnabled() }
        return tradingMode.pause()
    }

    /// Trading mode → OFF.
    @discardableResult
    public mutating func stop() -> TradingModeOutcome {
        defer { checkInvariantsIfEnabled() }
        return tradingMode.stop()
    }
}
