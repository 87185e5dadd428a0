// Market simulation throughput: bars per second per model and choice source, correlated bar
// vectors, simulated hours per wall-clock second, and heap allocations per bar (valgrind).
//
//     flock /tmp/swift-build.lock swift run -c release market-benchmark [--quick]
//
// Internal mode for the allocation count: market-benchmark --allocs <workload> <chunks>
// Figures are wall-clock on a shared machine (printed with the table): best of N runs of at
// least 0.25 s each (0.05 s and best of 2 with --quick). A figure past its target is flagged
// MISSED, listed, and makes the exit status 1; a target not measured (no valgrind, or --quick)
// is listed as NOT MEASURED, and the summary does not call every target met.
import BenchmarkSupport
import Foundation

let arguments = CommandLine.arguments
if arguments.count == 4, arguments[1] == "--allocs", let workload = Workload(rawValue: arguments[2]), let chunks = Int(arguments[3]) {
    // A fixed-size line, so that printing allocates the same for every length.
    print(workload.run(chunks: chunks) % 10)
    exit(0)
}
let quick = arguments.contains("--quick")
let minimumSeconds = quick ? 0.05 : 0.25
let repetitions = quick ? 2 : 5

struct Row {
    var measure: String
    var result: String
    var target: String
    /// nil: no target, or not measured.
    var ok: Bool?
    var line: String { "| \(measure) | \(result) | \(target) | \(ok.map { $0 ? "ok" : "MISSED" } ?? (target.isEmpty ? "–" : "NOT MEASURED")) |" }
}

var rows: [Row] = []
var checksums: [String] = []

@MainActor func throughput(_ name: String, _ workload: Workload, target: Double?, unit: String = "bars") {
    let timing = measure(workload, minimumSeconds: minimumSeconds, repetitions: repetitions)
    checksums.append("\(workload.rawValue) \(String(timing.checksum, radix: 16))")
    let result = "\(rate(timing.perSecond)) (\(timing.items) \(unit) in \(String(format: "%.3f s", timing.seconds)))"
    rows.append(Row(measure: name, result: result, target: target.map { "≥ \(rate($0))" } ?? "", ok: target.map { timing.perSecond >= $0 }))
}

throughput("bars/s, 1 symbol, GBM, SeededChoices", .gbm, target: 10e6)
throughput("bars/s, 1 symbol, GARCH(1,1)-t, SeededChoices", .garch, target: 10e6)
throughput("bars/s, 1 symbol, Merton, SeededChoices", .merton, target: nil)
throughput("bars/s, GBM from ChoiceStream, random (reset per 2,000 bars)", .streamGBM, target: 2e6)
throughput("bars/s, Merton from ChoiceStream, random (reset per 2,000 bars)", .streamMerton, target: 2e6)
throughput("bars/s, GBM from ChoiceStream, replaying recorded bytes", .replayGBM, target: 2e6)
throughput("bar vectors/s, 10 correlated symbols (4 GBM, 3 GARCH-t, 3 Merton, ρ = 0.5)", .correlated, target: 1e6, unit: "vectors")

let day = measure(.day, minimumSeconds: minimumSeconds, repetitions: repetitions)
checksums.append("day \(String(day.checksum, radix: 16))")
let dayHours = Double(day.items) / 3600 / day.seconds
rows.append(
    Row(
        measure: "simulated hours per wall-clock second, GBM, one day of 1 s bars (86,400)",
        result: String(format: "%.0f h/s (one day in %.2f ms)", dayHours, day.seconds / Double(day.items / 86_400) * 1000),
        target: "", ok: nil))

let pinMismatches = Pins.mismatches()
rows.append(
    Row(
        measure: "generated values = the tests' pinned fingerprints (1,000 bars per model, seed 42)",
        result: pinMismatches.isEmpty ? "identical" : "differ: \(pinMismatches.joined(separator: ", "))", target: "identical",
        ok: pinMismatches.isEmpty))

// Heap allocations: valgrind at two run lengths; the difference over the extra bars must be 0.
let probe: [(String, Workload)] = [
    ("GBM", .gbm), ("GARCH-t", .garch), ("Merton", .merton), ("ChoiceStream random", .streamGBM),
    ("ChoiceStream replay", .replayGBM), ("10 correlated symbols", .correlated),
]
for (name, workload) in probe {
    let (few, many) = workload == .correlated ? (2, 20) : (workload.chunk == 10_000 ? (1, 10) : (5, 50))
    let unit = workload == .correlated ? "vector" : "bar"
    let measureName = "heap allocations per \(unit), \(name) (valgrind, \(few * workload.chunk) vs \(many * workload.chunk))"
    guard !quick, hasValgrind, let a = valgrindAllocations(workload, chunks: few), let b = valgrindAllocations(workload, chunks: many) else {
        rows.append(
            Row(measure: measureName, result: quick ? "not measured (--quick)" : "not measured (no valgrind, or it failed)", target: "0", ok: nil))
        continue
    }
    let perItem = Double(b - a) / Double((many - few) * workload.chunk)
    rows.append(Row(measure: measureName, result: "\(String(format: "%g", perItem)) (\(a) vs \(b) in the whole process)", target: "0", ok: b == a))
}

print("market-benchmark (release, one thread\(quick ? ", --quick" : "")) — \(machineInfo())")
print("")
print("| measure | result | target | |")
print("|---|---|---|---|")
rows.forEach { print($0.line) }
let missed = rows.filter { $0.ok == false }.map(\.measure)
let notMeasured = rows.filter { $0.ok == nil && !$0.target.isEmpty }.map(\.measure)
print("")
print("checksums: \(checksums.joined(separator: ", "))")
reportTargets(missed: missed, notMeasured: notMeasured)
