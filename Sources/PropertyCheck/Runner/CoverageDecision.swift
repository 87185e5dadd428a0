import Foundation

/// Decides coverage requirements with statistical confidence, as QuickCheck's `checkCoverage`:
/// a requirement is met when the Wilson lower bound of the observed share reaches it, not met
/// when the upper bound stays below it, and otherwise more cases run (up to a maximum, after
/// which the observed share decides).
struct CoverageDecision {
    let maximumCases: Int
    /// z for a two-sided 99.9% interval: a false alarm about once in a thousand decisions.
    let z = 3.29

    enum Decision {
        case met
        case notMet([CoverageShortfall])
        case undecided
    }

    func decide(requirements: [String: Double], labels: [String: Int], valid: Int, ran: Int) -> Decision {
        guard !requirements.isEmpty else { return .met }
        var shortfalls: [CoverageShortfall] = []
        var undecided = false
        for (label, required) in requirements.sorted(by: { $0.key < $1.key }) {
            let hits = labels[label] ?? 0
            let observed = valid > 0 ? Double(hits) / Double(valid) : 0
            let shortfall = CoverageShortfall(label: label, required: required, observed: observed, cases: valid)
            guard valid > 0 else {
                shortfalls.append(shortfall)
                continue
            }
            let (low, high) = wilson(hits: hits, of: valid)
            if high < required {
                shortfalls.append(shortfall)
            } else if low < required {
                if ran >= maximumCases {
                    if observed < required { shortfalls.append(shortfall) }
                } else {
                    undecided = true
                }
            }
        }
        if !shortfalls.isEmpty { return .notMet(shortfalls) }
        return undecided ? .undecided : .met
    }

    /// The Wilson score interval for `hits` successes in `n` trials.
    func wilson(hits: Int, of n: Int) -> (Double, Double) {
        let p = Double(hits) / Double(n)
        let nn = Double(n)
        let z2 = z * z
        let center = (p + z2 / (2 * nn)) / (1 + z2 / nn)
        let margin = z * (p * (1 - p) / nn + z2 / (4 * nn * nn)).squareRoot() / (1 + z2 / nn)
        return (center - margin, center + margin)
    }
}
