/// Why position management refuses a new entry (or more of a held symbol).
public enum PositionRejection: String, Hashable, Sendable, Codable {
    /// The state is FORCED_UNWIND.
    case forcedUnwind
    /// The state is DRAIN.
    case draining
    /// NORMAL, but count has reached the cap.
    case atCapacity
}
