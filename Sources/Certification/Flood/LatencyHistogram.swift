/// A latency histogram in the manner of HdrHistogram, written here: a fixed range of values
/// (by default 0 ns … 1 hour) kept to a fixed number of significant decimal digits (by default 3)
/// in memory allocated once, when it is created.
///
/// ## Layout
/// Values are grouped into *buckets* by their power of two; each bucket is split into linear
/// *sub-buckets*. With `d` significant digits there are `2^k ≥ 2 × 10^d` sub-buckets in the first
/// bucket (2 048 for `d = 3`), so values below that are counted exactly, one slot each; every
/// further bucket covers twice the range of the one before with the upper half of the
/// sub-buckets, so a slot's width is never more than 1/1 024 of the smallest value it holds.
/// Any value therefore comes back within 0.1% (for 3 digits), whatever its magnitude: 80 ns and
/// 50 ms are both measured to three digits, which is what a latency distribution with a long tail
/// needs. The default range, 1 hour in nanoseconds, takes 33 buckets of 1 024 slots: 33 792
/// counters, 270 KB.
///
/// ## Costs
/// `record` finds the slot with a count of leading zeros, a shift and an add: no loop, no
/// allocation, no lock. Each thread records into its own histogram; they are merged afterwards
/// (`add`), exactly — the merge of histograms is the histogram of all the values.
///
/// ## Export
/// `table` writes the histogram as text (a versioned header, then one row per non-empty slot)
/// holding everything needed to rebuild it exactly; `init(table:)` reads it back with typed errors.
/// Shards of a run can be written separately and merged later (`mergingTables`).
public struct LatencyHistogram: Hashable, Sendable {
    /// The largest value counted; larger values are counted as this one (and in `saturatedCount`).
    public let highestTrackableValue: Int64
    /// The decimal digits of precision kept at every magnitude (1 … 5).
    public let significantDigits: Int

    /// log2 of the sub-buckets per bucket (11 for 3 digits: 2 048 sub-buckets).
    let subBucketCountMagnitude: Int
    /// The counters, one per slot; allocated once in `init`, never resized.
    var counts: [Int64]

    /// How many values were recorded.
    public internal(set) var count: Int64 = 0
    /// The smallest value recorded (exact); `Int64.max` while empty.
    public internal(set) var minValue: Int64 = .max
    /// The largest value recorded (exact, after clamping to the range); 0 while empty.
    public internal(set) var maxValue: Int64 = 0
    /// The exact sum of the values recorded, for the mean.
    public internal(set) var sum: Int128 = 0
    /// How many values were above `highestTrackableValue` (counted as it). Negative values are
    /// counted as 0 and are not counted here: a monotonic clock never gives them.
    public internal(set) var saturatedCount: Int64 = 0

    /// The default: 0 ns … 1 hour, 3 significant digits.
    public static let defaultHighestTrackableValue: Int64 = 3_600_000_000_000

    /// A histogram of 0 ns … 1 hour at 3 significant digits (270 KB).
    public init() {
        self.init(checkedHighest: Self.defaultHighestTrackableValue, digits: 3)
    }

    /// A histogram of 0 … `highestTrackableValue` at `significantDigits` digits.
    ///
    /// - Throws: `.invalidConfiguration` unless `significantDigits` is 1 … 5 and
    ///   `highestTrackableValue` is at least twice the exact range (`2 × 2^⌈log2(2 × 10^d)⌉`)
    ///   and at most 2^62.
    public init(highestTrackableValue: Int64, significantDigits: Int) throws(LatencyHistogramError) {
        guard Self.isValid(highest: highestTrackableValue, digits: significantDigits) else {
            throw .invalidConfiguration(highestTrackableValue: highestTrackableValue, significantDigits: significantDigits)
        }
        self.init(checkedHighest: highestTrackableValue, digits: significantDigits)
    }

    static func isValid(highest: Int64, digits: Int) -> Bool {
        guard (1...5).contains(digits) else { return false }
        return highest >= 2 << magnitude(digits: digits) && highest <= 1 << 62
    }

    /// ⌈log2(2 × 10^digits)⌉.
    static func magnitude(digits: Int) -> Int {
        var exact = 2
        for _ in 0..<digits { exact *= 10 }
        return Int.bitWidth - (exact - 1).leadingZeroBitCount
    }

    /// Only with a configuration `isValid` accepts.
    init(checkedHighest highest: Int64, digits: Int) {
        highestTrackableValue = highest
        significantDigits = digits
        subBucketCountMagnitude = Self.magnitude(digits: digits)
        // Buckets needed so that the last one reaches `highest`: the first covers
        // [0, subBucketCount), each next one doubles the reach.
        var reach = Int64(1) << subBucketCountMagnitude
        var buckets = 1
        while reach <= highest {
            reach <<= 1
            buckets += 1
        }
        counts = [Int64](repeating: 0, count: (buckets + 1) << (subBucketCountMagnitude - 1))
    }

    var subBucketHalfCountMagnitude: Int { subBucketCountMagnitude - 1 }
    var subBucketHalfCount: Int { 1 << subBucketHalfCountMagnitude }

    /// The slot of `value` (0 … highest).
    @inline(__always)
    func index(of value: Int64) -> Int {
        let bits = UInt64(truncatingIfNeeded: value) | UInt64((1 << subBucketCountMagnitude) - 1)
        let bucket = (UInt64.bitWidth - bits.leadingZeroBitCount) - subBucketCountMagnitude
        let subBucket = Int(truncatingIfNeeded: value >> Int64(bucket))
        return ((bucket + 1) << subBucketHalfCountMagnitude) + subBucket - subBucketHalfCount
    }

    /// The smallest value that lands in slot `index`, and the slot's width.
    func slot(_ index: Int) -> (lowest: Int64, width: Int64) {
        var bucket = (index >> subBucketHalfCountMagnitude) - 1
        var subBucket = (index & (subBucketHalfCount - 1)) + subBucketHalfCount
        if bucket < 0 {
            subBucket -= subBucketHalfCount
            bucket = 0
        }
        return (Int64(subBucket) << Int64(bucket), Int64(1) << Int64(bucket))
    }

    /// The largest value counted in the same slot as `value`: what the histogram reports for it.
    public func highestEquivalentValue(_ value: Int64) -> Int64 {
        let (lowest, width) = slot(index(of: Swift.min(Swift.max(value, 0), highestTrackableValue)))
        return lowest + width - 1
    }

    /// The number of counters (fixed for the histogram's life) and their bytes.
    public var slotCount: Int { counts.count }
    public var memoryBytes: Int { counts.count * MemoryLayout<Int64>.stride }

    /// Counts one value: O(1), no allocation, no lock.
    public mutating func record(_ value: Int64) {
        var value = value
        if value < 0 { value = 0 }
        if value > highestTrackableValue {
            value = highestTrackableValue
            saturatedCount &+= 1
        }
        counts[index(of: value)] &+= 1
        count &+= 1
        sum &+= Int128(value)
        if value < minValue { minValue = value }
        if value > maxValue { maxValue = value }
    }

    /// Adds every value of `other` (same configuration), exactly as if each had been recorded here.
    /// - Throws: `.configurationMismatch`, or `.countOverflow` when the two counts together pass
    ///   `Int64.max` (tables read from files can hold any count); nothing changes.
    public mutating func add(_ other: LatencyHistogram) throws(LatencyHistogramError) {
        guard other.highestTrackableValue == highestTrackableValue, other.significantDigits == significantDigits else {
            throw .configurationMismatch
        }
        guard other.count > 0 else { return }
        // Each slot and the saturated count are at most their histogram's count, so when the
        // counts add without overflow, so do they; the sum is an Int128 of values below 2⁴².
        guard !count.addingReportingOverflow(other.count).overflow else { throw .countOverflow }
        counts.withUnsafeMutableBufferPointer { mine in
            other.counts.withUnsafeBufferPointer { theirs in
                for index in mine.indices { mine[index] &+= theirs[index] }
            }
        }
        count &+= other.count
        sum &+= other.sum
        saturatedCount &+= other.saturatedCount
        minValue = Swift.min(minValue, other.minValue)
        maxValue = Swift.max(maxValue, other.maxValue)
    }

    /// Empties the histogram, keeping its memory.
    public mutating func reset() {
        counts.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        count = 0
        sum = 0
        saturatedCount = 0
        minValue = .max
        maxValue = 0
    }

    /// The rank (1-based, in sorted order) of the value at `percentile` (0 … 100) among `count`:
    /// ⌈percentile/100 × count⌉, at least 1. The same definition as for an exact sorted array.
    public static func rank(ofPercentile percentile: Double, count: Int64) -> Int64 {
        let raw = (Swift.min(Swift.max(percentile, 0), 100) / 100 * Double(count)).rounded(.up)
        return Swift.min(Swift.max(Int64(raw), 1), count)
    }

    /// The value at `percentile` (0 … 100): the highest value equivalent to the recorded value of
    /// that rank, clamped to the exact maximum — never below the true value, and above it by less
    /// than one part in 10^significantDigits (0.1% for 3 digits). 0 while empty.
    public func value(atPercentile percentile: Double) -> Int64 {
        guard count > 0 else { return 0 }
        let rank = Self.rank(ofPercentile: percentile, count: count)
        var cumulative: Int64 = 0
        for index in counts.indices {
            cumulative &+= counts[index]
            if cumulative >= rank {
                let (lowest, width) = slot(index)
                return Swift.min(lowest + width - 1, maxValue)
            }
        }
        return maxValue
    }

    /// The arithmetic mean of the recorded values (exact sum ÷ count); 0 while empty.
    public var mean: Double { count == 0 ? 0 : Double(sum) / Double(count) }

    /// The usual percentiles at once.
    public var summary: LatencySummary {
        LatencySummary(
            count: count, min: count == 0 ? 0 : minValue, p50: value(atPercentile: 50), p90: value(atPercentile: 90),
            p99: value(atPercentile: 99), p999: value(atPercentile: 99.9), p9999: value(atPercentile: 99.99),
            max: maxValue, mean: mean)
    }

    /// The non-empty slots in ascending order: (lowest value, highest value, count).
    public var nonEmptySlots: [(lowest: Int64, highest: Int64, count: Int64)] {
        counts.indices.compactMap { index in
            guard counts[index] > 0 else { return nil }
            let (lowest, width) = slot(index)
            return (lowest, lowest + width - 1, counts[index])
        }
    }
}

/// The percentiles a flood reports, in nanoseconds (the mean is exact, the rest to the
/// histogram's precision).
public struct LatencySummary: Hashable, Sendable {
    public var count: Int64
    public var min: Int64
    public var p50: Int64
    public var p90: Int64
    public var p99: Int64
    public var p999: Int64
    public var p9999: Int64
    public var max: Int64
    public var mean: Double
}

/// Why histograms cannot be created or merged.
public enum LatencyHistogramError: Error, Hashable, Sendable {
    case invalidConfiguration(highestTrackableValue: Int64, significantDigits: Int)
    /// Histograms of different ranges or precisions cannot be added.
    case configurationMismatch
    /// The two histograms hold more values together than an `Int64` counts.
    case countOverflow
}
