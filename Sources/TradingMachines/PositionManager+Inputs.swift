import TradingVocabulary

extension PositionManager {
    /// Asks to enter a new position.
    ///
    /// Accepted only in NORMAL with count < cap.
    /// - Returns: `.accepted`, or `.rejected` with `.forcedUnwind`, `.draining` or `.atCapacity`.
    /// - Throws: `.alreadyHeld` if the symbol is held; nothing changes.
    public mutating func open(_ symbol: Symbol) throws(PositionError) -> Decision<PositionRejection> {
        defer { checkInvariantsIfEnabled() }
        let decision = try decideOpen(symbol)
        if case .accepted = decision { commitOpen(symbol) }
        return decision
    }

    /// What `open` would answer, changing nothing.
    func decideOpen(_ symbol: Symbol) throws(PositionError) -> Decision<PositionRejection> {
        if holds(symbol) { throw .alreadyHeld(symbol) }
        return decideNewEntry()
    }

    /// The state and cap rule for a new entry of a symbol known not to be held.
    func decideNewEntry() -> Decision<PositionRejection> {
        switch state {
        case .forcedUnwind: return .rejected(.forcedUnwind)
        case .drain: return .rejected(.draining)
        case .normal: return book.count < cap ? .accepted : .rejected(.atCapacity)
        }
    }

    /// Records a new entry that the rules accepted. The state cannot change (count + 1 ≤ cap).
    mutating func commitOpen(_ symbol: Symbol) {
        book.append(HeldPosition(symbol: symbol, unrealizedPnL: .zero, isMarked: false, entry: nextEntry))
        nextEntry &+= 1
    }

    /// Records a position found on the exchange (legacy or manual); always recorded.
    ///
    /// - Returns: the state change it caused, if any (e.g. NORMAL → DRAIN).
    /// - Throws: `.alreadyHeld`; nothing changes.
    @discardableResult
    public mutating func adopt(_ symbol: Symbol) throws(PositionError) -> PositionTransition? {
        defer { checkInvariantsIfEnabled() }
        if holds(symbol) { throw .alreadyHeld(symbol) }
        commitOpen(symbol)
        return settle()
    }

    /// Removes a position whose closing fill arrived.
    ///
    /// - Returns: the state change it caused, if any (e.g. DRAIN → NORMAL).
    /// - Throws: `.notHeld`; nothing changes.
    @discardableResult
    public mutating func close(_ symbol: Symbol) throws(PositionError) -> PositionTransition? {
        defer { checkInvariantsIfEnabled() }
        guard let index = index(of: symbol) else { throw .notHeld(symbol) }
        book.remove(at: index)
        return settle()
    }

    /// Sets the unrealized PnL of a held position, which orders DRAIN's exits.
    ///
    /// - Throws: `.notHeld`; nothing changes.
    public mutating func mark(_ symbol: Symbol, unrealizedPnL: Cents) throws(PositionError) {
        defer { checkInvariantsIfEnabled() }
        // One scan, then the entry in place: the executor marks every holding every bar.
        guard let index = index(of: symbol) else { throw .notHeld(symbol) }
        book[index].unrealizedPnL = unrealizedPnL
        book[index].isMarked = true
    }

    /// Changes the cap; the state is recomputed at once (a cap below count enters DRAIN now).
    ///
    /// - Throws: `.negativeCap`; nothing changes.
    @discardableResult
    public mutating func setCap(_ newCap: Int) throws(PositionError) -> PositionTransition? {
        defer { checkInvariantsIfEnabled() }
        guard newCap >= 0 else { throw .negativeCap(newCap) }
        cap = newCap
        return settle()
    }

    /// Sets the exit enforcer's forced-unwind flag.
    @discardableResult
    public mutating func setForcedUnwind(_ forced: Bool) -> PositionTransition? {
        defer { checkInvariantsIfEnabled() }
        isForced = forced
        return settle()
    }
}
