/// A named, reproducible scenario of the library: the scenario value, its seed, where its figures
/// come from, and the published ranges its runs must land in.
public struct LibraryScenario: Sendable {
    /// The name on the command line, e.g. `flash-crash-2010`.
    public let name: String
    /// A one-line title, e.g. "2010-05-06 index flash crash".
    public let title: String
    /// The event and the publications the calibration targets come from.
    public let source: String
    /// The scenario.
    public let scenario: CrashScenario
    /// The seed of the reference run.
    public let seed: UInt64
    /// The published figures the simulator's output must reproduce.
    public let calibration: [CalibrationTarget]

    public init(
        name: String, title: String, source: String, scenario: CrashScenario, seed: UInt64,
        calibration: [CalibrationTarget]
    ) {
        self.name = name
        self.title = title
        self.source = source
        self.scenario = scenario
        self.seed = seed
        self.calibration = calibration
    }

    /// The scenario's kind.
    public var kind: CrashKind { scenario.kind }

    /// Runs the scenario from a seed (the reference seed unless given).
    public func run(seed: UInt64? = nil) throws(ScenarioError) -> CrashResult {
        var choices = SeededChoices(seed: seed ?? self.seed)
        return try CrashSimulator.run(scenario, choices: &choices)
    }

    /// Checks every calibration target against `result`.
    public func calibrate(_ result: CrashResult) -> [CalibrationOutcome] {
        calibration.map { CalibrationOutcome(target: $0, value: $0.measure.value(in: result)) }
    }
}
