import ExchangeSim
import MarketSim
import PropertyCheck
import StressRun

/// One case of the stress properties: a scenario (a library entry or a generated one), the
/// strategy, and the executor's record of running them on the case's own choices.
///
/// The run happens while the case is drawn (the executor takes its bars, venue faults and
/// per-order draws from the same choice stream as the scenario), so the property only reads
/// the record, and the shrinker calms the market and the faults by lowering the same bytes.
public struct StressCase: Sendable {
    /// Where the scenario comes from.
    public enum Origin: Hashable, Sendable {
        /// Drawn by ``StressGen``.
        case generated
        /// A library scenario, run on choices that start as its seeded run's.
        case library(name: String, seed: UInt64)
    }

    public let origin: Origin
    public let scenario: CrashScenario
    public let strategy: StressStrategy
    /// The run's record, or why the executor refused the scenario.
    public let outcome: Result<RunRecord, StressRunError>
    /// The bytes the executor's draws took from the stream (bars, venue faults, then each
    /// step's): replayed to describe the market's shocks and the run's faults.
    let executorBytes: [UInt8]
    let executorBounds: VenueFaultBounds

    /// The record, when the executor ran.
    public var record: RunRecord? { if case .success(let record) = outcome { record } else { nil } }

    /// Bars per symbol (every phase, the calm tail included).
    public var bars: Int { scenario.barsPerPhase.reduce(0, +) }
}

/// What the executor drew before the first step, recovered by replaying its bytes: how many of
/// the bars' draws were not calm, and the run's venue fault mix and windows.
public struct StressDraws: Sendable {
    /// Choices the bars took (shocks, ranges, jumps, transformers) and how many were not zero.
    public let marketChoices: Int
    public let shocks: Int
    public let faults: VenueFaults
    public let schedule: VenueFaultSchedule
}

/// Counts the draws of a source and those that are not zero (not calm).
struct CountingChoices<Base: ChoiceSource>: ChoiceSource {
    var base: Base
    var draws = 0
    var nonZero = 0

    mutating func choose(upTo bound: UInt64) -> UInt64 {
        let value = base.choose(upTo: bound)
        draws += 1
        if value != 0 { nonZero += 1 }
        return value
    }
}

extension StressCase {
    /// The executor's first draws, replayed from its bytes (nil if the scenario does not run).
    public var draws: StressDraws? {
        var counting = CountingChoices(base: ChoiceStream(replaying: executorBytes, maxBytes: max(executorBytes.count, 1)))
        guard (try? CrashSimulator.run(scenario, choices: &counting, skippingRefusals: true)) != nil else { return nil }
        let (draws, shocks) = (counting.draws, counting.nonZero)
        var rest = counting.base
        guard let faults = try? VenueFaults(bounds: executorBounds, from: &rest),
            let schedule = try? VenueFaultSchedule(bounds: executorBounds, horizon: scenario.duration, from: &rest)
        else { return nil }
        return StressDraws(marketChoices: draws, shocks: shocks, faults: faults, schedule: schedule)
    }
}
