import PropertyCheck
import TradingChecks

/// Small machines for the command's tests: a counter whose production side can carry a bug,
/// and whose check can ask for coverage it never gets.
enum TestMachines {
    /// A counter check named `name`.
    ///
    /// - Parameters:
    ///   - bugAtThree: The system counts 3 as 4, so any sequence of three increments fails.
    ///   - impossibleCoverage: Requires a label that never holds in half the cases, so the
    ///     check ends with a coverage shortfall.
    static func counter(_ name: String = "counter", bugAtThree: Bool = false, impossibleCoverage: Bool = false) -> MachineEntry {
        MachineEntry(summary: "a counter") { maxSteps in
            var check = StateMachineCheck<Int, Int, Int, Int>(
                name: name,
                model: { 0 },
                system: { 0 },
                commands: [CommandKind("increment") { _ in .constant(1) }],
                runModel: { model, delta in
                    model += delta
                    return model
                },
                runSystem: { system, delta in
                    system += delta
                    return bugAtThree && system == 3 ? 4 : system
                },
                labels: [CaseLabel("never") { $0 < 0 }],
                coverage: impossibleCoverage ? ["never": 0.5] : [:])
            check.swarm = false
            return check.limited(to: maxSteps)
        }
    }
}
