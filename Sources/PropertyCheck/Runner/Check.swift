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
///   - property: Returns `false` or throws to fail; use ``require(_:_:fileID:line:)`` to assert.
/// - Returns: The exit reason, the counterexample if any, statistics and a printable report.
public func check<Value>(_ name: String, _ generator: Gen<Value>, configuration: CheckConfiguration = CheckConfiguration(),
                         _ property: @escaping (Value) throws -> Bool) -> CheckResult<Value> {
    Runner(name: name, generator: generator, configuration: configuration) { value, _ in try property(value) }.run()
}

/// Checks a property that fails by throwing (for example with ``require(_:_:fileID:line:)``).
public func check<Value>(_ name: String, _ generator: Gen<Value>, configuration: CheckConfiguration = CheckConfiguration(),
                         _ property: @escaping (Value) throws -> Void) -> CheckResult<Value> {
    Runner(name: name, generator: generator, configuration: configuration) { value, _ in try property(value); return true }.run()
}

/// Checks a property that also labels cases, states coverage, reports target scores or assumes.
public func check<Value>(_ name: String, _ generator: Gen<Value>, configuration: CheckConfiguration = CheckConfiguration(),
                         _ property: @escaping (Value, PropertyContext) throws -> Bool) -> CheckResult<Value> {
    Runner(name: name, generator: generator, configuration: configuration, property: property).run()
}

/// Checks a throwing property that uses the context.
public func check<Value>(_ name: String, _ generator: Gen<Value>, configuration: CheckConfiguration = CheckConfiguration(),
                         _ property: @escaping (Value, PropertyContext) throws -> Void) -> CheckResult<Value> {
    Runner(name: name, generator: generator, configuration: configuration) { value, context in try property(value, context); return true }.run()
}
