import PropertyCheck

extension MachineEntry {
    /// An entry for a concurrent check; `make` builds the check for a lane length (`--steps`).
    public init<Model, System, Command, Response>(
        concurrent summary: String, defaultCases: Int,
        _ make: @escaping @Sendable (_ maxLaneSteps: Int?) -> ConcurrentCheck<Model, System, Command, Response>
    ) {
        let name = make(nil).name
        self.init(
            name: name, summary: summary, defaultCases: defaultCases,
            check: { options in
                let machine = make(options.maxSteps)
                let configuration = options.configuration
                let corpus = configuration.effectiveCorpusDirectory().map { Corpus(root: $0).directory(for: machine.name) }
                return MachineRun(machine.check(configuration: configuration), machine: machine.name, corpusDirectory: corpus)
            },
            replay: { bytes, shrink in
                let machine = make(nil)
                var configuration = CheckConfiguration()
                configuration.replayHint = "swift run -c release stresscheck \(shrink ? "minimize" : "replay") \(machine.name) <the input file>"
                return MachineRun(machine.replay(bytes: bytes, shrink: shrink, configuration: configuration), machine: machine.name)
            })
    }
}

extension MachineRun {
    init<Command, Response>(_ result: ConcurrentResult<Command, Response>, machine: String, corpusDirectory: String? = nil) {
        self.init(
            machine: machine, passed: result.passed, exitReason: result.check.exitReason,
            signature: result.check.counterexample?.signature, seed: result.check.seed, cases: result.check.statistics.validCases,
            steps: result.statistics.operations, seconds: result.check.statistics.seconds, labels: result.check.statistics.labels,
            warnings: result.check.warnings, corpusDirectory: corpusDirectory, corpusReplayed: result.check.statistics.corpusFiles,
            corpusSkipped: result.check.statistics.corpusSkipped, counterexampleBytes: result.check.counterexample?.bytes,
            counterexample: result.check.counterexample.map { String(describing: $0.value) },
            counterexampleLines: result.check.counterexample?.value.commandLines, savedPath: result.check.counterexample?.savedPath,
            regressionTest: result.regressionTest, renderReport: { result.report(replay: $0) })
    }
}
