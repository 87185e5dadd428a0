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
    public static func makeStack() -> SharedRiskStack? {
        guard var stack = try? RiskStack(portfolioValue: Cents(100_000_000)) else { return nil }
        stack.enableDryRun()
        do {
            _ = try stack.setCap(20)
        } catch {
            return nil
        }
        return SharedRiskStack(stack)
    }

    /// Decisions through `stack`, with 4 096 requests drawn from `seed`.
    public init(stack: SharedRiskStack, seed: UInt64 = 1) {
        self.stack = stack
        let texts = [
            "BTC-USD", "ETH-USD", "USDC-USD", "SOL-USD", "ADA-USD", "AVAX-USD", "DOT-USD", "ETC-USD",
            "FTM-USD", "ARB-USD", "OP-USD", "AAVE-USD", "COMP-USD", "UNI-USD", "CRV-USD", "SNX-USD",
            "GMX-USD", "LDO-USD", "BNB-USD", "LINK-USD", "SAND-USD", "MANA-USD", "APE-USD", "DOGE-USD",
            "SHIB-USD", "PEPE-USD", "FET-USD", "TAO-USD", "XMR-USD", "FIL-USD", "GRT-USD", "ICP-USD",
            "NEW1-USD", "NEW2-USD", "NEW3-USD", "NEW4-USD", "XRP-USD", "NEAR-USD", "MKR-USD", "DYDX-USD",
            "WIF-USD", "BONK-USD", "RNDR-USD", "AXS-USD", "IMX-USD", "ZEC-USD", "AR-USD", "OKB-USD",
        ]
        let symbols = texts.compactMap { try? Symbol($0) }
        var state = seed
        func next() -> UInt64 {
            // SplitMix64.
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let count = 4_096
        requests = (0..<count).map { _ in
            let symbol = symbols[Int(next() % UInt64(symbols.count))]
            let amount = next() % 100 < 2 ? Int64(16_000_000 + next() % 4_000_000) : Int64(10_000 + next() % 1_000_000)
            return OrderRequest(symbol: symbol, amount: Cents(amount))
        }
        mask = count - 1
    }

    /// Takes decision `index`: submits its request (and every fourth, closes its symbol).
    @inline(__always)
    public func decide(_ index: Int) {
        let request = requests[index & mask]
        _ = try? stack.submit(request)
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
