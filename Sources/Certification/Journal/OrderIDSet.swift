import ExchangeVocabulary

/// A set of order ids kept as sorted, disjoint, non-adjacent ranges.
///
/// The books remember every id ever acknowledged, so that a reused one is refused. A `Set` of
/// them grows by one entry an order for as long as the account lives. Ids handed out in
/// sequence (as every client here hands them out, even when the venue acknowledges them out of
/// order) collapse into one range, so the memory follows the gaps between ids, not how many
/// orders were sent. The ranges are canonical, so equal sets are equal values.
public struct OrderIDSet: Hashable, Sendable {
    /// The ids, as ranges sorted by their bounds; no two overlap or touch.
    public private(set) var ranges: [ClosedRange<UInt64>] = []

    public init() {}

    /// Whether `id` is in the set.
    public func contains(_ id: ClientOrderID) -> Bool {
        let index = firstRange(after: id.value)
        return index > 0 && ranges[index - 1].contains(id.value)
    }

    /// Adds `id`; false when it was already in the set.
    @discardableResult
    public mutating func insert(_ id: ClientOrderID) -> Bool {
        let value = id.value
        let next = firstRange(after: value)
        if next > 0, ranges[next - 1].contains(value) { return false }
        // (No wrap-around: 0 is in the first range if a range lies before it, and no range starts
        // after UInt64.max.)
        let joinsPrevious = next > 0 && ranges[next - 1].upperBound == value &- 1
        let joinsNext = next < ranges.count && ranges[next].lowerBound == value &+ 1
        switch (joinsPrevious, joinsNext) {
        case (true, true):
            ranges[next - 1] = ranges[next - 1].lowerBound...ranges[next].upperBound
            ranges.remove(at: next)
        case (true, false):
            ranges[next - 1] = ranges[next - 1].lowerBound...value
        case (false, true):
            ranges[next] = value...ranges[next].upperBound
        case (false, false):
            ranges.insert(value...value, at: next)
        }
        return true
    }

    /// Adds `range`, which lies above every id in the set without touching it (a checkpoint's
    /// ranges, read in order: `CheckpointReader` checks that first).
    mutating func appendAbove(_ range: ClosedRange<UInt64>) {
        if let last = ranges.last {
            precondition(last.upperBound < UInt64.max && range.lowerBound > last.upperBound + 1, "ranges out of order")
        }
        ranges.append(range)
    }

    /// The index of the first range that starts after `value` (binary search).
    private func firstRange(after value: UInt64) -> Int {
        var (low, high) = (0, ranges.count)
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].lowerBound > value { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
