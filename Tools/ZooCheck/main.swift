import BugZoo
import Certification
import Foundation

// zoo-check: every bug-zoo variant (or the ones named) on all its seeds, in release — what
// `swift test` asserts on fewer seeds for the slow ones (docs/stateful.md, "The bug zoo").
//
//   swift run -c release zoo-check [variant…]
//
// Prints one line per variant and seed; a variant not caught, or shrunk to anything but a known
// minimum, prints its report. Then the certification zoo (`certify/…`): the project's own stack
// must be GO (a NO-GO on the wall-clock latency gate alone is tried again, up to 3 attempts in
// all, each printed) and each variant NO-GO with exactly its gate failed. Exit 0 when every run ends at a
// known minimum and every certification verdict is right, 1 otherwise, 2 for an unknown variant
// name.

let names = Array(CommandLine.arguments.dropFirst())
var variants = BugZoo.variants
var certificationVariants = BugZoo.certificationVariants
if !names.isEmpty {
    let known = BugZoo.variants.map(\.name) + BugZoo.certificationVariants.map(\.name)
    let unknown = names.filter { !known.contains($0) }
    if !unknown.isEmpty {
        FileHandle.standardError.write(
            Data("error: unknown variant(s): \(unknown.joined(separator: ", ")) (known: \(known.joined(separator: ", ")))\n".utf8))
        exit(2)
    }
    variants = variants.filter { names.contains($0.name) }
    certificationVariants = certificationVariants.filter { names.contains($0.name) }
}

/// `body`'s duration, for the report lines.
func timed<T>(_ body: () -> T) -> (T, String) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = body()
    let (s, atto) = (clock.now - start).components
    return (value, String(format: "%.1f s", Double(s) + Double(atto) * 1e-18))
}

var failures = 0
for variant in variants {
    for seed in variant.seeds {
        let (outcome, time) = timed { variant.verify(seed: seed) }
        switch outcome {
        case .known:
            print("ok       \(variant.name) seed \(seed) (\(time))")
        case .notCaught(let reason):
            failures += 1
            print("MISSED   \(variant.name) seed \(seed) (\(time)): not caught: \(reason)")
        case .unknown(let lines, let signature, _):
            failures += 1
            print("UNKNOWN  \(variant.name) seed \(seed) (\(time)): \(String(describing: signature))")
            for line in lines { print("    \"\(line.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\",") }
        }
    }
}
/// Attempts the project's own stack gets when only the latency gate fails. The flood's latencies
/// are wall-clock: on a shared host the scheduler now and then holds the deciding thread for tens
/// of milliseconds, which one 3-second window's P99.9 (its 3rd-worst decision) cannot absorb. A
/// latency regression in the stack fails every attempt; a host stall does not repeat on cue.
let baselineLatencyAttempts = 3
if !certificationVariants.isEmpty {
    var attempt = 1
    var (baseline, time) = timed { BugZoo.certifyProjectStack() }
    while attempt < baselineLatencyAttempts, case .success(let report) = baseline, report.matrix.failedGates == [.latency] {
        let worst =
            report.matrix.gates.first { $0.gate == .latency }?.figures.filter { !$0.passed }.map {
                "\($0.name) \($0.measured.map { String(format: "%.3g", $0) } ?? "none") > \($0.limit) \($0.unit)"
            }.first ?? ""
        print("retry    certify (the project's own stack) NO-GO on latency only, attempt \(attempt) of \(baselineLatencyAttempts) (\(time)): \(worst)")
        attempt += 1
        (baseline, time) = timed { BugZoo.certifyProjectStack() }
    }
    switch baseline {
    case .success(let report) where report.matrix.isGo:
        print("ok       certify (the project's own stack) GO (\(time))\(attempt > 1 ? " on attempt \(attempt)" : "")")
    case .success(let report):
        failures += 1
        print(
            "WRONG    certify (the project's own stack) NO-GO on \(report.matrix.failedGates.map(\.rawValue)) (\(time), attempt \(attempt)): the variants prove nothing"
        )
    case .failure(let failure):
        failures += 1
        print("ERROR    certify (the project's own stack) could not run (\(time)): \(failure)")
    }
}
for variant in certificationVariants {
    let (outcome, time) = timed { variant.verify() }
    switch outcome {
    case .caught(let rules, let figures):
        print("ok       \(variant.name) NO-GO on \(variant.gate.rawValue) (\(time)): \((figures + rules).first ?? "")")
    case .go:
        failures += 1
        print("MISSED   \(variant.name) (\(time)): GO, expected NO-GO on \(variant.gate.rawValue)")
    case .wrongGates(let gates):
        failures += 1
        print("WRONG    \(variant.name) (\(time)): NO-GO on \(gates.map(\.rawValue)), expected only \(variant.gate.rawValue)")
    case .couldNotRun(let reason):
        failures += 1
        print("ERROR    \(variant.name) (\(time)): could not run: \(reason)")
    }
}
print(failures == 0 ? "every variant caught and shrunk to a known minimum, every certification verdict right" : "\(failures) run(s) not as expected")
exit(failures == 0 ? 0 : 1)
