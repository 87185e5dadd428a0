/// The state of position management, derived after every input from the count, the cap and
/// the forced-unwind flag.
public enum PositionState: String, CaseIterable, Hashable, Sendable, Codable {
    /// count ≤ cap and not forced: new entries allowed while count < cap.
    case normal
    /// count > cap and not forced: close the excess, no new entries.
    case drain
    /// The exit enforcer demands that every position be closed.
    case forcedUnwind
}
