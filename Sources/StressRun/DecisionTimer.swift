import Synchronization

/// Times each decision the risk stack makes in a run: how long each `submit` (an order) and each
/// `cycle` (the exits it wants) took, in nanoseconds. The certification's flash crash judges
/// their P99 (`docs/certification.md`).
///
/// The simulation reads no clock of its own: the caller brings one (the certification passes
/// its monotonic `FloodClock.now`). The timings are kept here, outside the run: a run's record
/// stays a function of its inputs, and timing it changes nothing it decides. One timer per run.
public final class DecisionTimer: Sendable {
    private let clock: @Sendable () -> Int64
    private let storage = Mutex<[Int64]>([])

    /// - Parameter clock: nanoseconds on a monotonic clock, read before and after each decision.
    public init(clock: @escaping @Sendable () -> Int64) { self.clock = clock }

    /// Every decision's duration so far, in the order they were made.
    public var nanoseconds: [Int64] { storage.withLock { $0 } }

    /// Runs `decide` and records how long it took.
    @inline(__always)
    func time<T, E: Error>(_ decide: () throws(E) -> T) throws(E) -> T {
        let start = clock()
        defer {
            let elapsed = clock() &- start
            storage.withLock { $0.append(elapsed) }
        }
        return try decide()
    }
}
