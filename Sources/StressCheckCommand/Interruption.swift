import Synchronization
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The signal the handler received (0: none). Set from the signal handler, which may only do
/// async-signal-safe work: a lock-free atomic store is.
private let receivedSignal = Atomic<Int32>(0)

/// Whether the run was asked to stop (SIGINT, SIGTERM), checked between cases.
///
/// The handler only sets a flag; the check stops after its current case, the command prints
/// the partial summary and the seeds, and exits with 128 + the signal's number (130 for SIGINT,
/// 143 for SIGTERM). The handler is installed with `SA_RESETHAND`: a second signal ends the
/// process at once (say, while a failure is being shrunk).
public struct Interruption: Sendable {
    /// The signal received so far, or `nil`.
    public let signal: @Sendable () -> Int32?

    /// An interruption that reports what `signal` returns (tests stop a run with it).
    public init(signal: @escaping @Sendable () -> Int32?) { self.signal = signal }

    /// Never interrupted.
    public static let never = Interruption { nil }

    /// Installs the handler for SIGINT and SIGTERM and returns the interruption it sets.
    public static func installSignalHandlers() -> Interruption {
        for number in [SIGINT, SIGTERM] {
            var action = sigaction()
            let handler: @convention(c) (Int32) -> Void = { number in receivedSignal.store(number, ordering: .relaxed) }
            #if canImport(Glibc)
                action.__sigaction_handler.sa_handler = handler
                action.sa_flags = Int32(bitPattern: UInt32(SA_RESETHAND))
            #else
                action.__sigaction_u.__sa_handler = handler
                action.sa_flags = SA_RESETHAND
            #endif
            sigemptyset(&action.sa_mask)
            _ = sigaction(number, &action, nil)
        }
        return Interruption {
            let number = receivedSignal.load(ordering: .relaxed)
            return number == 0 ? nil : number
        }
    }

    /// `SIGINT`, `SIGTERM`, or `signal N`.
    static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        default: "signal \(signal)"
        }
    }

    /// The exit status by convention: 128 + the signal's number.
    static func exitStatus(for signal: Int32) -> Int32 { 128 + signal }
}
