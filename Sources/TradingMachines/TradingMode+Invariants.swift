import TradingVocabulary

extension TradingMode {
    /// The names of the invariants of `docs/machines.md` §4 that the current state violates;
    /// empty when all hold.
    public func checkInvariants() -> [String] {
        snapshot.violations()
    }
}
