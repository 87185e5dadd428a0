import Dispatch
import Synchronization
import Testing
import TradingMachines
import TradingVocabulary

@Suite struct SharedRiskStackTests {
    /// What one thread saw.
    struct Counts: Sendable {
        var submitted = 0
        var accepted = 0
        var rejected = 0
        var errors = 0
        var zeroAmounts = 0
        var acceptedAmount: Int64 = 0
        var closedAmount: Int64 = 0
        /// Invariant checks made mid-run, under contention, and what they found.
        var invariantChecks = 0
        var violations: [String] = []
    }

    @Test func manyThreadsCountsAddUpAndInvariantsHold() throws {
        var stack = try RiskStack(portfolioValue: 100_000_000)
        stack.enableDryRun()
        try stack.setCap(12)
        let shared = SharedRiskStack(stack)
        let universe = [
            "BTC-USD", "ETH-USD", "SOL-USD", "UNI-USD", "AAVE-USD", "DOGE-USD", "LINK-USD", "FIL-USD",
            "XMR-USD", "BNB-USD", "ARB-USD", "FET-USD", "NEW-USD", "ETC-USD", "SAND-USD", "LDO-USD",
        ].map(sym)
        let results = Mutex<[Counts]>([])
        let threads = 4
        let perThread = 5_000

        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            var counts = Counts()
            var random = UInt64(thread + 1) &* 0x9E37_79B9_7F4A_7C15
            func next() -> UInt64 {
                random ^= random << 13
                random ^= random >> 7
                random ^= random << 17
                return random
            }
            for step in 0..<perThread {
                let symbol = universe[Int(next() % UInt64(universe.count))]
                switch next() % 100 {
                case 0..<60:
                    // Amount 0 now and then: the typed error path, under contention too.
                    let amount = Cents(step % 997 == 0 ? 0 : Int64(next() % 9_000_000) + 1)
                    counts.submitted += 1
                    if amount.value == 0 { counts.zeroAmounts += 1 }
                    do {
                        switch try shared.submit(OrderRequest(symbol: symbol, amount: amount)) {
                        case .accepted:
                            counts.accepted += 1
                            counts.acceptedAmount += amount.value
                        case .rejected:
                            counts.rejected += 1
                        }
                    } catch {
                        counts.errors += 1
                    }
                case 60..<95:
                    let closed = try? shared.apply { (stack: inout RiskStack) throws(RiskStackError) -> Int64 in
                        let held = stack.sectorCaps.holding(of: symbol)?.value ?? 0
                        try stack.close(symbol)
                        return held
                    }
                    counts.closedAmount += closed ?? 0
                case 95..<97:
                    _ = try? shared.apply { (stack: inout RiskStack) throws(RiskStackError) in
                        try stack.update(volatility: Double(next() % 12) / 100, drawdown: 0, liquidity: 1)
                    }
                case 97:
                    counts.invariantChecks += 1
                    counts.violations += shared.withStack { stack in stack.checkInvariants() }
                default:
                    _ = try? shared.apply { (stack: inout RiskStack) throws(RiskStackError) in
                        if stack.superState.state == .emergencyHalt { try stack.resume() } else { stack.halt() }
                    }
                }
            }
            results.withLock { $0.append(counts) }
        }

        let all = results.withLock { $0 }
        #expect(all.count == threads)
        let submitted = all.reduce(0) { $0 + $1.submitted }
        let accepted = all.reduce(0) { $0 + $1.accepted }
        let rejected = all.reduce(0) { $0 + $1.rejected }
        let errors = all.reduce(0) { $0 + $1.errors }
        // Exactly the zero amounts threw: every other request got a decision.
        #expect(errors == all.reduce(0) { $0 + $1.zeroAmounts })
        #expect(submitted > threads * perThread / 2)
        // The invariants held whenever they were checked mid-run, not only at the end.
        #expect(all.reduce(0) { $0 + $1.invariantChecks } > 0)
        #expect(all.flatMap(\.violations) == [])
        #expect(errors > 0)
        #expect(accepted > 0)
        #expect(rejected > 0)
        let acceptedAmount = all.reduce(Int64(0)) { $0 + $1.acceptedAmount }
        let closedAmount = all.reduce(Int64(0)) { $0 + $1.closedAmount }
        shared.withStack { stack in
            #expect(stack.checkInvariants() == [])
            // The stack's own books agree with what the threads were told: every accepted amount
            // booked, every closed holding removed.
            #expect(stack.sectorCaps.totalExposure.value == acceptedAmount - closedAmount)
            #expect(stack.positions.count == stack.sectorCaps.holdings.count)
        }
    }
}
