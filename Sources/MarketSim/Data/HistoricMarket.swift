import TradingVocabulary

/// A user's own market data, ready to be run through the stack: several symbols' series aligned
/// on the timestamps they share (``AlignedSeries``) and cut to a window of time.
///
/// It has no phases, transformers or conditions: what happens is what the data says. Its
/// ``interval`` — the bar length the stack's clock and volatility scaling use — is the median
/// step between consecutive common timestamps (a weekend of daily bars is one long step, not a
/// change of interval).
///
/// ```swift
/// let btc = try CSVLoader.load(path: "BTC-USD.csv").series(symbol: "BTC-USD")
/// let market = try HistoricMarket([btc], from: HistoricDate(parsing: "2020-03-01")?.first)
/// market.times.count   // the bars in the window
/// ```
public struct HistoricMarket: Hashable, Sendable {
    /// The series, in the order given, each with one bar per entry of ``times``.
    public let series: [BarSeries]
    /// The common timestamps within the window, strictly increasing (at least ``minimumBars``).
    public let times: [SimTime]
    /// The median step between consecutive ``times`` (positive).
    public let interval: SimDuration
    /// Per series given: bars dropped by the alignment (timestamps another series lacks, or a
    /// repeated timestamp), before the window is cut.
    public let droppedByAlignment: [Int]

    /// The fewest bars a historic market may have: one step of interval needs two timestamps.
    public static let minimumBars = 2

    /// The first bar's time.
    public var start: SimTime { times[0] }
    /// The time just after the last bar (its time plus one ``interval``).
    public var end: SimTime { times[times.count - 1] + interval }
    /// The time covered, ``start`` to ``end``.
    public var duration: SimDuration { end - start }

    /// Aligns `series` on their common timestamps and keeps those in `from ..< before`.
    ///
    /// - Parameters:
    ///   - series: One series per symbol (validate them first: alignment sorts and drops duplicates).
    ///   - from: The first instant kept (`nil`: from the first bar).
    ///   - before: The instant just after the last one kept (`nil`: to the last bar).
    /// - Throws: ``HistoricMarketError`` when there is no series, a symbol is repeated, the data is
    ///   too large for one run, the window is empty or inverted, or fewer than ``minimumBars``
    ///   common bars lie in it.
    /// - Complexity: O(n log n) in the total number of bars.
    public init(_ series: [BarSeries], from: SimTime? = nil, before: SimTime? = nil) throws(HistoricMarketError) {
        guard !series.isEmpty else { throw .noSeries }
        guard series.count <= CrashSimulator.maxSymbols else { throw .tooManySymbols(series.count, limit: CrashSimulator.maxSymbols) }
        var seen = Set<Symbol>()
        for one in series where !seen.insert(one.symbol).inserted { throw .duplicateSymbol(one.symbol) }
        if let from, let before, from >= before { throw .emptyWindow(from: from, before: before) }
        let aligned = AlignedSeries(aligning: series)
        guard let first = aligned.times.first, let last = aligned.times.last else { throw .noCommonTimestamps }
        let lower = from.map { bound in aligned.times.partitionPoint(where: { $0 >= bound }) } ?? 0
        let upper = before.map { bound in aligned.times.partitionPoint(where: { $0 >= bound }) } ?? aligned.times.count
        let count = max(upper - lower, 0)
        guard count >= Self.minimumBars else {
            throw .tooFewBars(count, from: from, before: before, first: first, last: last)
        }
        let (total, overflow) = count.multipliedReportingOverflow(by: series.count)
        guard !overflow, total <= CrashSimulator.maxBars else {
            throw .tooManyBars(requested: overflow ? Int.max : total, limit: CrashSimulator.maxBars)
        }
        times = Array(aligned.times[lower..<upper])
        self.series = aligned.series.map { BarSeries(symbol: $0.symbol, bars: Array($0.bars[lower..<upper])) }
        droppedByAlignment = aligned.droppedCounts
        var steps = zip(times.dropFirst(), times).map { ($0 - $1).nanoseconds }
        steps.sort()
        interval = SimDuration(nanoseconds: steps[steps.count / 2])
    }
}

extension Array where Element == SimTime {
    /// The first index whose element satisfies `predicate` (which must be false, then true, along
    /// the array): a binary search.
    fileprivate func partitionPoint(where predicate: (SimTime) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = low + (high - low) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

/// Why a ``HistoricMarket`` cannot be made from the data and window given.
public enum HistoricMarketError: Error, Hashable, Sendable, CustomStringConvertible {
    case noSeries
    case tooManySymbols(Int, limit: Int)
    case duplicateSymbol(Symbol)
    /// `from` is not before `before`.
    case emptyWindow(from: SimTime, before: SimTime)
    /// The series share no timestamp.
    case noCommonTimestamps
    /// The window holds `count` common bars, fewer than ``HistoricMarket/minimumBars``; the data's
    /// common bars run from `first` to `last`.
    case tooFewBars(Int, from: SimTime?, before: SimTime?, first: SimTime, last: SimTime)
    case tooManyBars(requested: Int, limit: Int)

    public var description: String {
        switch self {
        case .noSeries: "no market data given"
        case .tooManySymbols(let count, let limit): "\(count) symbols; a run takes at most \(limit)"
        case .duplicateSymbol(let symbol): "symbol \(symbol.text) is given twice"
        case .emptyWindow(let from, let before): "the window from \(from) to before \(before) is empty"
        case .noCommonTimestamps: "the files share no timestamp: aligning them leaves no bar"
        case .tooFewBars(let count, let from, let before, let first, let last):
            "\(count == 0 ? "no bar" : count == 1 ? "only 1 bar" : "\(count) bars") between "
                + "\(from.map { "\($0)" } ?? "the start") and \(before.map { "before \($0)" } ?? "the end")"
                + " (a replay needs at least \(HistoricMarket.minimumBars) common bars); the data's common bars run from \(first) to \(last)"
        case .tooManyBars(let requested, let limit): "\(requested) bars in all symbols; a run takes at most \(limit)"
        }
    }
}

/// A date bounding a historic window, as written on a command line: a day (`2020-03-12`, all of
/// it, UTC) or an ISO 8601 instant (`2020-03-12T14:30:00Z`, `2020-03-12T14:30:00+01:00`, UTC
/// without a zone).
public struct HistoricDate: Hashable, Sendable {
    /// The first instant the date covers: the day's midnight, or the instant.
    public let first: SimTime
    /// True for a whole day.
    public let isDay: Bool

    /// The instant just after the last one the date covers: the next midnight, or the instant + 1 ns.
    public var after: SimTime { first + (isDay ? .days(1) : SimDuration(nanoseconds: 1)) }

    /// Reads `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS[.fff]][zone]`; `nil` for anything else or a
    /// date that does not exist (or lies outside 1678…2261).
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        let digit = { (i: Int) in bytes.indices.contains(i) && bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9") }
        guard bytes.count >= 10, (0..<4).allSatisfy(digit), bytes[4] == UInt8(ascii: "-"), digit(5), digit(6),
            bytes[7] == UInt8(ascii: "-"), digit(8), digit(9), bytes.count == 10 || bytes[10] == UInt8(ascii: "T")
        else { return nil }
        guard case .time(let time) = CSVTimestamp.parse(bytes[...]) else { return nil }
        first = time
        isDay = bytes.count == 10
    }
}
