import ExchangeSim
import ExchangeVocabulary
import MarketSim
import StressRun
import TradingVocabulary

/// The flash-crash test (`docs/certification.md`): the source's case — a 10% drop in 30 seconds
/// — through a strategy that keeps buying the dip, the risk stack and the simulated venue, on
/// one-second bars and virtual time. Gates: the maximum drawdown at most 15%, the position flat
/// after the crash, zero hard-limit breaches (and no other safety violation).
public struct FlashCrashTest: Sendable {
    /// The crash's fall (0.10: 10%) and how long it takes.
    public var drop = 0.10
    public var crashLength: SimDuration = .seconds(30)
    /// Calm market before the crash (the strategy takes positions) and after it.
    public var warmUp: SimDuration = .minutes(3)
    public var after: SimDuration = .minutes(5)
    public var gates = CertificationGates()
    public var executor: ScenarioExecutor
    /// The risk stack under test: the project's unless a user's (``RiskGovernor``).
    public var stack: any RiskGovernor.Type = RiskStackGovernor.self

    public init() { executor = .oneSecondBars }

    /// Runs the crash on the market and venue faults of `seed`.
    /// - Throws: ``FlashCrashError`` when the parameters give no valid scenario.
    public func run(seed: UInt64) throws(FlashCrashError) -> FlashCrashResult {
        try run(seed: seed, timer: nil)
    }

    /// The same run, with every decision of the risk stack (each order it judges, each time it is
    /// asked for exits) timed on the wall clock over the whole run — the calm before, the crash
    /// and the calm after: the result (the same as `run(seed:)`'s) and the decisions' latency
    /// (the latency gate's P99 ≤ 15 ms).
    public func runMeasuringLatency(seed: UInt64) throws(FlashCrashError) -> (result: FlashCrashResult, decisionLatency: LatencySummary) {
        let timer = DecisionTimer(clock: { FloodClock.now() })
        let result = try run(seed: seed, timer: timer)
        var histogram = LatencyHistogram()
        for nanoseconds in timer.nanoseconds { histogram.record(nanoseconds) }
        return (result, histogram.summary)
    }

    func run(seed: UInt64, timer: DecisionTimer?) throws(FlashCrashError) -> FlashCrashResult {
        guard drop > 0, (0.0..<1.0).contains(drop), crashLength > .zero, warmUp > .zero, after > .zero else { throw .invalidParameters }
        let phases = [
            CrashPhase("calm", duration: warmUp),
            CrashPhase(
                "crash", duration: crashLength, move: -drop,
                conditions: MarketConditions(volatilityMultiplier: 3, liquidity: 0.4, spreadMultiplier: 5, volumeMultiplier: 3)),
            CrashPhase("after", duration: after),
        ]
        let scenario = CrashScenario(
            kind: .flashCrash, phases: phases, symbols: ["BTC-USD", "ETH-USD", "SOL-USD"],
            model: .gbm(drift: 0, volatility: 0.3), interval: .seconds(1))
        var choices = SeededChoices(seed: seed)
        let record: RunRecord
        // No venue fault windows: the crash is the market's alone (outages are the broker-failure
        // test's); the seed still draws the market and the venue's latency mix.
        guard let calmVenue = VenueFaultSchedule(horizon: warmUp + crashLength + after) else { throw .invalidParameters }
        var executor = executor
        executor.decisionTimer = timer
        do {
            record = try executor.run(scenario, strategy: Self.strategy, stack: stack, choices: &choices, scripted: calmVenue)
        } catch {
            throw .executor(error)
        }
        return FlashCrashResult(seed: seed, record: record, crashStart: record.start + warmUp, crashEnd: record.start + warmUp + crashLength, gates: gates)
    }

    /// Buy-the-dip tuned to one-second bars: it buys small dips in the calm market, and keeps
    /// buying into the crash — the risk stack must stop it.
    static let strategy = BuyTheDipStrategy(window: 30, dip: 0.0002, size: 500)
}

public enum FlashCrashError: Error, Hashable, Sendable {
    /// A drop outside (0, 1), or a length that is not positive.
    case invalidParameters
    case executor(StressRunError)
}

/// What one flash-crash run measured.
public struct FlashCrashResult: Hashable, Sendable {
    public let seed: UInt64
    /// The largest fall of equity from a peak, as a fraction.
    public let maxDrawdown: Double
    /// How long after the crash began the books went flat and stayed flat to the crash's end;
    /// nil if they held a position when the crash ended (the gate fails).
    public let flatAfter: SimDuration?
    /// Buys accepted although they left a sector above its hard cap.
    public let hardLimitBreaches: Int
    /// Every safety violation of the run (the breaches among them).
    public let violations: [SafetyViolation]
    /// Whether the strategy held a position when the crash began (otherwise the test proved little).
    public let heldAtCrash: Bool
    public let maxDrawdownGate: Double

    init(seed: UInt64, record: RunRecord, crashStart: SimTime, crashEnd: SimTime, gates: CertificationGates) {
        self.seed = seed
        maxDrawdown = record.metrics.maxDrawdown
        maxDrawdownGate = Double(gates.maxDrawdownBasisPoints) / 10_000
        violations = record.violations
        hardLimitBreaches = record.violations.count { $0.property == .sectorHardCap }
        let flat = Self.flatness(fills: record.fills, stepTimes: record.steps.map(\.time), crashStart: crashStart, crashEnd: crashEnd)
        heldAtCrash = flat.heldAtCrash
        flatAfter = flat.flatAfter
    }

    /// Whether the books held a position when the crash began, and how long after it began they
    /// went flat and stayed flat to the crash's end: the start of the flat stretch (every symbol at
    /// zero lots, positions rebuilt from the fills) that holds at the first step at or after
    /// `crashEnd`; nil when the books hold a position then. Flat for one bar and buying again
    /// inside the crash is not flat after it; buying again once the stack has recovered, after the
    /// crash, is the strategy's business (the safety properties judge it).
    static func flatness(
        fills: [Fill], stepTimes: [SimTime], crashStart: SimTime, crashEnd: SimTime
    ) -> (heldAtCrash: Bool, flatAfter: SimDuration?) {
        var lots = [Symbol: Int64]()
        var heldAtCrash = false
        var flatSince: SimTime?
        var fills = fills[...]
        for time in stepTimes {
            while let fill = fills.first, fill.time <= time {
                lots[fill.symbol, default: 0] += fill.side == .buy ? fill.quantity.value : -fill.quantity.value
                fills = fills.dropFirst()
            }
            let flat = lots.values.allSatisfy { $0 == 0 }
            if time <= crashStart {
                heldAtCrash = !flat
                continue
            }
            if !flat {
                flatSince = nil
            } else if flatSince == nil {
                flatSince = time
            }
            if time >= crashEnd { return (heldAtCrash, flatSince.map { $0 - crashStart }) }
        }
        return (heldAtCrash, nil)  // the run ended before the crash did
    }

    /// The safety gate of this run: drawdown within the gate, flat after the crash, no breach
    /// and no other safety violation.
    public var passed: Bool { maxDrawdown <= maxDrawdownGate && flatAfter != nil && hardLimitBreaches == 0 && violations.isEmpty }
}
