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
        if !entriesAscend { violated.append("entries.ascending") }
        if !symbolsAreUnique { violated.append("symbols.unique") }
        return violated
    }

    /// Whether the book is oldest entry first with no two positions sharing an entry number
    /// (strictly ascending): what `positions`, `cycle`'s ties and appending on open rely on.
    private var entriesAscend: Bool {
        var previous: UInt64?
        for position in book {
            if let previous, position.entry <= previous { return false }
            previous = position.entry
        }
        return true
    }

    /// Whether no symbol is held twice (nothing allocated: the book is at most a few dozen long,
    /// and this runs after every input under `STRESSCHECK_INVARIANT_CHECKS`).
    private var symbolsAreUnique: Bool {
        for i in book.indices {
            for j in book.indices[(i + 1)...] where book[i].symbol == book[j].symbol { return false }
        }
        return true
    }
}
