import Synchronization

/// Times each decision the risk stack makes in a run, on the wall clock (a monotonic clock): how
/// long each `submit` (an order) and each `cycle` (the exits it wants) took, in nanoseconds. The certification's flash crash judges its P99
/// (`docs/certification.md`).
///
/// The timings are kept here, outside the run: a run's record stays a function of its inputs,
/// and timing it changes nothing it decides. One timer per run.
public final class DecisionTimer: Sendable {
    private let storage = Mutex<[Int64]>([])

    public init() {}

    /// Every decision's duration so far, in the order they were made.
    public var nanoseconds: [Int64] { storage.withLock { $0 } }

    /// Runs `decide` and records how long it took.
    @inline(__always)
    func time<T, E: Error>(_ decide: () throws(E) -> T) throws(E) -> T {
        let clock = ContinuousClock()
        let start = clock.now
        defer {
            let (seconds, attoseconds) = (clock.now - start).components
            let elapsed = seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000
            storage.withLock { $0.append(elapsed) }
        }
        return try decide()
    }
}
