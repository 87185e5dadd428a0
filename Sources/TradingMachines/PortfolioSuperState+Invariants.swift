import TradingVocabulary

extension PortfolioSuperState {
    /// The names of the invariants of `docs/machines.md` §3 that the current state violates;
    /// empty when all hold.
    public func checkInvariants() -> [String] { checkInvariants(historyFrom: 0) }

    /// The invariants, with the history read from entry `start` on (see
    /// `SuperStateSnapshot.violations(historyFrom:)`).
    func checkInvariants(historyFrom start: Int) -> [String] {
        var violated = snapshot.violations(historyFrom: start)
        if limits != state.limits { violated.append("limits.matchState") }
        return violated
    }
}
