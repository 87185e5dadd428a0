import TradingMachines

/// A transition log for one check case. The checks run a case on one thread, so the log needs
/// no lock; production's own `RecordingTransitionSink` locks, which the checks do not need.
final class StepLog<Entry>: @unchecked Sendable {
    var entries: [Entry] = []
}

/// A sink that hands each event to a closure.
struct ClosureSink: TransitionSink, @unchecked Sendable {
    let handle: (TransitionEvent) -> Void
    init(_ handle: @escaping (TransitionEvent) -> Void) { self.handle = handle }
    func record(_ event: TransitionEvent) { handle(event) }
}
