import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// One entry of a run's event log, in the order things happened. Two runs of the same scenario,
/// strategy and choices give equal logs: the determinism check compares them whole.
public enum RunEvent: Hashable, Sendable {
    case dataFault(DataQualityFault)
    case equity(EquityPoint)
    case superState(Timed<SuperStateTransition>)
    case tradingMode(Timed<TradingModeTransition>)
    case emergencyStop(EmergencyStop)
    /// The operator resumed after a halt (and went live again).
    case resumed(SimTime)
    case rejection(Rejection)
    /// A buy the stack accepted for DRY_RUN: simulated, never sent.
    case dryRun(time: SimTime, symbol: Symbol, amount: Cents)
    case sent(SentOrder)
    case fill(Fill)
    case roundTrip(RoundTrip)
    case executionFailure(ExecutionFailure)
    case latencySpike(LatencySpike)
    case exposure(SectorExposureSample)
    case violation(SafetyViolation)
}
