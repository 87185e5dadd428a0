import PropertyCheckTesting

/// A second place with a test function named like one in `AdapterTests.swift` (see
/// `aPassingCheckInAnotherSuite` there): its check must get a name, corpus and seed of its own.
enum SameNameInAnotherSuite {
    static func run() -> CheckResult<Int> { aPassingCheckInAnotherSuite() }

    static func aPassingCheckInAnotherSuite() -> CheckResult<Int> {
        propertyCheck(Gen.int(in: 0...3), function: "aPassingCheckInAnotherSuite()") { _ in true }
    }
}
