import Synchronization
import TradingVocabulary

/// A sink that keeps every event in memory, for tests and diagnostics.
public final class RecordingTransitionSink: TransitionSink {
    private let storage = Mutex<[TransitionEvent]>([])

    public init() {}

    /// Runs `body` with the lock held, annotated for ThreadSanitizer.
    private func locked<R: Sendable>(_ body: (inout [TransitionEvent]) -> R) -> R {
        let address = UnsafeRawPointer(Unmanaged.passUnretained(self).toOpaque())
        return storage.withLock { events in
            ThreadSanitizerHooks.acquire(address)
            defer { ThreadSanitizerHooks.release(address) }
            return body(&events)
        }
    }

    public func record(_ event: TransitionEvent) {
        locked { $0.append(event) }
    }

    /// Every event recorded so far, oldest first.
    public var events: [TransitionEvent] {
        locked { $0 }
    }

    /// The position transitions recorded so far, oldest first.
    public var positionTransitions: [PositionTransition] {
        events.compactMap { if case .position(let t) = $0 { t } else { nil } }
    }

    /// The super-state transitions recorded so far, oldest first.
    public var superStateTransitions: [SuperStateTransition] {
        events.compactMap { if case .superState(let t) = $0 { t } else { nil } }
    }

    /// The trading-mode transitions recorded so far, oldest first.
    public var tradingModeTransitions: [TradingModeTransition] {
        events.compactMap { if case .tradingMode(let t) = $0 { t } else { nil } }
    }
}

extension RecordingTransitionSink {
    /// Replaces every event: the write half of a read-copy-write append, for the bug zoo's
    /// `transition-sink-concurrent/read-copy-write` only.
    @_spi(BugZoo) public func replaceEvents(with events: [TransitionEvent]) {
        locked { $0 = events }
    }
}
