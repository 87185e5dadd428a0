import Foundation
import Synchronization

/// Long-lived threads that run a case's lanes: starting threads for every run would cost more
/// than the run, and would stagger the lanes' starts.
///
/// `run` hands each worker its lane and waits for all of them; a semaphore per worker wakes it,
/// one semaphore collects the ends (each signal/wait pair orders the lane's writes before the
/// caller's reads). Inside a run the lanes meet at a barrier (``StartLine``) and start together.
final class LaneWorkers: @unchecked Sendable {
    /// One worker's job: written by `run` before it signals the worker, read by the worker after
    /// (a slot per worker, so that no two threads ever write one array).
    private final class Slot: @unchecked Sendable {
        var job: (@Sendable () -> Void)?
    }

    private let wake: [DispatchSemaphore]
    private let finished = DispatchSemaphore(value: 0)
    private let slots: [Slot]
    private var stopping = false
    let count: Int

    init(count: Int) {
        self.count = count
        wake = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        slots = (0..<count).map { _ in Slot() }
        for index in 0..<count {
            let thread = Thread { [self] in work(index) }
            thread.name = "concurrent-check-lane-\(index + 1)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    private func work(_ index: Int) {
        while true {
            wake[index].wait()
            if stopping {
                finished.signal()
                return
            }
            slots[index].job?()
            finished.signal()
        }
    }

    /// Runs `lanes` (at most `count`), one per worker, and returns when all have finished.
    func run(_ lanes: [@Sendable () -> Void]) {
        precondition(lanes.count <= count, "LaneWorkers: \(lanes.count) lanes for \(count) workers")
        for (index, lane) in lanes.enumerated() {
            slots[index].job = lane
            wake[index].signal()
        }
        for _ in lanes { finished.wait() }
    }

    /// Ends the threads; the workers are unusable after.
    func shutDown() {
        stopping = true
        for semaphore in wake { semaphore.signal() }
        for _ in wake { finished.wait() }
    }
}

/// The barrier the lanes of one run meet at, and the clock they stamp operations with.
final class StartLine: Sendable {
    private let arrived = Atomic<Int>(0)
    private let open = Atomic<Bool>(false)
    private let clock = Atomic<UInt64>(0)
    private let lanes: Int

    init(lanes: Int) { self.lanes = lanes }

    /// Waits until every lane has arrived; the last to arrive opens the line. Spins (the lanes
    /// should start within nanoseconds of each other), yielding now and then so that lanes
    /// waiting for a core let it go.
    func wait() {
        if arrived.add(1, ordering: .acquiringAndReleasing).newValue == lanes {
            open.store(true, ordering: .releasing)
            return
        }
        var spins = 0
        while !open.load(ordering: .acquiring) {
            spins += 1
            if spins & 63 == 0 { sched_yield() }
        }
    }

    /// The next stamp of the run's logical clock (see ``Operation``).
    @inline(__always)
    func tick() -> UInt64 { clock.add(1, ordering: .sequentiallyConsistent).newValue }
}
