import TradingMachines
import TradingVocabulary

/// The flood's default decisions: order requests through a `SharedRiskStack`, one `submit` per
/// decision.
///
/// The requests are drawn once, deterministically, over 48 symbols in many sectors, mostly
/// $100 … $10 000 on a $1M portfolio (and a few above the largest position allowed), so that
/// every layer sometimes refuses. So that a long flood keeps taking real decisions rather than
/// refusing everything once the book is full, every fourth decision also closes its symbol, on
/// the same beat and inside the measured time (a close is one more input through the lock).
public struct RiskStackFloodWorkload: Sendable {
    public let stack: SharedRiskStack
    let requests: [OrderRequest]
    let mask: Int

    /// The stack every flood starts from unless given one: $1M, dry run, cap 20.
    public static func makeStack() -> SharedRiskStack {
        // Constants any risk stack takes: a refusal is a bug in the stack, and traps naming it.
        do {
            var stack = try RiskStack(portfolioValue: Cents(100_000_000))
            stack.enableDryRun()
            _ = try stack.setCap(20)
            return SharedRiskStack(stack)
        } catch {
            preconditionFailure("the flood's risk stack refused its constants: \(error)")
        }
    }

    /// Decisions through `stack`, with 4 096 requests drawn from `seed`.
    public init(stack: SharedRiskStack, seed: UInt64 = 1) {
        self.stack = stack
        requests = Self.requests(seed: seed)
        mask = requests.count - 1
    }

    /// The 4 096 requests drawn from `seed` (a power of two: `index & mask` picks one).
    static func requests(seed: UInt64) -> [OrderRequest] {
        var stream = DecisionUniverse.Stream(seed: seed)
        return (0..<4_096).map { _ in
            let symbol = stream.symbol()
            let amount = stream.next() % 100 < 2 ? Int64(16_000_000 + stream.next() % 4_000_000) : Int64(10_000 + stream.next() % 1_000_000)
            return OrderRequest(symbol: symbol, amount: Cents(amount))
        }
    }

    /// Takes decision `index`: submits its request (and every fourth, closes its symbol).
    @inline(__always)
    public func decide(_ index: Int) {
        let request = requests[index & mask]
        // Amounts from 10 000 up: the stack decides, and a thrown error is a bug, named.
        do { _ = try stack.submit(request) } catch { preconditionFailure("the flood's decision \(index) threw: \(error)") }
        if index & 3 == 3 {
            _ = try? stack.apply { (stack: inout RiskStack) throws(RiskStackError) in try stack.close(request.symbol) }
        }
    }

    /// `decide` as the flood's closure.
    public var decision: DecisionFlood.Decision {
        let workload = self
        return { workload.decide($0) }
    }
}
