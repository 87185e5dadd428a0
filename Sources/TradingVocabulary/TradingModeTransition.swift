/// What made the trading mode change.
public enum TradingModeCause: String, CaseIterable, Hashable, Sendable, Codable {
    case enableDryRun, goLive, pause, stop, halt, restart
}

/// One entry of the trading-mode history.
public struct TradingModeTransition: Hashable, Sendable, Codable {
    public var from: TradingModeState
    public var to: TradingModeState
    public var cause: TradingModeCause

    public init(from: TradingModeState, to: TradingModeState, cause: TradingModeCause) {
        self.from = from
        self.to = to
        self.cause = cause
    }

    /// Field by field, as the synthesized `==` compares, but inlinable: the checks compare
    /// histories entry by entry at every step, and the synthesized one was a call per entry
    /// from another module.
    @inlinable public static func == (lhs: TradingModeTransition, rhs: TradingModeTransition) -> Bool {
        lhs.from == rhs.from && lhs.to == rhs.to && lhs.cause == rhs.cause
    }
}

/// What a trading-mode input did.
public enum TradingModeOutcome: Hashable, Sendable {
    case transitioned(TradingModeTransition)
    /// Allowed, but nothing to do (e.g. `stop()` when already off).
    case unchanged
    case rejected(TradingModeRejection)
}
