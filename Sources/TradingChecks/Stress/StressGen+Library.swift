import MarketSim
import PropertyCheck
import StressRun

/// Records every choice of a source with its bound, so the run can be written as the engine's
/// bytes (each choice big-endian in as many bytes as its bound needs, as
/// ``ChoiceStream/choice(upTo:)`` reads it).
struct BoundRecordingChoices<Base: ChoiceSource>: ChoiceSource {
    var base: Base
    private(set) var bytes: [UInt8] = []

    init(_ base: Base) { self.base = base }

    mutating func choose(upTo bound: UInt64) -> UInt64 {
        let value = min(base.choose(upTo: bound), bound)
        Self.append(value, bound: bound, to: &bytes)
        return value
    }

    /// Appends `value` as the stream writes a choice bounded by `bound`.
    static func append(_ value: UInt64, bound: UInt64, to bytes: inout [UInt8]) {
        let width = (71 - bound.leadingZeroBitCount) >> 3
        var shift = (width - 1) * 8
        for _ in 0..<width {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
            shift -= 8
        }
    }
}

extension StressGen {
    /// A library entry's run with `strategy` from `seed` (its reference seed unless given): the record, and the bytes
    /// that ``cases(executor:)`` decodes to the very same run (the library flag, the entry and strategy choices,
    /// then every choice the seeded run drew), so a failure found on the library shrinks like
    /// any other case.
    public static func library(
        _ index: Int, strategy: StressStrategy, seed: UInt64? = nil,
        executor: ScenarioExecutor = ScenarioExecutor()
    ) -> (outcome: Result<RunRecord, StressRunError>, bytes: [UInt8]) {
        precondition(ScenarioLibrary.all.indices.contains(index), "StressGen.library: no library entry at index \(index)")
        let entry = ScenarioLibrary.all[index]
        var bytes: [UInt8] = [1]  // the library flag
        BoundRecordingChoices<CalmChoices>.append(UInt64(index), bound: UInt64(ScenarioLibrary.all.count - 1), to: &bytes)
        BoundRecordingChoices<CalmChoices>.append(UInt64(strategy.rawValue), bound: UInt64(StressStrategy.allCases.count - 1), to: &bytes)
        var recording = BoundRecordingChoices(SeededChoices(seed: seed ?? entry.seed))
        let outcome: Result<RunRecord, StressRunError>
        do { outcome = .success(try strategy.run(entry.scenario, on: executor, choices: &recording)) } catch { outcome = .failure(error) }
        return (outcome, bytes + recording.bytes)
    }
}
