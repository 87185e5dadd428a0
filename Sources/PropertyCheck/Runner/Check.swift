/// Checks that `property` holds for values drawn from `generator`.
///
/// The run replays this check's corpus files first, then the simplest case, then random cases;
/// a failure is shrunk to a minimal counterexample, saved to the corpus and reported.
///
/// ```swift
/// let result = check("reverse twice", Gen.array(of: .int())) { list in
///     list.reversed().reversed() == list
/// }
/// print(result.report)
/// ```
/// - Parameters:
///   - name: Names the check in reports and its corpus directory; also seeds it by default.
///   - generator: Where the values come from.
///   - configuration: Budgets, seed and corpus location.
///   - property: Returns `false` or throws to fail; use ``require(_:_:fileID:line:)`` to assert
///     several things and end with `return true`. Properties always return `Bool`: with a
///     `Void` overload beside it, a one-line `Bool` property could bind to the `Void` one and
///     never fail, and a multi-statement closure would be ambiguous.
/// - Returns: The exit reason, the counterexample if any, statistics and a printable report.
public func check<Value>(
    _ name: String, _ generator: Gen<Value>, configuration: CheckConfiguration = CheckConfiguration(),
    _ property: @escaping (Value) throws -> Bool
) -> CheckResult<Value> {
    Runner(name: name, generator: generator, configuration: configuration) { value, _ in try property(value) }.run()
}

/// Checks a property that also labels cases, states coverage, reports target scores or assumes.
public func check<Value>(
    _ name: String, _ generator: Gen<Value>, configuration: CheckConfiguration = CheckConfiguration(),
    _ property: @escaping (Value, PropertyContext) throws -> Bool
) -> CheckResult<Value> {
    Runner(name: name, generator: generator, configuration: configuration, property: property).run()
}

/// Runs the property on the one case `bytes` decode to (a corpus file, a libFuzzer crash file),
/// and, if it fails and `shrink` is set, shrinks it like any failure. Nothing is saved.
///
/// Bytes past the last one the generator reads are an ``CheckWarning/Kind/unreadBytes`` warning
/// with their count, not a failure: the verdict on the bytes that were read stands, but a pass
/// of a file written for another check (or of random bytes) does not go unremarked.
/// - Returns: `.completed` with one case if it passed; the counterexample if it failed; the
///   rejection as `.tooManyRejections` if the bytes decode to a discarded case.
public func replay<Value>(
    _ name: String, _ generator: Gen<Value>, bytes: [UInt8], shrink: Bool = true,
    configuration: CheckConfiguration = CheckConfiguration(),
    _ property: @escaping (Value, PropertyContext) throws -> Bool
) -> CheckResult<Value> {
    var settings = configuration
    settings.usesCorpus = false
    if !shrink { settings.shrinkCalls = 0 }
    return Runner(name: name, generator: generator, configuration: settings, property: property).runOne(bytes)
}
