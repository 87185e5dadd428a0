import PropertyCheck

/// Why a machine's check did not pass, as a value a CI script can switch on (the JSON's
/// `failureKind`).
///
/// Every kind but `interrupted` exits with status 1 (an interrupted run exits with 130 or 143);
/// the kind tells a bug in the machine (`counterexample`) from a
/// check that could not show what it had to (`coverageNotMet`, the health checks).
public enum FailureKind: String, Codable, Equatable, Sendable, CaseIterable {
    /// A command sequence on which the model and the machine disagree, or an invariant fails.
    case counterexample
    /// The check ran every case but a coverage requirement was not met.
    case coverageNotMet
    /// Too many generated cases were discarded.
    case tooManyRejections
    /// Too many generated cases reached the byte limit.
    case dataTooLarge
    /// Generating the first cases was too slow.
    case generationTooSlow
    /// The check's generator was made with invalid arguments (for example a step limit of 0);
    /// nothing ran.
    case invalidGenerator
    /// A case failed once and then passed.
    case flaky
    /// The run was interrupted (SIGINT, SIGTERM) before every case ran; nothing failed.
    case interrupted

    /// The kind of `reason`, or `nil` when it is a pass.
    public init?(_ reason: ExitReason) {
        switch reason {
        case .completed: return nil
        case .foundFailure: self = .counterexample
        case .coverageNotMet: self = .coverageNotMet
        case .tooManyRejections: self = .tooManyRejections
        case .dataTooLarge: self = .dataTooLarge
        case .generationTooSlow: self = .generationTooSlow
        case .invalidGenerator: self = .invalidGenerator
        case .flaky: self = .flaky
        case .interrupted: self = .interrupted
        }
    }
}
