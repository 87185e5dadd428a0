import TradingVocabulary

/// Several symbols' series cut down to the timestamps they all share, so that bar `i` of every
/// series is the same instant.
///
/// Alignment keeps the **intersection** of the timestamps: a bar whose time is missing from any
/// other series is dropped (filling it would invent prices). The common timestamps come out in
/// increasing order; when a series has the same timestamp twice, its first bar in file order is
/// kept and the others are dropped. Validate before aligning: alignment sorts out-of-order bars
/// silently and drops duplicates.
///
/// ```swift
/// let aligned = AlignedSeries(aligning: [btc, eth])
/// aligned.droppedCounts   // [3, 0]: three BTC bars had no ETH bar at their time
/// ```
public struct AlignedSeries: Hashable, Sendable {
    /// The timestamps every series has, in increasing order.
    public var times: [SimTime]
    /// The series, in the order given, each with one bar per entry of ``times``.
    public var series: [BarSeries]
    /// For each series given, the indices of its bars that were kept (in the order of
    /// ``times``): maps an aligned bar back to its source, e.g. to ``LoadedCSV/lines``.
    public var keptIndices: [[Int]]
    /// For each series given, how many of its bars were dropped.
    public var droppedCounts: [Int]

    /// Aligns `input` on the timestamps they all have.
    ///
    /// - Complexity: O(n log n) in the total number of bars.
    public init(aligning input: [BarSeries]) {
        var firstIndex: [[SimTime: Int]] = []
        for one in input {
            var index: [SimTime: Int] = [:]
            for (i, bar) in one.bars.enumerated() where index[bar.time] == nil { index[bar.time] = i }
            firstIndex.append(index)
        }
        var common: Set<SimTime> = firstIndex.first.map { Set($0.keys) } ?? []
        for index in firstIndex.dropFirst() { common.formIntersection(index.keys) }
        let times = common.sorted()
        let kept = firstIndex.map { index in times.compactMap { index[$0] } }
        self.times = times
        keptIndices = kept
        series = zip(input, kept).map { one, indices in BarSeries(symbol: one.symbol, bars: indices.map { one.bars[$0] }) }
        droppedCounts = zip(input, kept).map { $0.bars.count - $1.count }
    }

    /// The number of bars dropped from the series of `symbol` (0 for a symbol not aligned).
    public func droppedCount(for symbol: Symbol) -> Int {
        zip(series, droppedCounts).first { $0.0.symbol == symbol }?.1 ?? 0
    }
}
