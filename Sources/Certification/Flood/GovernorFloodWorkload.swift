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
    /// The decisions whose `submit` threw: a stack that throws has not decided, and a flood of
    /// errors is not a latency worth timing (the latency gate fails on any). The closes every
    /// fourth decision makes are not counted: the stack may rightly refuse to close a symbol
    /// its last order did not open.
    public let refusals = FloodRefusals()

    /// A workload over a fresh stack of type `type`.
    /// - Throws: the stack's own error when it refuses to start (the certification reports it).
    public init(_ type: any RiskGovernor.Type, seed: UInt64 = 1) throws {
        decision = try Self.decision(type, seed: seed, refusals: refusals)
    }

    private static func decision<G: RiskGovernor>(_ type: G.Type, seed: UInt64, refusals: FloodRefusals) throws -> DecisionFlood.Decision {
        var stack = try G(portfolioValue: Cents(100_000_000), table: .default)
        stack.enableDryRun()
        let locked = Locked(stack)
        let requests = RiskStackFloodWorkload.requests(seed: seed)
        let mask = requests.count - 1
        return { index in
            let request = requests[index & mask]
            locked.mutex.withLock { stack in
                do { _ = try stack.submit(request) } catch { refusals.record(error) }
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

/// The flood's decisions that threw, counted across its threads, with the first error.
public final class FloodRefusals: Sendable {
    private let state = Mutex<(count: Int, first: String?)>((0, nil))

    public init() {}

    func record(_ error: any Error) {
        state.withLock { state in
            state.count += 1
            if state.first == nil { state.first = String(describing: error) }
        }
    }

    /// How many decisions threw, and the first one's error.
    public var summary: (count: Int, first: String?) { state.withLock { $0 } }
}
