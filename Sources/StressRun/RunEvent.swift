import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// One entry of a run's event log, in the order things happened. Two runs of the same scenario,
/// strategy and choices give equal logs: the determinism check compares them whole.
///
/// The cases of the rarer, larger payloads are `indirect` (boxed), so that a log entry is as
/// small as the every-bar ones (equity, exposure): the log grows by two entries a bar, and a
/// 177-byte entry (a safety violation's size) made copying it a tenth of a run's time.
public enum RunEvent: Hashable, Sendable {
    indirect case dataFault(DataQualityFault)
    case equity(EquityPoint)
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
    case exposure(SectorExposureSample)
    indirect case violation(SafetyViolation)
}
