import TradingVocabulary

extension RiskStack {
    /// Takes an order request through every layer and books it if all accept.
    ///
    /// - Returns: `.accepted(route)` (exchange when live, simulation in dry run) or
    ///   `.rejected(reason)` naming the first layer that refused.
    /// - Throws: `.nonPositiveAmount`; nothing changes.
    /// - Complexity: O(1): a few dictionary lookups and integer comparisons, no allocation.
    public mutating func submit(_ request: OrderRequest) throws(RiskStackError) -> RiskDecision {
        defer { checkInvariantsIfEnabled() }
        let amount = request.amount.value
        guard amount > 0 else { throw .nonPositiveAmount(request.amount) }

        let route: OrderRoute
        switch tradingMode.submit() {
        case .routed(let r): route = r
        case .rejected(let reason): return .rejected(.tradingMode(reason))
        }

        // Set at init and never unset: without one, every open would be judged against 0.
        guard let value = sectorCaps.portfolioValue?.value else { preconditionFailure("the risk stack has no portfolio value") }
        if case .rejected(let reason) = superState.decideOpen(size: amount, deployed: sectorCaps.total, portfolioValue: value) {
            return .rejected(.superState(reason))
        }

        let isNew = !positions.holds(request.symbol)
        let positionDecision = isNew ? positions.decideNewEntry() : positions.decideMoreOfHeld()
        if case .rejected(let reason) = positionDecision { return .rejected(.positions(reason)) }

        let sector = sectorCaps.sector(for: request.symbol)
        if case .rejected(let reason) = sectorCaps.decideAdd(sector: sector, amount: amount) {
            return .rejected(.sectorCaps(reason))
        }

        if isNew { positions.commitOpen(request.symbol) }
        sectorCaps.commitAdd(request.symbol, sector: sector, amount: amount)
        return .accepted(route)
    }
}

extension PositionManager {
    /// The rule for more of a held symbol: the state must be NORMAL; the cap is not checked
    /// because the count does not change.
    func decideMoreOfHeld() -> Decision<PositionRejection> {
        switch state {
        case .forcedUnwind: .rejected(.forcedUnwind)
        case .drain: .rejected(.draining)
        case .normal: .accepted
        }
    }
}
