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
}
