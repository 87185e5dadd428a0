/// Latencies in 1 ns buckets up to 100 µs, one overflow bucket; preallocated, so recording
/// never allocates and never distorts what it measures.
struct Histogram {
    static let limit = 100_000
    var buckets = [Int](repeating: 0, count: Histogram.limit + 1)
    var total = 0

    mutating func record(_ nanoseconds: Int) {
        buckets.withUnsafeMutableBufferPointer { $0[min(max(nanoseconds, 0), Histogram.limit)] += 1 }
        total += 1
    }

    /// The smallest latency at or below which `fraction` of the samples lie.
    func percentile(_ fraction: Double) -> Int {
        let target = Int((Double(total) * fraction).rounded(.up))
        var seen = 0
        for (nanoseconds, count) in buckets.enumerated() {
            seen += count
            if seen >= target { return nanoseconds }
        }
        return Histogram.limit
    }
}
