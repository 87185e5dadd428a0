import Foundation

/// A task executor of its own threads: the jobs of the tasks that prefer it run on exactly
/// `count` threads, off Swift's cooperative pool.
///
/// A batch's child tasks run CPU-bound simulations for seconds. On their own threads they
/// neither starve the cooperative pool (a synchronous caller may be blocked on it: a test, the
/// command line) nor depend on its width: `--parallel K` is K threads.
final class WorkerThreads: TaskExecutor, @unchecked Sendable {
    // Unchecked: every stored property is guarded by `condition` or immutable.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var head = 0
    private var stopping = false

    /// Starts `count` threads (at least one).
    init(count: Int) {
        for index in 0..<max(count, 1) {
            let thread = Thread { [self] in work() }
            thread.name = "stresscheck-batch-\(index)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        jobs.append(unowned)
        condition.signal()
        condition.unlock()
    }

    /// Lets the threads end once the queue is empty.
    func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        while let job = next() {
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    private func next() -> UnownedJob? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count {
            if stopping { return nil }
            condition.wait()
        }
        let job = jobs[head]
        head += 1
        if head > 1_024 && head * 2 > jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }
}

/// A value handed from a task to a thread that waits for it.
final class Handoff<Value: Sendable>: @unchecked Sendable {
    // Unchecked: `value` is guarded by `condition`.
    private let condition = NSCondition()
    private var value: Value?

    func put(_ newValue: Value) {
        condition.lock()
        value = newValue
        condition.broadcast()
        condition.unlock()
    }

    func wait() -> Value {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let value { return value }
            condition.wait()
        }
    }
}
