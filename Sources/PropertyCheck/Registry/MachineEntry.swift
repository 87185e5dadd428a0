/// One machine the CLI, the tests and the fuzz targets know by name: a stateful check (or any
/// check with a byte-decodable case) with how to run and replay it. It lives in the engine so
/// that a user's own machines register with `StressCheckCLI` without depending on the
/// trading checks.
public struct MachineEntry: Sendable {
    /// The name on the command line and of the corpus directory: `position`, `sector-caps`, …
    public let name: String
    /// One line about the machine.
    public let summary: String
    /// Runs the differential check.
    public let check: @Sendable (MachineRunOptions) -> MachineRun
    /// Runs the one case some bytes decode to (a corpus file, a libFuzzer crash), shrinking it
    /// when it fails and `shrink` is set.
    public let replay: @Sendable (_ bytes: [UInt8], _ shrink: Bool) -> MachineRun
    /// The cases its check runs when none are asked for (`nil`: the caller's default). A check
    /// whose case is a whole simulated run (`stress`) runs fewer than a machine's check.
    public let defaultCases: Int?

    /// An entry for any check: its name, its summary, its default budget, and how it runs and replays.
    public init(
        name: String, summary: String, defaultCases: Int? = nil, check: @escaping @Sendable (MachineRunOptions) -> MachineRun,
        replay: @escaping @Sendable (_ bytes: [UInt8], _ shrink: Bool) -> MachineRun
    ) {
        self.name = name
        self.summary = summary
        self.defaultCases = defaultCases
        self.check = check
        self.replay = replay
    }

    /// An entry for a stateful check; `make` builds the check for a step limit.
    /// - Parameter replayHint: The command printed with a failure of a replayed input, from the
    ///   machine's name and whether it was shrunk (`nil`: the engine's own hint).
    ///
    /// `@inlinable` so that the check's module specializes the closures for its own types: the
    /// check loop then runs without generic metadata lookups (a fifth of a step's time otherwise).
    @inlinable
    public init<Model, System, Command, Observation>(
        summary: String, replayHint: @escaping @Sendable (_ machine: String, _ shrink: Bool) -> String? = { _, _ in nil },
        _ make: @escaping @Sendable (_ maxSteps: Int?) -> StateMachineCheck<Model, System, Command, Observation>
    ) {
        self.summary = summary
        defaultCases = nil
        check = { options in
            let machine = make(options.maxSteps)
            let configuration = options.configuration
            let corpus = configuration.effectiveCorpusDirectory().map { Corpus(root: $0).directory(for: machine.name) }
            return MachineRun(machine.check(configuration: configuration), machine: machine.name, corpusDirectory: corpus)
        }
        // Built once, not per input: a fuzz target replays tens of thousands of inputs a second,
        // and building the check, its generator and the hint cost about 8,000 instructions each.
        let machine = make(nil)
        let machineName = machine.name
        name = machineName
        let replayMachine = machine.replayer()
        // The input is a file (a corpus file, a libFuzzer crash file): replaying it is the way back.
        var plain = CheckConfiguration()
        plain.replayHint = replayHint(machineName, false)
        var shrinking = CheckConfiguration()
        shrinking.replayHint = replayHint(machineName, true)
        replay = { [plain, shrinking] bytes, shrink in
            MachineRun(replayMachine(bytes, shrink, shrink ? shrinking : plain), machine: machineName)
        }
    }
}

extension StateMachineCheck {
    /// The same check with another step limit.
    public func limited(to maxSteps: Int?) -> StateMachineCheck {
        guard let maxSteps else { return self }
        var copy = self
        copy.maxSteps = maxSteps
        return copy
    }
}
