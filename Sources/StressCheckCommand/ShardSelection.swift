import StressRun

/// Which shard `stress` runs: from `--shard-index`/`--shard-count`, else from the variables the
/// engines set (`docs/stress.md`, "Sharding a campaign").
///
/// The index, first found of: `--shard-index`; `STRESSCHECK_SHARD_INDEX`; `JOB_COMPLETION_INDEX`
/// (a Kubernetes indexed Job); `SLURM_ARRAY_TASK_ID` − `SLURM_ARRAY_TASK_MIN` (a Slurm array; MIN
/// 0 when unset). The count: `--shard-count`; `STRESSCHECK_SHARD_COUNT`; `SLURM_ARRAY_TASK_COUNT`
/// (checked against MAX − MIN + 1: an array with a step or gaps is refused). Kubernetes sets no
/// count: the Job passes `--shard-count` (or `STRESSCHECK_SHARD_COUNT`) equal to its
/// `completions`. Neither found: the whole batch. One without the other: a usage error.
enum ShardSelection {
    /// The variables read, in order of precedence.
    static let indexVariable = "STRESSCHECK_SHARD_INDEX"
    static let countVariable = "STRESSCHECK_SHARD_COUNT"
    static let kubernetesIndex = "JOB_COMPLETION_INDEX"
    static let slurmID = "SLURM_ARRAY_TASK_ID", slurmCount = "SLURM_ARRAY_TASK_COUNT"
    static let slurmMin = "SLURM_ARRAY_TASK_MIN", slurmMax = "SLURM_ARRAY_TASK_MAX"
    /// The variables that give a shard index (a command that is not sharded warns about them).
    static let indexVariables = [indexVariable, kubernetesIndex, slurmID]

    /// The shard, and where its index and count came from (for the report).
    static func resolve(index flagIndex: Int?, count flagCount: Int?, environment: [String: String]) throws(UsageError) -> (shard: BatchShard, source: String) {
        func number(_ name: String) throws(UsageError) -> Int? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            guard let value = Int(text), value >= 0 else {
                throw UsageError("environment variable \(name) is '\(text)', not a whole number from 0")
            }
            return value
        }
        var index: (value: Int, source: String)?
        if let flagIndex {
            index = (flagIndex, "--shard-index")
        } else if let value = try number(indexVariable) {
            index = (value, indexVariable)
        } else if let value = try number(kubernetesIndex) {
            index = (value, kubernetesIndex)
        } else if let id = try number(slurmID) {
            let minimum = try number(slurmMin) ?? 0
            guard id >= minimum else { throw UsageError("\(slurmID)=\(id) is below \(slurmMin)=\(minimum)") }
            index = (id - minimum, slurmID)
        }
        var count: (value: Int, source: String)?
        if let flagCount {
            count = (flagCount, "--shard-count")
        } else if let value = try number(countVariable) {
            count = (value, countVariable)
        } else if index?.source.hasPrefix(slurmID) == true, let value = try number(slurmCount) {
            if let minimum = try number(slurmMin), let maximum = try number(slurmMax) {
                guard maximum >= minimum else { throw UsageError("\(slurmMax)=\(maximum) is below \(slurmMin)=\(minimum)") }
                // Both are from 0, so the span cannot overflow; the task count (span + 1) can, for
                // a MAX of Int.max: compared as span against count − 1, and printed unsigned.
                let span = maximum - minimum
                if span != value - 1 {
                    throw UsageError(
                        "the Slurm array \(minimum)-\(maximum) has \(value) tasks, not \(UInt(span) + 1): "
                            + "shard with a contiguous array (--array=0-\(max(value, 1) - 1)), no step")
                }
            }
            count = (value, slurmCount)
        }
        switch (index, count) {
        case (nil, nil):
            return (.whole, "the whole batch")
        case (let index?, nil):
            let hint = index.source == kubernetesIndex ? " (a Kubernetes indexed Job sets no count: pass the Job's completions)" : ""
            throw UsageError("a shard index (from \(index.source)) needs a shard count: --shard-count N or \(countVariable)\(hint)")
        case (nil, let count?):
            throw UsageError("a shard count (from \(count.source)) needs a shard index: --shard-index I, \(indexVariable), \(kubernetesIndex) or \(slurmID)")
        case (let index?, let count?):
            do {
                return (try BatchShard(index: index.value, count: count.value), "\(index.source), \(count.source)")
            } catch {
                throw UsageError("shard \(index.value) of \(count.value) (from \(index.source), \(count.source)): \(error.description)")
            }
        }
    }
}
