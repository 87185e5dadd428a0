import Foundation
import Synchronization

/// The decision flood: decisions through a risk stack on an open-loop schedule, with latency
/// measured the honest way.
///
/// ## Why open loop, and why from the due time
/// A load generator that sends a request, waits for the answer, then sends the next (a closed
/// loop) slows down exactly when the system under test does: during a 50 ms stall it sends
/// nothing, so the one slow answer is a single sample among thousands and the P99 stays
/// flattering. Real order flow does not wait — the decisions that would have arrived during the
/// stall queue up behind it. This is *coordinated omission*: the measuring tool coordinates with
/// the system and omits the samples that would have shown the stall.
///
/// So decision *i* is due at t₀ + i/R whatever happened before, and its latency is
/// completion − due time: a decision that waited 40 ms behind a stall counts 40 ms, as it would
/// for a trader. The naive figure, completion − actual start, is recorded too, so the gap between
/// the two shows how much a closed-loop measurement would have hidden (`FloodReport.naive`).
///
/// ## Threads
/// With N threads, thread *k* takes decisions k, k + N, k + 2N, … each into its own histograms
/// (no sharing, no locks on the measuring path); they are merged exactly at the end. A thread
/// that is ahead of the schedule sleeps, then spins the last `spinNanoseconds`, until the due time
/// (`FloodClock.wait`); one that is behind starts at once and the backlog shows in `corrected`.
public enum DecisionFlood {
    /// Takes decision number `index` (0, 1, 2, … across all threads). Called concurrently from
    /// `threads` threads with distinct indices.
    public typealias Decision = @Sendable (_ index: Int) -> Void

    /// Significant digits of the per-window histograms (the run's histograms keep 3): a window
    /// only needs its P99 against the gate, and 2 digits keep 60 windows × N threads small.
    static let windowDigits = 2
    /// Threads start this long after the run is set up, so all are waiting when t₀ comes.
    static let startDelayNanoseconds: Int64 = 20_000_000

    /// Runs `configuration`, calling `decide` for every decision.
    ///
    /// - Parameter stopRequested: Asked every 10 ms on the memory sampler's thread (never on a
    ///   deciding one); once it answers true, every thread stops after its current decision and
    ///   the report says `interrupted` (a ten-minute flood no longer runs to its end after a
    ///   signal).
    /// - Throws: what `configuration.validate()` throws; nothing runs then.
    public static func run(
        _ configuration: FloodConfiguration, stopRequested: (@Sendable () -> Bool)? = nil, decide: @escaping Decision
    ) throws(FloodConfigurationError) -> FloodReport {
        try configuration.validate()
        let threads = configuration.threads
        let results = Slots<WorkerResult>(count: threads)
        let halt = StopFlag()
        let plan = Plan(configuration, halt: halt)
        let sampler = MemorySampler(
            interval: configuration.effectiveSampleInterval, seconds: configuration.seconds, stopRequested: stopRequested, raising: halt)
        let group = DispatchGroup()
        let begin = FloodClock.now()
        let t0 = begin + startDelayNanoseconds

        let samplerGroup = DispatchGroup()
        samplerGroup.enter()
        Thread {
            sampler.run(t0: t0)
            samplerGroup.leave()
        }.start()
        for thread in 0..<threads {
            group.enter()
            Thread {
                let result =
                    switch configuration.mode {
                    case .scheduled: scheduledWorker(thread: thread, plan: plan, t0: t0, decide: decide)
                    case .maximumRate: maximumRateWorker(thread: thread, plan: plan, t0: t0, decide: decide)
                    }
                results.set(thread, result)
                group.leave()
            }.start()
        }
        group.wait()
        sampler.stop()
        samplerGroup.wait()
        let end = FloodClock.now()
        var flood = report(configuration, plan: plan, workers: results.values, samples: sampler.samples, t0: t0, wall: end - begin)
        // A stop that came after every thread's last decision cut nothing short: the run is whole.
        flood.interrupted = halt.cutShort
        return flood
    }

    /// What every thread needs to know, computed once.
    struct Plan: Sendable {
        var configuration: FloodConfiguration
        /// Raised when the run is asked to stop: every worker ends after its current decision.
        let halt: StopFlag
        var rate: Int64
        var total: Int
        var warmUpDecisions: Int?
        var warmUpNanoseconds: Int64
        var windowNanoseconds: Int64
        var windowCount: Int
        var durationNanoseconds: Int64

        init(_ configuration: FloodConfiguration, halt: StopFlag = StopFlag()) {
            self.configuration = configuration
            self.halt = halt
            durationNanoseconds = Int64(configuration.seconds * 1e9)
            switch configuration.mode {
            case .scheduled(let rate, _):
                self.rate = Int64(rate)
                total = configuration.scheduledDecisions ?? 0
            case .maximumRate:
                rate = 0
                total = .max
            }
            switch configuration.warmUp {
            case .decisions(let n):
                warmUpDecisions = n
                warmUpNanoseconds = rate > 0 ? Int64(n) * 1_000_000_000 / rate : 0
            case .seconds(let s):
                warmUpNanoseconds = Int64(s * 1e9)
                warmUpDecisions = rate > 0 ? Int((s * Double(rate)).rounded(.up)) : nil
            }
            windowNanoseconds = Swift.max(1, Int64(configuration.windowSeconds * 1e9))
            windowCount = rate > 0 ? Int((durationNanoseconds + windowNanoseconds - 1) / windowNanoseconds) : 0
        }

        /// Due time of decision `index` after t₀: index / rate seconds, exact in integers.
        @inline(__always)
        func dueOffset(_ index: Int) -> Int64 {
            let i = Int64(index)
            return (i / rate) * 1_000_000_000 + (i % rate) * 1_000_000_000 / rate
        }
    }

    /// One thread's measurements.
    struct WorkerResult: Sendable {
        var corrected = LatencyHistogram()
        var naive = LatencyHistogram()
        var schedulerLateness = LatencyHistogram()
        var windows: [LatencyHistogram]
        var decisions = 0
        var measured = 0
        var backlogged = 0
        var lateStarts = 0
        /// Whether the thread runs under the real-time scheduler.
        var realtime = false
        /// Due time (scheduled) or start (maximum rate) of the first measured decision.
        var firstMeasured: Int64 = .max
        /// Completion of the last measured decision.
        var lastCompletion: Int64 = .min

        init(windowCount: Int) {
            windows = (0..<windowCount).map { _ in
                LatencyHistogram(checkedHighest: LatencyHistogram.defaultHighestTrackableValue, digits: DecisionFlood.windowDigits)
            }
        }
    }

    /// Thread `thread`'s share of an open-loop run. Everything it touches per decision was
    /// allocated before t₀.
    static func scheduledWorker(thread: Int, plan: Plan, t0: Int64, decide: Decision) -> WorkerResult {
        var result = WorkerResult(windowCount: plan.windowCount)
        if let priority = plan.configuration.realtimePriority { result.realtime = FloodThread.requestRealtime(priority: priority) }
        let threads = plan.configuration.threads
        let tolerance = plan.configuration.lateToleranceNanoseconds
        let spin = plan.configuration.spinNanoseconds
        let warmUp = plan.warmUpDecisions ?? 0
        var index = thread
        while index < plan.total && !plan.halt.isRaised {
            let offset = plan.dueOffset(index)
            let due = t0 + offset
            var start = FloodClock.now()
            let idle = start <= due
            if idle {
                // A far due time (a slow rate, many threads) is slept toward in 10 ms naps that
                // look at the stop flag; the last 20 ms are the clock's own precise wait.
                while due - FloodClock.now() > 20_000_000, !plan.halt.isRaised { FloodClock.sleep(untilMonotonic: FloodClock.now() + 10_000_000) }
                if plan.halt.isRaised { break }
                start = FloodClock.wait(until: due, spinNanoseconds: spin)
            }
            decide(index)
            let end = FloodClock.now()
            result.decisions += 1
            if index >= warmUp {
                let corrected = end - due
                result.corrected.record(corrected)
                result.naive.record(end - start)
                if idle {
                    result.schedulerLateness.record(start - due)
                } else {
                    result.backlogged += 1
                }
                if start - due > tolerance { result.lateStarts += 1 }
                let window = Int(offset / plan.windowNanoseconds)
                if window < result.windows.count { result.windows[window].record(corrected) }
                result.measured += 1
                if due < result.firstMeasured { result.firstMeasured = due }
                result.lastCompletion = end
            }
            index += threads
        }
        if index < plan.total { plan.halt.noteCutShort() }
        return result
    }

    /// Thread `thread`'s share of a maximum-rate run: back to back from t₀ for the run's
    /// duration (at least one decision); a decision's latency runs from the previous one's completion (its "due time" in
    /// a closed loop), so one clock reading per decision.
    static func maximumRateWorker(thread: Int, plan: Plan, t0: Int64, decide: Decision) -> WorkerResult {
        var result = WorkerResult(windowCount: 0)
        if let priority = plan.configuration.realtimePriority { result.realtime = FloodThread.requestRealtime(priority: priority) }
        let threads = plan.configuration.threads
        let stop = t0 + plan.durationNanoseconds
        let warmUpEnd = t0 + plan.warmUpNanoseconds
        let warmUpDecisions = plan.warmUpDecisions
        var previous = FloodClock.wait(until: t0, spinNanoseconds: plan.configuration.spinNanoseconds)
        var index = thread
        // At least one decision per thread, even one scheduled only after the run's end.
        repeat {
            decide(index)
            let end = FloodClock.now()
            result.decisions += 1
            let measured = if let warmUpDecisions { index >= warmUpDecisions } else { previous >= warmUpEnd }
            if measured {
                result.naive.record(end - previous)
                result.measured += 1
                if previous < result.firstMeasured { result.firstMeasured = previous }
                result.lastCompletion = end
            }
            previous = end
            index += threads
        } while previous < stop && !plan.halt.isRaised
        if previous < stop { plan.halt.noteCutShort() }
        result.corrected = result.naive
        return result
    }

    /// Merges the threads' results into the report.
    static func report(
        _ configuration: FloodConfiguration, plan: Plan, workers: [WorkerResult], samples: [MemoryTrend.Sample], t0: Int64, wall: Int64
    ) -> FloodReport {
        var corrected = LatencyHistogram()
        var naive = LatencyHistogram()
        var lateness = LatencyHistogram()
        var windows = (0..<plan.windowCount).map { _ in
            LatencyHistogram(checkedHighest: LatencyHistogram.defaultHighestTrackableValue, digits: windowDigits)
        }
        var decisions = 0
        var measured = 0
        var backlogged = 0
        var lateStarts = 0
        var realtime = 0
        var first = Int64.max
        var last = Int64.min
        for worker in workers {
            // Every worker's histograms are made with the same configurations as these: a
            // refused merge is a bug here, and would drop a worker's decisions from the figures.
            do throws(LatencyHistogramError) {
                try corrected.add(worker.corrected)
                try naive.add(worker.naive)
                try lateness.add(worker.schedulerLateness)
                for (index, window) in worker.windows.enumerated() where index < windows.count { try windows[index].add(window) }
            } catch {
                preconditionFailure("a worker's latency histogram does not merge into the flood's: \(error)")
            }
            decisions += worker.decisions
            measured += worker.measured
            backlogged += worker.backlogged
            lateStarts += worker.lateStarts
            if worker.realtime { realtime += 1 }
            first = Swift.min(first, worker.firstMeasured)
            last = Swift.max(last, worker.lastCompletion)
        }
        let span = last > first ? Double(last - first) / 1e9 : 0
        let achieved = span > 0 ? Double(measured) / span : 0
        let target: Double? = plan.rate > 0 ? Double(plan.rate) : nil
        let sustained = target.map { achieved >= $0 * (1 - configuration.rateTolerance) } ?? true
        let windowReports = windows.enumerated().compactMap { index, histogram -> FloodWindow? in
            guard histogram.count > 0 else { return nil }
            let p99 = histogram.value(atPercentile: 99)
            let p999 = histogram.value(atPercentile: 99.9)
            return FloodWindow(
                index: index, startSeconds: Double(index) * configuration.windowSeconds, count: histogram.count,
                p99Corrected: p99, p999Corrected: p999, maxCorrected: histogram.maxValue,
                passed: p99 <= configuration.p99GateNanoseconds && p999 <= configuration.p999GateNanoseconds)
        }
        let warmUpSeconds = Double(plan.warmUpNanoseconds) / 1e9
        let memory = MemoryTrend(samples: samples.filter { $0.seconds >= warmUpSeconds }, toleranceBytesPerSecond: configuration.leakToleranceBytesPerSecond)
        return FloodReport(
            configuration: configuration, corrected: corrected, naive: naive, schedulerLateness: lateness, decisions: decisions,
            warmUpExcluded: decisions - measured, backlogged: backlogged, lateStarts: lateStarts, targetRate: target,
            achievedRate: achieved, sustained: sustained, windows: windowReports, memory: memory, realtimeThreads: realtime,
            wallNanoseconds: wall)
    }
}

/// One result slot per thread.
final class Slots<Value: Sendable>: Sendable {
    private let storage: Mutex<[Value?]>

    init(count: Int) { storage = Mutex([Value?](repeating: nil, count: count)) }

    func set(_ index: Int, _ value: Value) { storage.withLock { $0[index] = value } }

    var values: [Value] { storage.withLock { $0.compactMap { $0 } } }
}

/// Samples resident memory on its own thread at a fixed interval, into storage reserved up front
/// (so the sampler does not itself grow the process while it measures it).
final class MemorySampler: Sendable {
    private let stopped = Atomic<Bool>(false)
    private let storage: Mutex<[MemoryTrend.Sample]>
    private let capacity: Int
    private let intervalNanoseconds: Int64

    init(interval: Double, seconds: Double, stopRequested: (@Sendable () -> Bool)? = nil, raising halt: StopFlag? = nil) {
        self.stopRequested = stopRequested
        self.halt = halt
        capacity = Int(seconds / interval) + 8
        intervalNanoseconds = Swift.max(1_000_000, Int64(interval * 1e9))
        var samples: [MemoryTrend.Sample] = []
        samples.reserveCapacity(capacity)
        storage = Mutex(samples)
    }

    /// What `run` asks every nap, and the flag it raises on a yes.
    private let stopRequested: (@Sendable () -> Bool)?
    private let halt: StopFlag?

    /// Samples from t₀ every interval until `stop`; asks the watched stop request at every nap.
    func run(t0: Int64) {
        var next = t0
        while !stopped.load(ordering: .relaxed) {
            if let stopRequested, let halt, !halt.isRaised, stopRequested() { halt.raise() }
            let now = FloodClock.now()
            if now >= next {
                if let bytes = ResidentMemory.current() {
                    storage.withLock { samples in
                        if samples.count < capacity { samples.append(.init(seconds: Double(now - t0) / 1e9, residentBytes: bytes)) }
                    }
                }
                next += intervalNanoseconds
                continue
            }
            // Short naps, so that `stop` is noticed within 10 ms.
            FloodClock.sleep(untilMonotonic: Swift.min(next, now + 10_000_000))
        }
    }

    func stop() { stopped.store(true, ordering: .relaxed) }

    var samples: [MemoryTrend.Sample] { storage.withLock { $0 } }
}

/// A one-way flag the deciding threads read once per decision (a relaxed load: nothing is
/// ordered by it, it only ends the loops), and whether it ended one before its natural end.
final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    private let cut = Atomic<Bool>(false)

    var isRaised: Bool { raised.load(ordering: .relaxed) }

    func raise() { raised.store(true, ordering: .relaxed) }

    /// A thread stopped with decisions (or time) left: read after every thread has joined.
    var cutShort: Bool { cut.load(ordering: .relaxed) }

    func noteCutShort() { cut.store(true, ordering: .relaxed) }
}
