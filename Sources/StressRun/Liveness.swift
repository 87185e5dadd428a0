import MarketSim
import TradingVocabulary

/// The liveness verdict of a run: once faults stop and prices stabilize, the stack must settle
/// within the stated simulated time (``ExecutorConfiguration/livenessDeadline(interval:)``).
public enum LivenessVerdict: Hashable, Sendable {
    /// The stack settled at `settledAt`, within the deadline after `quietFrom`.
    case held(quietFrom: SimTime, settledAt: SimTime)
    /// The run gives the property nothing to judge.
    case notApplicable(LivenessSkip)
    /// At the deadline the stack had not settled, for these reasons.
    case failed(quietFrom: SimTime, deadline: SimTime, reasons: [LivenessFailure])
}

/// Why a run cannot be judged for liveness.
public enum LivenessSkip: Hashable, Sendable {
    /// The scenario never becomes quiet: its last phase moves prices or is not calm, or faults
    /// (venue windows, bad bars) last until its end.
    case noQuietPeriod
    /// Quiet from `quietFrom`, but the run ended before the deadline.
    case runEndedBeforeDeadline(quietFrom: SimTime, deadline: SimTime)
    /// A historic market (``HistoricMarket``): real data declares no quiet period, and its own
    /// moves may last to its end.
    case historicMarket
}

/// Why the stack has not settled.
public enum LivenessFailure: Hashable, Sendable {
    /// Still in EMERGENCY_HALT.
    case stillHalted
    /// Still in CRISIS although the conditions no longer classify as CRISIS.
    case stuckInCrisis
    /// The conditions themselves still classify as CRISIS (e.g. a drawdown beyond 30% that no
    /// calm market can undo): the portfolio, not the machine, keeps it there.
    case conditionsStillCrisis
    /// Position management is in FORCED_UNWIND and this symbol is not flat.
    case notFlat(symbol: Symbol, lots: Int64)
    /// The executor's books differ from the venue's, or the stack's holdings from the books.
    case unreconciled
    /// Orders still in flight or of unknown outcome.
    case ordersUnresolved(count: Int)
}

/// What the stack looked like after one step, once the venue's reports were in and before the
/// step's orders were sent: why it had not settled (the liveness goal, judged at the end), whether
/// the link to the venue was up, and how old the oldest of the client's quotes was. Recovery
/// times (the certification's broker-failure tests) are read from these.
public struct StepStatus: Hashable, Sendable {
    public let time: SimTime
    /// Empty: settled.
    public let failures: [LivenessFailure]
    public let linkUp: Bool
    /// The age of the stalest symbol's client quote; nil before every symbol has one.
    public let oldestQuoteAge: SimDuration?

    /// Every order resolved and the books and stack reconciled (the venue's side of settling).
    public var ordersReconciled: Bool {
        !failures.contains { if case .unreconciled = $0 { true } else if case .ordersUnresolved = $0 { true } else { false } }
    }
}

extension LivenessFailure {
    /// The reason's case name: `stillHalted`, `notFlat`, …
    public var kindName: String {
        switch self {
        case .stillHalted: "stillHalted"
        case .stuckInCrisis: "stuckInCrisis"
        case .conditionsStillCrisis: "conditionsStillCrisis"
        case .notFlat: "notFlat"
        case .unreconciled: "unreconciled"
        case .ordersUnresolved: "ordersUnresolved"
        }
    }
}
