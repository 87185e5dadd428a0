// Differential-check throughput: model + production + comparison + invariants per step, with
// generation (the model runs as commands are drawn). Run in release:
//
//     swift run -c release checks-benchmark
//
// Figures are wall-clock on whatever machine runs this (printed with the table); best of 3.
// Every figure below its target (issue 9 §6: 1 M steps/s per single machine, 500 k for the risk
// stack and, issue 11, for the exchange) is flagged MISSED, listed at the end, and makes the exit
// status 1.
import Foundation
import PropertyCheck
import TradingChecks
import BenchmarkSupport

let cases = Int(ProcessInfo.processInfo.environment["CASES"] ?? "2000") ?? 2000
let only = ProcessInfo.processInfo.environment["ONLY"]
let targets = [
    "position": 1_000_000.0, "sector-caps": 1_000_000.0, "super-state": 1_000_000.0, "trading-mode": 1_000_000.0,
    "risk-stack": 500_000.0, "exchange": 500_000.0,
]
var missed: [String] = []

print(
    "StressCheck differential-check benchmark — \(ProcessInfo.processInfo.activeProcessorCount) cores, one thread, \(cases) cases of up to 100 steps per run, best of 3"
)
print("")
print("| machine | steps | time | steps/s | target | |")
print("|---|---:|---:|---:|---:|---|")
// The concurrent checks run each case a dozen times on threads: their figure is the verdict's
// cost, which concurrent-benchmark measures.
let concurrent: Set = ["risk-stack-concurrent", "transition-sink-concurrent"]
for machine in Machines.all where (only == nil || only == machine.name) && !concurrent.contains(machine.name) {
    var best = (steps: 0, seconds: Double.infinity)
    for _ in 0..<3 {
        let clock = ContinuousClock()
        let start = clock.now
        let run = machine.check(MachineRunOptions(cases: cases, seed: 1))
        let (s, atto) = (clock.now - start).components
        let seconds = Double(s) + Double(atto) * 1e-18
        precondition(run.passed, "\(machine.name) failed:\n\(run.report)")
        if seconds < best.seconds { best = (run.steps, seconds) }
    }
    let rate = Double(best.steps) / best.seconds
    let target = targets[machine.name].map { String(format: "≥ %.0f k/s", $0 / 1000) } ?? "–"
    let verdict: String
    if let goal = targets[machine.name] {
        verdict = rate >= goal ? "ok" : "MISSED"
        if rate < goal { missed.append("\(machine.name) \(String(format: "%.0f k/s", rate / 1000)) < \(target)") }
    } else {
        verdict = "–"
    }
    print(
        "| \(machine.name) | \(best.steps) | \(String(format: "%.3f s", best.seconds)) | \(String(format: "%.0f k/s", rate / 1000)) | \(target) | \(verdict) |")
}
print("")
reportTargets(missed: missed)
