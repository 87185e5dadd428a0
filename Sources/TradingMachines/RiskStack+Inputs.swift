import TradingVocabulary

extension RiskStack {
    /// A fill closed the whole position: removed from position management and sector caps.
    /// Allowed in every mode and state.
    ///
    /// - Throws: `.position(.notHeld)`; nothing changes.
    public mutating func close(_ symbol: Symbol) throws(RiskStackError) {
        do {
            try positions.close(symbol)
        } catch {
            throw .position(error)
        }
        // Positions and holdings hold the same symbols, so this cannot fail.
        _ = try? sectorCaps.remove(symbol)
    }

    /// Records a position found on the exchange in both position management and sector caps.
    ///
    /// - Throws: `.position(.alreadyHeld)`, `.sectorCaps(.negativeValue)`, `.sectorCaps(.overflow)`;
    ///   nothing changes.
    public mutating func adopt(_ symbol: Symbol, value: Cents) throws(RiskStackError) {
        if positions.holds(symbol) { throw .position(.alreadyHeld(symbol)) }
        do {
            try sectorCaps.checkAdopt(symbol, value: value)
        } catch {
            throw .sectorCaps(error)
        }
        _ = try? positions.adopt(symbol)
        _ = try? sectorCaps.adopt(symbol, value: value)
    }

    /// Marks the unrealized PnL of a held position (orders DRAIN's exits).
    public mutating func mark(_ symbol: Symbol, unrealizedPnL: Cents) throws(RiskStackError) {
        do { try positions.mark(symbol, unrealizedPnL: unrealizedPnL) } catch { throw .position(error) }
    }

    /// Sets a holding's market value in sector caps.
    public mutating func markToMarket(_ symbol: Symbol, value: Cents) throws(RiskStackError) {
        do { try sectorCaps.markToMarket(symbol, value: value) } catch { throw .sectorCaps(error) }
    }

    /// Changes the position cap.
    @discardableResult
    public mutating func setCap(_ cap: Int) throws(RiskStackError) -> PositionTransition? {
        do { return try positions.setCap(cap) } catch { throw .position(error) }
    }

    /// Sets the forced-unwind flag.
    @discardableResult
    public mutating func setForcedUnwind(_ forced: Bool) -> PositionTransition? {
        positions.setForcedUnwind(forced)
    }

    /// The exit orders position management calls for; changes nothing.
    public func cycle() -> [ExitOrder] { positions.cycle() }

    /// Sets the portfolio value.
    public mutating func setPortfolioValue(_ value: Cents) throws(RiskStackError) {
        do { try sectorCaps.setPortfolioValue(value) } catch { throw .sectorCaps(error) }
    }

    /// Overrides one sector's limits.
    public mutating func setLimits(_ limits: SectorLimits, for sector: Sector) throws(RiskStackError) {
        do { try sectorCaps.setLimits(limits, for: sector) } catch { throw .sectorCaps(error) }
    }

    /// Overrides one group's combined limit.
    public mutating func setGroupLimit(_ limit: BasisPoints, for group: SectorGroup) throws(RiskStackError) {
        do { try sectorCaps.setGroupLimit(limit, for: group) } catch { throw .sectorCaps(error) }
    }

    /// Classifies market conditions (super-state `update`).
    @discardableResult
    public mutating func update(volatility: Double, drawdown: Double, liquidity: Double) throws(RiskStackError) -> SuperStateUpdate {
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
        let transition = superState.halt()
        mirrorHalt()
        return transition
    }

    /// Leaves EMERGENCY_HALT; the trading mode's halt flag clears, but it does not go live again.
    @discardableResult
    public mutating func resume() throws(RiskStackError) -> SuperStateTransition {
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
    public mutating func enableDryRun() -> TradingModeOutcome { tradingMode.enableDryRun() }

    /// Trading mode DRY_RUN → LIVE_ACTIVE if confirmed and not halted.
    @discardableResult
    public mutating func goLive(confirmed: Bool) -> TradingModeOutcome { tradingMode.goLive(confirmed: confirmed) }

    /// Trading mode LIVE_ACTIVE → DRY_RUN.
    @discardableResult
    public mutating func pause() -> TradingModeOutcome { tradingMode.pause() }

    /// Trading mode → OFF.
    @discardableResult
    public mutating func stop() -> TradingModeOutcome { tradingMode.stop() }
}
