// Strategy performance (issue 14): a transition's latency (P50/P99 of one event through the
// machine), a full cycle with the in-memory mock through the driver and the risk stack, the
// memory of one instance, 10 000 instances in one process, and the differential checks' steps
// per second. Run in release, on one core:
//
//     swift run -c release strategies-benchmark
//
// Figures are wall-clock on whatever machine runs this (printed with the table). Every figure
// past its target (P99 ≤ 1 µs; a cycle ≤ 20 µs; ≤ 16 KB an instance, judged on the resident
// memory 10 000 instances add; 10 000 instances; ≥ 300 k steps/s) is flagged MISSED, listed at
// the end, and makes the exit status 1; so does a target whose figure could not be measured
// (NOT MEASURED, e.g. without /proc/self/statm). The layout estimate of one instance is printed
// for comparison, not judged.
import BenchmarkSupport
import ExchangeVocabulary
import Foundation
import PropertyCheck
import Strategies
import StrategyVocabulary
import TradingChecks
import TradingMachines
import TradingVocabulary

var missed: [String] = []
var rows: [String] = []

func seconds(_ duration: Duration) -> Double {
    let (s, atto) = duration.components
    return Double(s) + Double(atto) * 1e-18
}

@MainActor func row(_ name: String, _ value: String, _ target: String, met: Bool?) {
    let verdict = met.map { $0 ? "ok" : "MISSED" } ?? "–"
    if met == false { missed.append("\(name): \(value) (target \(target))") }
    rows.append("| \(name) | \(value) | \(target) | \(verdict) |")
}

/// A target whose figure could not be measured: not met, and said so.
@MainActor func notMeasured(_ name: String, _ target: String, why: String) {
    missed.append("\(name): not measured (\(why))")
    rows.append("| \(name) | not measured (\(why)) | \(target) | NOT MEASURED |")
}

/// A deterministic source of numbers (SplitMix64): no wall clock, no unseeded randomness.
struct SplitMix {
    var state: UInt64
    mutating func next(below bound: UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return (z ^ (z >> 31)) % bound
    }
}

let symbol: Symbol = "BTC-USD"
let makerParameters = MarketMakingParameters(
    symbol: symbol, quoteSize: 2, halfSpread: 2, inventoryLimit: 10, skewPerLot: 1, volatilityLimit: 50, endsAt: .max)

/// A market maker's life as events: books drifting, each quote acknowledged, filled or
/// cancelled as the machine asks; the events are produced by feeding the machine itself, so
/// every report is about a real order.
func makerEvents(count: Int) -> [StrategyEvent] {
    var maker = MarketMaker(parameters: makerParameters)
    var random = SplitMix(state: 42)
    var events: [StrategyEvent] = []
    var step = StrategyStep()
    var mid: Int64 = 1_000
    while events.count < count {
        let event: StrategyEvent
        let working = maker.live
        if working.isEmpty || random.next(below: 3) == 0 {
            mid += Int64(random.next(below: 5)) - 2
            event = .book(.a, BookTicker(bid: Ticks(mid - 1), bidSize: 5, ask: Ticks(mid + 1), askSize: 5))
        } else {
            let order = working[Int(random.next(below: UInt64(working.count)))]
            switch order.state {
            case .sent: event = .order(.accepted(order.order.id))
            case .cancelRequested, .cancelFailed: event = .order(.canceled(order.order.id))
            default: event = .order(.filled(order.order.id, quantity: Lots(1), price: order.order.limit ?? Ticks(mid)))
            }
        }
        step.removeAll()
        maker.handle(event, into: &step)
        events.append(event)
    }
    return events
}

print("StressCheck strategies benchmark — \(machineInfo())")
print("")

// 1. First, while the process is small: 10 000 instances in one process, each driven through a
//    book, its quotes acknowledged and a fill: time per event, and the resident memory they add.
do {
    /// The process's resident memory; nil when /proc/self/statm cannot be read.
    func residentBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
    let before = residentBytes()
    let count = 10_000
    var strategies = (0..<count).map { index in
        var parameters = makerParameters
        parameters.firstOrderID = ClientOrderID(UInt64(index) * 1_000_000 + 1)
        return Strategy.marketMaking(MarketMaker(parameters: parameters))
    }
    var step = StrategyStep()
    let clock = ContinuousClock()
    let start = clock.now
    var events = 0
    for index in strategies.indices {
        let first = UInt64(index) * 1_000_000 + 1
        let script: [StrategyEvent] = [
            .book(.a, BookTicker(bid: 999, bidSize: 5, ask: 1_001, askSize: 5)), .order(.accepted(ClientOrderID(first))),
            .order(.accepted(ClientOrderID(first + 1))), .order(.filled(ClientOrderID(first), quantity: 1, price: 998)),
        ]
        for event in script {
            step.removeAll()
            strategies[index].handle(event, into: &step)
            events += 1
        }
    }
    let elapsed = seconds(clock.now - start)
    let after = residentBytes()
    let live = strategies.filter { !$0.phase.isTerminal }.count
    row("10 000 instances: live after the script", "\(live)", "10 000", met: live == count)
    if let before, let after {
        let added = max(after - before, 0)
        row(
            "10 000 instances: resident memory added", String(format: "%.1f MB (%.0f B each)", Double(added) / 1e6, Double(added) / Double(count)),
            "≤ 16 KB each", met: added / count <= 16 * 1024)
    } else {
        notMeasured("10 000 instances: resident memory added", "≤ 16 KB each", why: "/proc/self/statm unreadable")
    }
    row("10 000 instances: time per event", String(format: "%.0f ns", elapsed / Double(events) * 1e9), "–", met: nil)
}

// 2. One transition: each event's latency through a market maker, P50 and P99 of a million.
do {
    let events = makerEvents(count: 1_000_000)
    var samples: [Duration] = []
    samples.reserveCapacity(events.count)
    var best = (p50: Duration.seconds(1), p99: Duration.seconds(1))
    for _ in 0..<3 {
        var maker = MarketMaker(parameters: makerParameters)
        var step = StrategyStep()
        step.actions.reserveCapacity(8)
        step.transitions.reserveCapacity(4)
        samples.removeAll(keepingCapacity: true)
        let clock = ContinuousClock()
        for event in events {
            step.removeAll()
            let start = clock.now
            maker.handle(event, into: &step)
            samples.append(clock.now - start)
        }
        samples.sort()
        let p50 = samples[samples.count / 2]
        let p99 = samples[samples.count * 99 / 100]
        if p99 < best.p99 { best = (p50, p99) }
    }
    let p99 = seconds(best.p99) * 1e9
    row("transition P50 (market maker)", String(format: "%.0f ns", seconds(best.p50) * 1e9), "–", met: nil)
    row("transition P99 (market maker)", String(format: "%.0f ns", p99), "≤ 1 µs", met: p99 <= 1_000)
}

// 3. A full cycle with the mock: start (validation), books on A and B, both legs placed through
//    the risk stack and filled by the mock, COMPLETED. Mean of 100 000 cycles, best of 3.
do {
    let listing = ExchangeSymbol(symbol: symbol, base: "BTC", quote: "USD", kind: .spot)
    var a = MockExchange(symbols: [listing])
    var b = MockExchange(symbols: [listing])
    try a.setBook(BookTicker(bid: 100, bidSize: 5, ask: 101, askSize: 5), for: symbol)
    try b.setBook(BookTicker(bid: 105, bidSize: 5, ask: 106, askSize: 5), for: symbol)
    let parameters = ArbitrageParameters(symbol: symbol, quantity: 2, feeA: 1, feeB: 1, minimumProfit: 1, legTimeout: 10)
    let cycles = 100_000
    var best = Double.infinity
    for _ in 0..<3 {
        var risk = try RiskStack(portfolioValue: Cents(Int64.max / 4))
        risk.enableDryRun()
        let clock = ContinuousClock()
        let start = clock.now
        for cycle in 0..<cycles {
            var arbitrage = parameters
            arbitrage.firstOrderID = ClientOrderID(UInt64(cycle) * 8 + 1)
            var driver = try StrategyDriver(strategy: .arbitrage(try StrategyFactory.arbitrage(arbitrage)), exchanges: [.a: a, .b: b])
            driver.poll(now: 1, risk: &risk)
            precondition(driver.strategy.phase == .completed, "the cycle did not complete: \(driver.strategy.phase)")
        }
        best = min(best, seconds(clock.now - start) / Double(cycles))
    }
    row("full cycle with the mock (arbitrage, IDLE → COMPLETED)", String(format: "%.2f µs", best * 1e6), "≤ 20 µs", met: best * 1e6 <= 20)
}

// 4. One instance's memory, estimated from the layout (not measured; the target is judged on
//    the resident memory of 1.): the machine inline, plus its working-order storage (4 reserved).
do {
    let inline = MemoryLayout<Strategy>.stride
    let heap = 32 + 4 * MemoryLayout<TrackedOrder>.stride  // array header + the reserved capacity
    row("memory per instance, estimated from the layout (inline + working orders)", "≈ \(inline + heap) B", "–", met: nil)
}

// 5. The differential checks: steps per second, 2 000 cases of up to 100 steps, best of 3.
for name in ["market-making", "arbitrage", "spot-futures-hedge", "calendar-spread"] {
    guard let machine = Machines.named(name) else { fatalError("no machine \(name)") }
    var best = 0.0
    for _ in 0..<3 {
        let clock = ContinuousClock()
        let start = clock.now
        let run = machine.check(MachineRunOptions(cases: 2_000, seed: 1, saveFailures: false))
        precondition(run.passed, "\(name) failed:\n\(run.report)")
        best = max(best, Double(run.steps) / seconds(clock.now - start))
    }
    row("differential check \(name)", String(format: "%.0f k steps/s", best / 1_000), "≥ 300 k/s", met: best >= 300_000)
}

print("| measure | figure | target | |")
print("|---|---:|---:|---|")
for line in rows { print(line) }
print("")
reportTargets(missed: missed)
