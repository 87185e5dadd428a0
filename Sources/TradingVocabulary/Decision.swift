/// The answer of a rule: accepted, or rejected with a typed reason.
public enum Decision<Reason: Hashable & Sendable>: Hashable, Sendable {
    case accepted
    case rejected(Reason)

    /// Whether the decision is `.accepted`.
    @inlinable
    public var isAccepted: Bool {
        if case .accepted = self { return true }
        return false
    }
}
