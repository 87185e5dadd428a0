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

    /// Written out and inlinable: the synthesized `==` of a generic enum is called through its
    /// metadata from other modules, and checks compare decisions at every step.
    @inlinable
    public static func == (lhs: Decision, rhs: Decision) -> Bool {
        switch (lhs, rhs) {
        case (.accepted, .accepted): true
        case (.rejected(let left), .rejected(let right)): left == right
        default: false
        }
    }

    @inlinable
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .accepted: hasher.combine(0)
        case .rejected(let reason):
            hasher.combine(1)
            hasher.combine(reason)
        }
    }
}
