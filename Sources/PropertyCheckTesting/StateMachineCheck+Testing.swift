@_exported import PropertyCheck
import Testing

/// Runs a stateful check inside a test, as `propertyCheck`
/// does a property: the corpus first (`corpus/<check name>/` of the package, shared with the
/// `stresscheck` command line), then random command sequences; a failure is shrunk to a
/// minimal sequence, saved, and reported through Swift Testing or XCTest with the model and the
/// system side by side, the command that reruns this test, and a regression test to paste.
///
/// ```swift
/// @Test func boundedQueue() {
///     stateMachineCheck(BoundedQueueCheck.machine)
/// }
/// ```
/// - Parameters:
///   - machine: The check. Its `name` names the corpus directory and, unless pinned, the seed;
///     its `regressionExpression` (the Swift expression for it, e.g. `BoundedQueueCheck.machine`)
///     makes the pasteable regression test.
///   - cases: Overrides `configuration.cases` (command sequences to generate).
///   - seed: Pins the seed (a `.seed(…)` trait does it for a whole test or suite;
///     `STRESSCHECK_SEED` overrides both).
///   - corpus: Where regressions live; `corpus/` of the package by default.
///   - configuration: Budgets and switches (`timeLimit`, `edgeCases`, `failureSamples`, …).
///   - showLabels: Print a passing check's report: the share of cases that ran each command
///     kind and reached each label.
/// - Returns: The result, for further assertions.
@discardableResult
public func stateMachineCheck<Model, System, Command, Observation>(
    _ machine: StateMachineCheck<Model, System, Command, Observation>, cases: Int? = nil, seed: UInt64? = nil,
    corpus: CorpusLocation = .package, configuration: CheckConfiguration = CheckConfiguration(), showLabels: Bool = false,
    fileID: String = #fileID, filePath: StaticString = #filePath, line: UInt = #line, column: Int = #column,
    function: String = #function
) -> StatefulResult<Command, Observation> {
    let call = CallSite(fileID: fileID, filePath: filePath, line: line, column: column, function: function)
    let settings = call.configure(configuration, cases: cases, seed: seed, corpus: corpus)
    let result = machine.check(configuration: settings)
    if !result.passed {
        var report = result.report
        if result.check.counterexample != nil && result.regressionTest == nil {
            report += "\n\n(Set the check's regressionExpression to the Swift expression for it to get a regression test to paste.)"
        }
        call.report(report)
    } else {
        call.reportPass(name: machine.name, report: result.report, warnings: result.check.warnings, showLabels: showLabels)
    }
    return result
}
