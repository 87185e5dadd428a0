extension Array where Element: Equatable {
    /// Whether this array is `prefix` followed by `appended`, or `prefix` itself when
    /// `appended` is nil: the history rules' "after = before + the reported entry", compared in
    /// place. (Building `before + [entry]` to compare with copied the whole history into a new
    /// array after every step: 8% of the super-state check.)
    func equals<Prefix: Collection<Element>>(_ prefix: Prefix, followedBy appended: Element?) -> Bool {
        guard let appended else { return elementsEqual(prefix) }
        guard count == prefix.count + 1, self[count - 1] == appended else { return false }
        return self[..<prefix.count].elementsEqual(prefix)
    }
}

extension Array where Element: Equatable {
    /// The history rules over a bounded history: whether this window (`dropped` entries before
    /// it) is `previous` (`previousDropped` before it) followed by `appended`, with as many of
    /// the oldest entries dropped from the front as the window slid — none without an entry
    /// appended, at most the one it made room for.
    func equals(window dropped: Int, previous: [Element], previousDropped: Int, followedBy appended: Element?) -> Bool {
        let slid = dropped - previousDropped
        guard slid >= 0, slid <= (appended == nil ? 0 : 1), slid <= previous.count else { return false }
        return equals(previous[slid...], followedBy: appended)  // in place, as above
    }

    /// Whether this window (`dropped` entries before it) can be part of an earlier save of
    /// `later`'s history (`laterDropped` before it): it ends no later, and holds the same
    /// entries wherever the two windows overlap. (Without an overlap there is nothing to compare:
    /// the windows are then of a history longer than either holds.)
    func isEarlierSave(dropped: Int, of later: [Element], laterDropped: Int) -> Bool {
        self[...].isEarlierSave(dropped: dropped, of: later, laterDropped: laterDropped)
    }
}

extension ArraySlice where Element: Equatable {
    /// `Array.isEarlierSave` of a part of a window (the trading mode's reload without the entry
    /// its restart appended), compared in place.
    func isEarlierSave(dropped: Int, of later: [Element], laterDropped: Int) -> Bool {
        guard dropped >= 0, laterDropped >= 0, dropped + count <= laterDropped + later.count else { return false }
        let (first, end) = (Swift.max(dropped, laterDropped), dropped + count)
        return first >= end || (first..<end).allSatisfy { self[startIndex + $0 - dropped] == later[$0 - laterDropped] }
    }
}
