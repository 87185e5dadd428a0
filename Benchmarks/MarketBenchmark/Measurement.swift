import BenchmarkSupport
import Foundation

/// A timing: how many items in how many seconds, best of several repetitions.
struct Timing {
    var items: Int
    var seconds: Double
    var checksum: UInt64
    var perSecond: Double { Double(items) / seconds }
}

func seconds(_ duration: Duration) -> Double {
    let (s, atto) = duration.components
    return Double(s) + Double(atto) * 1e-18
}

/// Doubles the number of chunks until one run takes `minimumSeconds`, then keeps the best of
/// `repetitions` runs of that length (the least disturbed on a shared machine).
func measure(_ workload: Workload, minimumSeconds: Double, repetitions: Int) -> Timing {
    let clock = ContinuousClock()
    var chunks = 1
    var checksum: UInt64 = 0
    while true {
        let start = clock.now
        checksum = workload.run(chunks: chunks)
        if seconds(clock.now - start) >= minimumSeconds || chunks >= 1 << 20 { break }
        chunks *= 2
    }
    var best = Double.infinity
    for _ in 0..<repetitions {
        let start = clock.now
        checksum &+= workload.run(chunks: chunks)
        best = min(best, seconds(clock.now - start))
    }
    return Timing(items: chunks * workload.chunk, seconds: best, checksum: checksum)
}

/// The heap allocations of this executable running `workload` for `chunks` chunks; nil
/// without valgrind.
func valgrindAllocations(_ workload: Workload, chunks: Int) -> Int? {
    heapAllocations(rerunningWith: ["--allocs", workload.rawValue, "\(chunks)"])
}

/// `12.34 M/s` or `567 k/s`.
func rate(_ perSecond: Double) -> String {
    perSecond >= 1e6 ? String(format: "%.2f M/s", perSecond / 1e6) : String(format: "%.0f k/s", perSecond / 1e3)
}
