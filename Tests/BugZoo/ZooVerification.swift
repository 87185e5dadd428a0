import PropertyCheck
import TradingChecks

/// What one run of a broken variant's check came to.
public enum ZooOutcome: Sendable {
    /// Caught, and shrunk to one of the variant's known minima with the expected signature.
    case known
    /// Caught, but shrunk to something else (or failing another way): the lines and the report.
    case unknown(lines: [String], signature: FailureSignature?, report: String)
    /// Not caught within the budget: why the check stopped.
    case notCaught(reason: ExitReason)
}

extension ZooVariant {
    /// The seeds a variant is asserted on: five for a machine's check, three for a check that runs
    /// whole simulations per case (it has a budget of its own).
    public var seeds: ClosedRange<UInt64> { entry.defaultCases == nil ? 1...5 : 1...3 }

    /// Runs the variant's check from `seed` with `cases` (the check's own budget, else 3 000)
    /// and compares the shrunk counterexample, line by line, with the known minima.
    public func verify(seed: UInt64, cases: Int? = nil) -> ZooOutcome {
        let run = entry.check(MachineRunOptions(cases: cases ?? entry.defaultCases ?? 3_000, seed: seed, saveFailures: false))
        guard let lines = run.counterexampleLines else { return .notCaught(reason: run.exitReason) }
        let known = ([(minimum, signature)] + alternatives).contains { $0.0 == lines && $0.1 == run.signature }
        return known ? .known : .unknown(lines: lines, signature: run.signature, report: run.report)
    }
}
