import ExchangeSim
import ExchangeVocabulary
import MarketSim
import StressRun
import TradingVocabulary

/// The broker-failure test: a calm market of one-second bars, a strategy trading through the
/// risk stack and the simulated venue, and one scripted connection fault (``BrokerFault``). It
/// runs on virtual time, so a 10 s outage costs microseconds of wall time.
///
/// Measured (`docs/certification.md`, "Broker failure"):
/// - **recovery time**, per outage: from the connection's return until the stack is ready again
///   — the link up, every order resolved and reconciled with the venue, the books and the stack
///   agreeing, and every client quote fresher than the gate's data age;
/// - **no order sent while the link is down**;
/// - **the order queue intact**: every order the client sent ends the run resolved exactly once
///   (filled, cancelled, rejected or expired at the venue, or known never to have arrived), and
///   none was sent twice;
/// - **positions held**: the run's safety properties, among them the books reconciling with the
///   venue's to the minor unit every step (positions change only by fills that really happened).
public struct BrokerFailureTest: Sendable {
    public var outage: SimDuration = .seconds(10)
    /// Calm market before the fault: the volatility window fills, the strategy takes positions.
    public var warmUp: SimDuration = .minutes(2)
    /// Calm market after the fault, to recover in.
    public var after: SimDuration = .minutes(3)
    public var gates = CertificationGates()
    public var executor: ScenarioExecutor
    /// The risk stack under test: the project's unless a user's (``RiskGovernor``).
    public var stack: any RiskGovernor.Type = RiskStackGovernor.self

    public init() { executor = .oneSecondBars }

    /// Runs `fault` on the market and venue fault mix of `seed`.
    ///
    /// - Throws: ``BrokerFailureError`` when the lengths give no valid plan or the executor
    ///   refuses the run; nothing is measured then.
    public func run(_ fault: BrokerFault, seed: UInt64) throws(BrokerFailureError) -> BrokerFailureResult {
        guard outage > .zero, warmUp > .zero, after > .zero,
            let plan = BrokerFaultPlan(fault, outage: outage, warmUp: warmUp, after: after)
        else { throw .invalidLengths }
        let scenario = CrashScenario(
            kind: .flashCrash, phases: plan.phases, symbols: ["BTC-USD", "ETH-USD", "SOL-USD"],
            model: .gbm(drift: 0, volatility: 0.3), interval: .seconds(1))
        var choices = SeededChoices(seed: seed)
        let record: RunRecord
        do {
            record = try executor.run(scenario, strategy: Self.strategy, stack: stack, choices: &choices, scripted: plan.schedule)
        } catch {
            throw .executor(error)
        }
        return BrokerFailureResult(
            fault: fault, seed: seed, record: record, plan: plan, maxDataAge: SimDuration(nanoseconds: gates.maxDataAgeNanoseconds),
            orderTimeout: executor.configuration.orderTimeout)
    }

    /// A momentum strategy tuned to one-second bars, so that orders are in flight when the
    /// fault strikes.
    static let strategy = MomentumStrategy(lookback: 5, threshold: 0.0001, size: 500)
}

/// Why a broker-failure test could not run.
public enum BrokerFailureError: Error, Hashable, Sendable {
    /// An outage, warm-up or recovery length that is not positive.
    case invalidLengths
    case executor(StressRunError)
}
