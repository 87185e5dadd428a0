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
}
