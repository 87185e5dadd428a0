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
        if !entriesAreUnique { violated.append("entries.unique") }
        return violated
    }

    /// Whether no two positions share an entry number: sorted in a stack buffer, no allocation
    /// (this runs after every input under `STRESSCHECK_INVARIANT_CHECKS`, the fuzz builds included).
    private var entriesAreUnique: Bool {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(book.count, 1)) { buffer in
            var count = 0
            for position in book.values {
                buffer.initializeElement(at: count, to: position.entry)
                count += 1
            }
            var entries = UnsafeMutableBufferPointer(rebasing: buffer[..<count])
            entries.sort()
            return zip(entries, entries.dropFirst()).allSatisfy { $0 < $1 }
        }
    }
}
