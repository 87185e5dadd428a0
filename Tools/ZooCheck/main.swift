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
// must be GO and each variant NO-GO with exactly its gate failed. Exit 0 when every run ends at a
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
if !certificationVariants.isEmpty {
    let (baseline, time) = timed { BugZoo.certifyProjectStack() }
    switch baseline {
    case .success(let report) where report.matrix.isGo:
        print("ok       certify (the project's own stack) GO (\(time))")
    case .success(let report):
        failures += 1
        print("WRONG    certify (the project's own stack) NO-GO on \(report.matrix.failedGates.map(\.rawValue)) (\(time)): the variants prove nothing")
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
