import TradingVocabulary

extension RiskStack {
    /// Books an order decided earlier, without deciding again: the second half of a
    /// check-then-act race, for the bug zoo's `risk-stack-concurrent/check-then-act` only (a
    /// decision taken under one hold of the lock, booked under another). Production's `submit`
    /// decides and books in one call.
    ///
    /// A position is recorded with the rule for positions found on the exchange (`adopt`), so
    /// the layers stay consistent (the count may pass the cap: DRAIN, as after an adoption). A
    /// booking that would take a total past `Int64.max` is dropped: the planted bug is the race,
    /// not an overflow trap.
    @_spi(BugZoo) public mutating func bookWithoutDeciding(_ request: OrderRequest) {
        defer { checkInvariantsIfEnabled() }
        let amount = request.amount.value
        let sector = sectorCaps.sector(for: request.symbol)
        let held = Int128(sectorCaps.holding(of: request.symbol)?.value ?? 0)
        guard sectorCaps.totalsFit(sector: sector, delta: amount), held + Int128(amount) <= Int128(Int64.max) else { return }
        if !positions.holds(request.symbol) { _ = try? positions.adopt(request.symbol) }
        sectorCaps.commitAdd(request.symbol, sector: sector, amount: amount)
    }
}
