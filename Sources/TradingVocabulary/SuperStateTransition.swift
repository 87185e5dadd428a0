/// What made the super-state change.
public enum SuperStateCause: Hashable, Sendable, Codable {
    /// An `update` whose conditions classified as the payload.
    case update(PortfolioState)
    case halt
    case resume
}

/// One entry of the super-state history.
public struct SuperStateTransition: Hashable, Sendable, Codable {
    public var from: PortfolioState
    public var to: PortfolioState
    public var cause: SuperStateCause

    public init(from: PortfolioState, to: PortfolioState, cause: SuperStateCause) {
        self.from = from
        self.to = to
        self.cause = cause
    }

    /// Field by field, as the synthesized `==` compares, but inlinable: the checks compare
    /// histories entry by entry at every step, and the synthesized one was a call per entry
    /// from another module.
    @inlinable public static func == (lhs: SuperStateTransition, rhs: SuperStateTransition) -> Bool {
        lhs.from == rhs.from && lhs.to == rhs.to && lhs.cause == rhs.cause
    }
}

extension SuperStateCause {
    /// Case by case, as the synthesized `==` compares; inlinable for the same reason.
    @inlinable public static func == (lhs: SuperStateCause, rhs: SuperStateCause) -> Bool {
        switch (lhs, rhs) {
        case (.update(let left), .update(let right)): left == right
        case (.halt, .halt), (.resume, .resume): true
        default: false
        }
    }
}
