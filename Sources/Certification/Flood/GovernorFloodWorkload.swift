import StressRun
import Synchronization
import TradingVocabulary

/// The flood's decisions through any ``RiskGovernor`` — a user's stack under certification:
/// the same requests as ``RiskStackFloodWorkload`` (and every fourth decision closes its
/// symbol), each taken under one lock, since a `RiskGovernor` is a value type with no locking of
/// its own. $1M portfolio, DRY_RUN. (The project's stack is flooded through its own thread-safe
/// `SharedRiskStack` instead, the one production uses.)
public struct GovernorFloodWorkload: Sendable {
    public let decision: DecisionFlood.Decision

    /// A workload over a fresh stack of type `type`.
    /// - Throws: the stack's own error when it refuses to start (the certification reports it).
    public init(_ type: any RiskGovernor.Type, seed: UInt64 = 1) throws {
        decision = try Self.decision(type, seed: seed)
    }

    private static func decision<G: RiskGovernor>(_ type: G.Type, seed: UInt64) throws -> DecisionFlood.Decision {
        var stack = try G(portfolioValue: Cents(100_000_000), table: .default)
        stack.enableDryRun()
        let locked = Locked(stack)
        let requests = RiskStackFloodWorkload.requests(seed: seed)
        let mask = requests.count - 1
        return { index in
            let request = requests[index & mask]
            locked.mutex.withLock { stack in
                _ = try? stack.submit(request)
                if index & 3 == 3 { try? stack.close(request.symbol) }
            }
        }
    }

    /// A stack behind a lock, shared by the flood's threads.
    private final class Locked<G: RiskGovernor>: Sendable {
        let mutex: Mutex<G>
        init(_ stack: G) { mutex = Mutex(stack) }
    }
}
