import MarketSim
import PropertyCheck
import StressRun

/// How a stress case fails: a safety property broken (the first violation of the run), the
/// liveness goal missed, or a scenario the executor refused (a generator bug). The signature is
/// the property or the first liveness reason, never the values, so shrinking keeps the bug.
public enum StressFailure: IdentifiedFailure, CustomStringConvertible {
    case safety(SafetyViolation, step: Int)
    case liveness(reasons: [LivenessFailure], deadlineStep: Int)
    case refused(StressRunError)

    public var failureSignature: FailureSignature {
        switch self {
        case .safety(let violation, _): FailureSignature(kind: "safety property violated", location: violation.property.rawValue)
        case .liveness(let reasons, _): FailureSignature(kind: "liveness failed", location: reasons.first?.kindName ?? "")
        case .refused: FailureSignature(kind: "executor refused a generated scenario")
        }
    }

    /// One line; the part after ", " holds the values (the fuzz targets cut it off to dedupe),
    /// ending with the code it was found with (`SourceVersion`).
    public var description: String {
        let found = "; found with \(SourceVersion.current)"
        return switch self {
        case .safety(let violation, let step):
            "safety property \(violation.property.rawValue) violated after step \(step), \(StressCase.detail(violation))" + found
        case .liveness(let reasons, let step):
            "liveness failed after step \(step), " + reasons.map { "\($0)" }.joined(separator: ", ") + found
        case .refused(let error): "the executor refused the scenario: \(error)" + found
        }
    }
}

extension StressChecks {
    /// The stress properties of one case.
    ///
    /// - Safety: no ``SafetyViolation`` in the run (every property of `docs/stress.md`, checked
    ///   by the executor after every step).
    /// - Liveness: the verdict is not `.failed`, except when the only reason is
    ///   `conditionsStillCrisis`: a portfolio whose drawdown itself still classifies as CRISIS
    ///   keeps the super-state there whatever the market does; that is the risk policy working.
    /// - The executor runs every generated scenario (a refusal is a generator bug).
    public static func verdict(_ c: StressCase) throws(StressFailure) {
        let record: RunRecord
        switch c.outcome {
        case .failure(let error): throw .refused(error)
        case .success(let r): record = r
        }
        let interval = max(record.interval.nanoseconds, 1)
        if let first = record.violations.first {
            let offset: SimDuration = first.time - record.start
            throw .safety(first, step: Int(offset.nanoseconds / interval))
        }
        if case .failed(_, let deadline, let reasons) = record.liveness {
            // The reasons that are the stack's, first; conditionsStillCrisis alone passes.
            let stack: [LivenessFailure] = reasons.filter { $0 != .conditionsStillCrisis }
            if !stack.isEmpty {
                let offset: SimDuration = deadline - record.start
                throw .liveness(reasons: stack + reasons.filter { $0 == .conditionsStillCrisis }, deadlineStep: Int(offset.nanoseconds / interval))
            }
        }
    }
}
