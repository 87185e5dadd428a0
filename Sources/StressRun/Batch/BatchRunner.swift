import Foundation
import MarketSim

/// Runs a batch, or one shard of it, on a bounded number of workers.
///
/// Structured concurrency: one task group whose child tasks each run one item; at most
/// `parallel` are in flight (a new one is added as one finishes), and all of them run on
/// `parallel` threads of their own (``WorkerThreads``). Results are put in item order, so
/// they — and everything computed from them — are the same for any `parallel`.
///
/// ```swift
/// let plan = try BatchPlan(scenarios: ["flash-crash-2010"], strategies: [.buyTheDip], seeds: 10, campaignSeed: 42)
/// let results = BatchRunner(parallel: 2).runBlocking(plan)
/// BatchSummary(results).passed
/// ```
public struct BatchRunner: Sendable {
    /// Workers (threads) running items at once.
    public var parallel: Int
    /// The executor each item runs on (its configuration applies to every item).
    public var executor: ScenarioExecutor

    /// A runner with `parallel` workers (at least 1; default: the active cores).
    public init(parallel: Int = BatchRunner.activeCores, executor: ScenarioExecutor = ScenarioExecutor()) {
        self.parallel = max(parallel, 1)
        self.executor = executor
    }

    /// The processor cores available to the process.
    public static var activeCores: Int { max(ProcessInfo.processInfo.activeProcessorCount, 1) }

    /// What a run reports as it goes: called once per finished item with (finished, total), in
    /// completion order, from a worker thread.
    public typealias Progress = @Sendable (_ finished: Int, _ total: Int) -> Void

    /// Runs the items of `shard` (every item by default) and returns their results in item order.
    ///
    /// - Parameters:
    ///   - shouldStop: Asked before each item starts; once true, no further item starts and the
    ///     results hold only the items run (still in order).
    /// - Complexity: the items' runs, `parallel` at a time.
    public func run(
        _ plan: BatchPlan, shard: BatchShard = .whole, progress: Progress? = nil,
        shouldStop: (@Sendable () -> Bool)? = nil
    ) async -> [BatchItemResult] {
        let numbers = Array(shard.items(of: plan.itemCount))
        let workers = WorkerThreads(count: min(parallel, max(numbers.count, 1)))
        defer { workers.shutdown() }
        return await withTaskExecutorPreference(workers) {
            await runItems(numbers, plan: plan, progress: progress, shouldStop: shouldStop)
        }
    }

    /// ``run(_:shard:progress:shouldStop:)`` for a synchronous caller, which waits (blocked, on
    /// its own thread; nothing runs on Swift's cooperative pool).
    public func runBlocking(
        _ plan: BatchPlan, shard: BatchShard = .whole, progress: Progress? = nil,
        shouldStop: (@Sendable () -> Bool)? = nil
    ) -> [BatchItemResult] {
        let numbers = Array(shard.items(of: plan.itemCount))
        let workers = WorkerThreads(count: min(parallel, max(numbers.count, 1)))
        defer { workers.shutdown() }
        let handoff = Handoff<[BatchItemResult]>()
        Task(executorPreference: workers) {
            handoff.put(await runItems(numbers, plan: plan, progress: progress, shouldStop: shouldStop))
        }
        return handoff.wait()
    }

    /// The task group: `parallel` children at most, results placed by position.
    private func runItems(_ numbers: [Int], plan: BatchPlan, progress: Progress?, shouldStop: (@Sendable () -> Bool)?) async -> [BatchItemResult] {
        let executor = executor
        var results = [BatchItemResult?](repeating: nil, count: numbers.count)
        await withTaskGroup(of: (Int, BatchItemResult).self) { group in
            var next = 0
            var finished = 0
            func startNext() -> Bool {
                guard next < numbers.count, shouldStop?() != true else { return false }
                let position = next
                let number = numbers[position]
                group.addTask { (position, Self.runItem(number, of: plan, executor: executor)) }
                next += 1
                return true
            }
            for _ in 0..<parallel where !startNext() { break }
            while let (position, result) = await group.next() {
                results[position] = result
                finished += 1
                progress?(finished, numbers.count)
                _ = startNext()
            }
        }
        return results.compactMap { $0 }
    }

    /// Runs item `number` of `plan` alone: the same result whichever shard or worker runs it.
    public static func runItem(_ number: Int, of plan: BatchPlan, executor: ScenarioExecutor = ScenarioExecutor()) -> BatchItemResult {
        let item = plan.item(number)
        do {
            let record = try plan.run(number, executor: executor)
            return BatchItemResult(item: item, record: record)
        } catch {
            return BatchItemResult(item: item, error: error)
        }
    }

    /// The whole record of item `number` (equity curve, event log, …), for a report or a shrink
    /// step: the batch keeps only figures, and any item replays alone from its seed.
    /// - Throws: ``BatchError`` when `number` is not in the plan; ``StressRunError`` when the run cannot start.
    public static func replay(_ number: Int, of plan: BatchPlan, executor: ScenarioExecutor = ScenarioExecutor()) throws -> RunRecord {
        guard number >= 0 && number < plan.itemCount else { throw BatchError(.unknownItem(number, count: plan.itemCount)) }
        return try plan.run(number, executor: executor)
    }
}
