import BugZoo
import PropertyCheck
import TradingChecks
import Testing

/// Runs a broken variant's check on `seeds` and asserts, each time, that it fails with the
/// expected signature and shrinks to exactly a known minimum (`ZooVariant.verify`).
func expectCaught(_ variant: ZooVariant, seeds: ClosedRange<UInt64>, cases: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    for seed in seeds {
        switch variant.verify(seed: seed, cases: cases) {
        case .known: break
        case .notCaught(let reason):
            Issue.record("\(variant.name), seed \(seed): the broken variant was not caught: \(reason)", sourceLocation: sourceLocation)
        case .unknown(_, let signature, let report):
            Issue.record("\(variant.name), seed \(seed): not a known minimum (\(String(describing: signature)))\n\(report)", sourceLocation: sourceLocation)
        }
    }
}
