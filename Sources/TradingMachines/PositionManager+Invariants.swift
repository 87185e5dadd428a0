import TradingVocabulary

extension PositionManager {
    /// The names of the invariants of `docs/machines.md` §1 that the current state violates;
    /// empty when all hold.
    public func checkInvariants() -> [String] {
        var violated: [String] = []
        if book.count < 0 { violated.append("count.nonNegative") }
        if excess != book.count - cap { violated.append("excess.equalsCountMinusCap") }
        if state != derivedState { violated.append("state.matchesDerived") }
        if state == .drain && !(excess > 0 && !isForced) { violated.append("drain.impliesExcessAndNotForced") }
        if state == .normal && !(excess <= 0 && !isForced) { violated.append("normal.impliesNoExcessAndNotForced") }
        if (state == .forcedUnwind) != isForced { violated.append("forcedUnwind.iffForced") }
        if Set(book.values.map(\.entry)).count != book.count { violated.append("entries.unique") }
        return violated
    }
}
