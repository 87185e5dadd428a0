import Certification
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
        var stream = DecisionUniverse.Stream(seed: seed)
        var operations: [Operation] = []
        operations.reserveCapacity(count)
        for _ in 0..<count {
            let symbol = stream.symbol()
            if stream.next() % 100 < 45 {
                operations.append(.close(symbol))
            } else {
                // Mostly $100 … $60,000; 3% are $160,000+, above the 15% max position of $1M.
                let amount =
                    stream.next() % 100 < 3
                    ? Int64(16_000_000 + stream.next() % 4_000_000)
                    : Int64(10_000 + stream.next() % 6_000_000)
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
    /// Submits that threw instead of deciding: not decisions, and a figure counting them would
    /// be too high, so any is a failed run (below).
    var thrown = 0

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
