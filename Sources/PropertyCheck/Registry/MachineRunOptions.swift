/// How to run a machine's check from the CLI or a fuzz target.
public struct MachineRunOptions: Sendable {
    /// Command sequences to generate.
    public var cases: Int
    /// The seed (`nil`: the check's fixed default; `STRESSCHECK_SEED` overrides).
    public var seed: UInt64?
    /// The most commands in one sequence (`nil`: the check's default, 100).
    public var maxSteps: Int?
    /// The corpus root (`corpus/` of the package); `nil` keeps none.
    public var corpusDirectory: String?
    /// Save a minimized failure into the corpus.
    public var saveFailures: Bool
    /// Called with the cases done so far, every 256 cases.
    public var progress: (@Sendable (Int) -> Void)?
    /// Asked between cases; true stops the check (an interrupted run). `nil`: never.
    public var shouldStop: (@Sendable () -> Bool)?
    /// Printed with a failure as the command that reruns it.
    public var replayHint: String?
    /// Wall-clock budget for generating cases (`nil`: none): when spent, the check passes on
    /// the cases that ran. Give `cases` ``CheckConfiguration/unboundedCases`` to let time alone decide.
    public var timeLimit: Duration?

    public init(cases: Int = 1_000, seed: UInt64? = nil, maxSteps: Int? = nil, corpusDirectory: String? = nil, saveFailures: Bool = true) {
        self.cases = cases
        self.seed = seed
        self.maxSteps = maxSteps
        self.corpusDirectory = corpusDirectory
        self.saveFailures = saveFailures
    }

    /// The engine's configuration for these options.
    public var configuration: CheckConfiguration {
        var configuration = CheckConfiguration(cases: cases, seed: seed, corpusDirectory: corpusDirectory)
        configuration.saveFailures = saveFailures
        configuration.progress = progress
        configuration.shouldStop = shouldStop
        configuration.replayHint = replayHint
        configuration.timeLimit = timeLimit
        // The case deadline is sized for the default 100 steps; a longer case is given the same
        // time per step, so `--steps 100000` does not fail a case for being long (a timing
        // artefact, not a bug of the machine).
        if let maxSteps, maxSteps > 100, let deadline = configuration.caseDeadline {
            configuration.caseDeadline = deadline * ((maxSteps + 99) / 100)
        }
        return configuration
    }
}
