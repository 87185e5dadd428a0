import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// One entry of a run's event log, in the order things happened. Two runs of the same scenario,
/// strategy and choices give equal logs: the determinism check compares them whole.
///
/// What happens at every bar (the equity point, the sector exposure sample) is not logged here but
/// kept by column in the record (``RunRecord/equityCurve``, ``RunRecord/exposure``): per bar, an
/// entry of this log cost an enum's copy and destruction, and a sample an array of its own.
/// The cases of the rarer, larger payloads are `indirect` (boxed), so that an entry stays small:
/// a 177-byte entry (a safety violation's size) made copying the log a tenth of a run's time.
public enum RunEvent: Hashable, Sendable {
    indirect case dataFault(DataQualityFault)
    case superState(Timed<SuperStateTransition>)
    case tradingMode(Timed<TradingModeTransition>)
    indirect case emergencyStop(EmergencyStop)
    /// The operator resumed after a halt (and went live again).
    case resumed(SimTime)
    indirect case rejection(Rejection)
    /// A buy the stack accepted for DRY_RUN: simulated, never sent.
    case dryRun(time: SimTime, symbol: Symbol, amount: Cents)
    indirect case sent(SentOrder)
    indirect case fill(Fill)
    indirect case roundTrip(RoundTrip)
    indirect case executionFailure(ExecutionFailure)
    indirect case latencySpike(LatencySpike)
    indirect case violation(SafetyViolation)
    /// The stack refused one of the executor's calls that keep it in line with the books (a
    /// mark, a close, the portfolio value, the conditions): from then on the stack and the
    /// books may disagree on it, so it is logged, not dropped.
    indirect case stackRefusal(StackRefusal)
}

/// A call of the executor's on the risk stack that the stack refused (``RunEvent/stackRefusal(_:)``).
public struct StackRefusal: Hashable, Sendable {
    /// Which call.
    public enum Call: String, Hashable, Sendable, CaseIterable {
        case setPortfolioValue, markToMarket, markUnrealizedPnL, close, adopt, updateConditions
        /// The operator's resume of a halt (tried again at the next bar).
        case resume
    }

    public let time: SimTime
    /// The symbol the call was about; nil for the portfolio value and the conditions.
    public let symbol: Symbol?
    public let call: Call
    /// The stack's error, in its own words (for people: nothing reads it back).
    public let error: String

    public init(time: SimTime, symbol: Symbol?, call: Call, error: String) {
        self.time = time
        self.symbol = symbol
        self.call = call
        self.error = error
    }
}
