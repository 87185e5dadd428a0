import BugZoo
import PropertyCheck
import TradingChecks
import Testing

/// Runs a broken variant's check on several seeds and asserts, each time, that it fails with the
/// expected signature and shrinks to exactly the known minimal command sequence (for a property
/// check's variant, the lines of the shrunk case). `cases` defaults to the check's own budget,
/// else 3 000.
func expectCaught(_ variant: ZooVariant, seeds: ClosedRange<UInt64>? = nil, cases: Int? = nil,
                  sourceLocation: SourceLocation = #_sourceLocation) {
    let cases = cases ?? variant.entry.defaultCases ?? 3_000
    // A check with a budget of its own runs whole simulations per case (stress): three seeds
    // keep the debug build's test time in bounds.
    let seeds = seeds ?? (variant.entry.defaultCases == nil ? 1...5 : 1...3)
    for seed in seeds {
        let run = variant.entry.check(MachineRunOptions(cases: cases, seed: seed, saveFailures: false))
        guard let counterexample = run.counterexample else {
            Issue.record("\(variant.name), seed \(seed): the broken variant was not caught: \(run.exitReason)", sourceLocation: sourceLocation)
            continue
        }
        let commands = counterexample.split(separator: "\n").map { line in
            String(line.drop { $0 == " " || $0.isNumber }.dropFirst(2))
        }
        var known: [([String], FailureSignature)] = [(variant.minimum, variant.signature)]
        known += variant.alternatives.map { ($0.minimum, $0.signature) }
        let isKnown = known.contains { minimum, signature in minimum == commands && signature == run.signature }
        #expect(isKnown, "\(variant.name), seed \(seed): not a known minimum (\(String(describing: run.signature)))\n\(run.report)", sourceLocation: sourceLocation)
    }
}
