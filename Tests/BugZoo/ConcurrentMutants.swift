import Foundation
import PropertyCheck
@_spi(BugZoo) import TradingChecks
@_spi(BugZoo) import TradingMachines
import TradingModels
import TradingVocabulary

/// Deliberately broken variants of production's thread-safe risk stack.
public enum ConcurrentMutants {
    /// A check-then-act race: an order is decided under the stack's lock, the lock is released,
    /// and the order is booked under a second hold of the lock, on a decision another thread may
    /// have made stale in between. Two orders at once can then both pass a limit that only one
    /// of them fits under.
    ///
    /// The window between the decision and the booking is widened with a few `sched_yield()`
    /// calls, so that two lanes released together land in it on most runs (on a two-core
    /// machine too): the race is real, the widening only makes it reliable to find.
    public final class CheckThenAct: SharedSystemUnderTest {
        let inner: SharedRiskStackSystem
        public init() throws { inner = try SharedRiskStackSystem() }

        public func apply(_ command: RiskStackCommand) throws -> RiskStackOutcome {
            guard case .submit(let symbol, let amount) = command else { return try inner.apply(command) }
            let request = OrderRequest(symbol: symbol, amount: amount)
            // Check: the whole decision, under the lock, on a copy of the stack.
            let decision = inner.shared.withStack { stack -> Result<RiskDecision, RiskStackError> in
                var copy = stack
                do throws(RiskStackError) { return .success(try copy.submit(request)) } catch { return .failure(error) }
            }
            // The lock is released here: another thread may book an order in between.
            for _ in 0..<20 { sched_yield() }
            switch decision {
            case .failure(let error): return .error(error)
            case .success(.rejected(let reason)): return .decision(.rejected(reason))
            case .success(.accepted(let route)):
                // Act: book what was decided, without deciding again.
                inner.shared.withStackToBook(request)
                return .decision(.accepted(route))
            }
        }

        public var observation: RiskStackObservation { inner.observation }
    }

    /// A transition log that appends by copying: the events are read under the lock, the lock
    /// is released, and the copy with the new event is written back, so a record made in
    /// between is lost. (A few `sched_yield()` calls widen the window, as in `CheckThenAct`.)
    public final class ReadCopyWriteSink: SharedSink {
        let inner = RecordingTransitionSink()
        public init() {}
        public func record(_ event: TransitionEvent) {
            let events = inner.events
            for _ in 0..<20 { sched_yield() }
            inner.replaceEvents(with: events + [event])
        }
        public var events: [TransitionEvent] { inner.events }
    }
}

extension SharedRiskStack {
    /// Books `request` under the lock without deciding (the act of a check-then-act race).
    fileprivate func withStackToBook(_ request: OrderRequest) {
        _ = try? apply { (stack: inout RiskStack) throws(RiskStackError) in stack.bookWithoutDeciding(request) }
    }
}

extension ConcurrentMutants {
    /// The concurrent checks' variants: found within the check's default budget and shrunk to
    /// two lanes of one command each.
    static let variants: [ZooVariant] = [
        ZooVariant(
            "risk-stack-concurrent/check-then-act", "an order decided under the lock and booked under a second hold of it (check-then-act race)",
            minimum: [#"lane 1: .submit("BTC-USD", amount: 1000001)"#, #"lane 2: .submit("BTC-USD", amount: 1000001)"#],
            signature: FailureSignature(ConcurrencyFailureKind.notLinearizable),
            entry: MachineEntry(concurrent: "the check-then-act race", defaultCases: RiskStackConcurrentChecks.defaultCases) { steps in
                RiskStackConcurrentChecks.machine(name: "zoo risk-stack-concurrent/check-then-act") { try CheckThenAct() }.lanes(ofAtMost: steps)
            }),
        ZooVariant(
            "transition-sink-concurrent/read-copy-write", "the transition log appends by reading, releasing the lock and writing back a copy",
            minimum: ["lane 1: .record(count: 0)", "lane 2: .record(count: 0)"], signature: FailureSignature(ConcurrencyFailureKind.finalStateUnexplained),
            entry: MachineEntry(concurrent: "the lost append", defaultCases: TransitionSinkConcurrentChecks.defaultCases) { steps in
                TransitionSinkConcurrentChecks.machine(name: "zoo transition-sink-concurrent/read-copy-write") { ReadCopyWriteSink() }.lanes(ofAtMost: steps)
            }),
    ]
}
