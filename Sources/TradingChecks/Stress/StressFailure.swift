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

    /// How a stress case fails, without its values: the kind of its ``FailureSignature``.
    public enum Kind: CustomFailureKind {
        /// A safety property was broken.
        case safetyViolated(SafetyProperty)
        /// The liveness goal was missed; the first reason's case name (``LivenessFailure/kindName``).
        case livenessFailed(String)
        /// The executor refused a generated scenario.
        case refused

        public var name: String {
            switch self {
            case .safetyViolated: "safety property violated"
            case .livenessFailed: "liveness failed"
            case .refused: "executor refused a generated scenario"
            }
        }

        public var location: String? {
            switch self {
            case .safetyViolated(let property): property.rawValue
            case .livenessFailed(let reason): reason
            case .refused: nil
            }
        }
    }

    /// The kind of failure, without its values.
    public var kind: Kind {
        switch self {
        case .safety(let violation, _): .safetyViolated(violation.property)
        case .liveness(let reasons, _): .livenessFailed(reasons.first?.kindName ?? "")
        case .refused: .refused
        }
    }

    public var failureSignature: FailureSignature { FailureSignature(kind) }

    /// One line, ending with the code it was found with (`SourceVersion`).
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
