import BugZoo
import Foundation

// zoo-check: every bug-zoo variant (or the ones named) on all its seeds, in release — what
// `swift test` asserts on fewer seeds for the slow ones (docs/stateful.md, "The bug zoo").
//
//   swift run -c release zoo-check [variant…]
//
// Prints one line per variant and seed; a variant not caught, or shrunk to anything but a known
// minimum, prints its report. Exit 0 when every run ends at a known minimum, 1 otherwise, 2 for
// an unknown variant name.

let names = Array(CommandLine.arguments.dropFirst())
var variants = BugZoo.variants
if !names.isEmpty {
    let unknown = names.filter { BugZoo.named($0) == nil }
    if !unknown.isEmpty {
        FileHandle.standardError.write(
            Data("error: unknown variant(s): \(unknown.joined(separator: ", ")) (known: \(BugZoo.variants.map(\.name).joined(separator: ", ")))\n".utf8))
        exit(2)
    }
    variants = variants.filter { names.contains($0.name) }
}
var failures = 0
for variant in variants {
    for seed in variant.seeds {
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = variant.verify(seed: seed)
        let (s, atto) = (clock.now - start).components
        let time = String(format: "%.1f s", Double(s) + Double(atto) * 1e-18)
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
print(failures == 0 ? "every variant caught and shrunk to a known minimum" : "\(failures) run(s) not at a known minimum")
exit(failures == 0 ? 0 : 1)
