/// The phases every strategy shares (`docs/strategies.md`): IDLE → ANALYZING → EXECUTING →
/// MONITORING → CLOSING → COMPLETED, ERROR from any live phase (then CLOSING to unwind), and
/// STOPPED after an emergency stop. COMPLETED and STOPPED are terminal: no order after them.
public enum StrategyPhase: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case idle, analyzing, executing, monitoring, closing, completed, error, stopped

    /// COMPLETED and STOPPED: the machine places nothing more.
    @inlinable public var isTerminal: Bool { self == .completed || self == .stopped }

    public var description: String { rawValue.uppercased() }
}

/// One change of phase, as a step reports it: a step may pass through several (ERROR on a bad
/// book, IDLE → CLOSING → COMPLETED when the end comes before any market).
public struct PhaseTransition: Hashable, Sendable, CustomStringConvertible {
    public var from: StrategyPhase
    public var to: StrategyPhase

    @inlinable
    public init(_ from: StrategyPhase, _ to: StrategyPhase) {
        self.from = from
        self.to = to
    }

    public var description: String { "\(from)→\(to)" }
}
