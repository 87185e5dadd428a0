import TradingVocabulary

extension PortfolioSuperState {
    /// The names of the invariants of `docs/machines.md` §3 that the current state violates;
    /// empty when all hold.
    public func checkInvariants() -> [String] {
        var violated = snapshot.violations()
        if limits != state.limits { violated.append("limits.matchState") }
        return violated
    }
}
