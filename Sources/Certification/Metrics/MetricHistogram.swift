/// A histogram as the exposition format states it: finite upper bounds in increasing order with
/// cumulative counts, the total count (the `le="+Inf"` bucket) and the sum of the observations.
///
/// Built from any bucketed source — a latency histogram's buckets, raw observations — and checked
/// on the way in, so a value of this type always renders to buckets that never decrease and end
/// in `+Inf` with the total count.
public struct MetricHistogram: Hashable, Sendable {
    /// One finite bucket: observations ≤ `upperBound`, counted cumulatively.
    public struct Bucket: Hashable, Sendable {
        public let upperBound: Double
        public let cumulativeCount: UInt64
    }

    /// How the counts of the input pairs are meant.
    public enum Counting: Hashable, Sendable {
        /// Each count is the number of observations ≤ its bound (already running totals).
        case cumulative
        /// Each count is the number of observations in its bucket alone, above the previous bound.
        case perBucket
    }

    /// The finite buckets, bounds strictly increasing (the `+Inf` bucket is ``count``).
    public let buckets: [Bucket]
    /// Every observation, including those above the last finite bound.
    public let count: UInt64
    /// The sum of the observations.
    public let sum: Double

    /// A histogram from `(upper bound, count)` pairs in increasing bound order.
    ///
    /// A last pair with bound `+Inf` is the overflow bucket; without one, no observation lies above
    /// the last bound. Bounds must be strictly increasing and not NaN (a `-Inf` first bound is allowed).
    ///
    /// - Throws: `.invalidBucketBound`, `.invalidBucketCount` (cumulative counts that decrease),
    ///   `.countOverflow` (per-bucket counts whose total does not fit), `.invalidSum` (NaN).
    public init(_ pairs: [(upperBound: Double, count: UInt64)], counting: Counting, sum: Double) throws(MetricsError) {
        guard !sum.isNaN else { throw .invalidSum(sum) }
        var buckets: [Bucket] = []
        buckets.reserveCapacity(pairs.count)
        var running: UInt64 = 0
        var previousBound = -Double.infinity
        var total: UInt64?
        for (index, pair) in pairs.enumerated() {
            let bound = pair.upperBound
            guard !bound.isNaN, index == 0 || bound > previousBound, total == nil else { throw .invalidBucketBound(index: index, upperBound: bound) }
            previousBound = bound
            switch counting {
            case .cumulative:
                guard pair.count >= running else { throw .invalidBucketCount(index: index, count: pair.count) }
                running = pair.count
            case .perBucket:
                let (sum, overflow) = running.addingReportingOverflow(pair.count)
                guard !overflow else { throw .countOverflow }
                running = sum
            }
            if bound == .infinity { total = running } else { buckets.append(Bucket(upperBound: bound, cumulativeCount: running)) }
        }
        self.buckets = buckets
        self.count = total ?? running
        self.sum = sum
    }

    /// A histogram of raw observations over the given finite bounds (sorted and deduplicated here).
    /// - Throws: `.invalidBucketBound` for a NaN or infinite bound, `.invalidSum` when an
    ///   observation is NaN.
    public init(observations: [Double], bounds: [Double]) throws(MetricsError) {
        let sortedBounds = Array(Set(bounds)).sorted()
        for (index, bound) in sortedBounds.enumerated() where !bound.isFinite { throw .invalidBucketBound(index: index, upperBound: bound) }
        var perBucket = [UInt64](repeating: 0, count: sortedBounds.count + 1)
        var sum = 0.0
        for observation in observations {
            guard !observation.isNaN else { throw .invalidSum(observation) }
            sum += observation
            // The first bucket whose bound is ≥ the observation (le is inclusive).
            var low = 0
            var high = sortedBounds.count
            while low < high {
                let middle = (low + high) / 2
                if sortedBounds[middle] < observation { low = middle + 1 } else { high = middle }
            }
            perBucket[low] += 1
        }
        let pairs = zip(sortedBounds + [.infinity], perBucket).map { (upperBound: $0, count: $1) }
        try self.init(pairs, counting: .perBucket, sum: sum)
    }

    /// A latency histogram's buckets, bounds in integer nanoseconds, exposed in seconds (the base
    /// unit Prometheus wants): each bound is divided by 10⁹, and so is the sum.
    /// - Throws: what ``init(_:counting:sum:)`` throws.
    public static func fromNanoseconds(
        _ pairs: [(upperBoundNanoseconds: Int64, count: UInt64)], counting: Counting,
        sumNanoseconds: Double
    ) throws(MetricsError) -> MetricHistogram {
        try MetricHistogram(
            pairs.map { (upperBound: Double($0.upperBoundNanoseconds) / 1e9, count: $0.count) }, counting: counting,
            sum: sumNanoseconds / 1e9)
    }

    /// The same observations over coarser bounds: each new bucket counts the old buckets whose
    /// bound is ≤ the new bound. An old bucket that straddles a new bound is counted in the next
    /// new bucket, so a latency is never reported lower than it was; the count and sum are kept.
    /// - Throws: `.invalidBucketBound` for a NaN or infinite bound.
    public func rebucketed(to bounds: [Double]) throws(MetricsError) -> MetricHistogram {
        let sortedBounds = Array(Set(bounds)).sorted()
        var pairs: [(upperBound: Double, count: UInt64)] = []
        pairs.reserveCapacity(sortedBounds.count)
        var next = 0
        var cumulative: UInt64 = 0
        for (index, bound) in sortedBounds.enumerated() {
            guard bound.isFinite else { throw .invalidBucketBound(index: index, upperBound: bound) }
            while next < buckets.count, buckets[next].upperBound <= bound {
                cumulative = buckets[next].cumulativeCount
                next += 1
            }
            pairs.append((upperBound: bound, count: cumulative))
        }
        pairs.append((upperBound: .infinity, count: count))
        return try MetricHistogram(pairs, counting: .cumulative, sum: sum)
    }
}
