import TradingMachines
import TradingVocabulary

/// One step of the benchmark's decision mix.
enum Operation {
    case submit(OrderRequest)
    case close(Symbol)
}

/// A deterministic, realistic mix: mostly order requests over 48 symbols in many sectors (and
/// unknown ones), sized so that every layer sometimes refuses, with closes that keep the book
/// from saturating.
struct Workload {
    let operations: [Operation]

    init(count: Int, seed: UInt64) {
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
            // SplitMix64: fast, deterministic, good enough for a workload.
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var operations: [Operation] = []
        operations.reserveCapacity(count)
        for _ in 0..<count {
            let symbol = symbols[Int(next() % UInt64(symbols.count))]
            if next() % 100 < 45 {
                operations.append(.close(symbol))
            } else {
                // Mostly $100 … $60,000; 3% are $160,000+, above the 15% max position of $1M.
                let amount =
                    next() % 100 < 3
                    ? Int64(16_000_000 + next() % 4_000_000)
                    : Int64(10_000 + next() % 6_000_000)
                operations.append(.submit(OrderRequest(symbol: symbol, amount: Cents(amount))))
            }
        }
        self.operations = operations
    }

    /// The stack every run starts from: $1M, dry run, cap 20.
    static func makeStack() -> RiskStack {
        guard var stack = try? RiskStack(portfolioValue: Cents(100_000_000)) else {
            fatalError("benchmark setup: invalid portfolio value")
        }
        stack.enableDryRun()
        _ = try? stack.setCap(20)
        return stack
    }
}

/// Counts of what the decisions answered.
struct Tally {
    var accepted = 0
    var byLayer = [Int](repeating: 0, count: RiskLayer.allCases.count)
    var closes = 0

    mutating func count(_ decision: RiskDecision) {
        switch decision {
        case .accepted: accepted += 1
        case .rejected(let reason):
            switch reason.layer {
            case .tradingMode: byLayer[0] += 1
            case .superState: byLayer[1] += 1
            case .positions: byLayer[2] += 1
            case .sectorCaps: byLayer[3] += 1
            }
        }
    }
}
