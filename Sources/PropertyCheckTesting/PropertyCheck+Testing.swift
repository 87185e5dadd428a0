import Foundation
@_exported import PropertyCheck
import Testing
import XCTest

/// Where a check run under `swift test` keeps its regression corpus.
public enum CorpusLocation: Sendable, Equatable {
    /// `corpus/` at the root of the package that holds the test file (found by walking up from
    /// the test file to the directory with `Package.swift`). The default.
    case package
    /// A directory of your choice.
    case directory(String)
    /// No corpus: nothing replayed, nothing saved (for tests that expect a failure).
    case none
}

/// Checks a property inside a test and reports a failure through whichever framework is
/// running it: Swift Testing (`Issue.record`, at the caller's source location) or XCTest
/// (`XCTFail`). On Swift 6.3 a report through the other framework would be silently dropped.
///
/// ```swift
/// @Test func reversingTwiceIsIdentity() {
///     propertyCheck(Gen.array(of: Gen.int())) { list in list.reversed().reversed() == list }
/// }
/// ```
/// - Parameters:
///   - generator: Where the values come from.
///   - name: The check's name (its corpus directory and default seed); defaults to the test
///     function's name.
///   - cases: Overrides `configuration.cases`.
///   - seed: Pins the seed for this check (a `.seed(…)` trait does it for a whole test or suite;
///     `STRESSCHECK_SEED` overrides both).
///   - corpus: Where regressions live; `corpus/` of the package by default.
///   - configuration: Budgets and switches.
///   - showLabels: Print a passing check's report with its label distribution (what share of
///     cases carried each `context.label`), to see what the cases really were.
///   - property: Returns `false` or throws to fail.
/// - Returns: The result, for further assertions.
@discardableResult
public func propertyCheck<Value>(
    _ generator: Gen<Value>, name: String? = nil, cases: Int? = nil, seed: UInt64? = nil,
    corpus: CorpusLocation = .package, configuration: CheckConfiguration = CheckConfiguration(), showLabels: Bool = false,
    fileID: String = #fileID, filePath: StaticString = #filePath, line: UInt = #line, column: Int = #column,
    function: String = #function,
    _ property: @escaping (Value, PropertyContext) throws -> Bool
) -> CheckResult<Value> {
    let call = CallSite(fileID: fileID, filePath: filePath, line: line, column: column, function: function)
    let checkName = name ?? call.checkName
    let settings = call.configure(configuration, cases: cases, seed: seed, corpus: corpus)
    let result = check(checkName, generator, configuration: settings, property)
    if !result.passed {
        call.report(result.report)
    } else {
        call.reportPass(name: checkName, report: result.report, warnings: result.warnings, showLabels: showLabels)
    }
    return result
}

/// `propertyCheck` for a property of the value alone.
@discardableResult
public func propertyCheck<Value>(
    _ generator: Gen<Value>, name: String? = nil, cases: Int? = nil, seed: UInt64? = nil,
    corpus: CorpusLocation = .package, configuration: CheckConfiguration = CheckConfiguration(), showLabels: Bool = false,
    fileID: String = #fileID, filePath: StaticString = #filePath, line: UInt = #line, column: Int = #column,
    function: String = #function,
    _ property: @escaping (Value) throws -> Bool
) -> CheckResult<Value> {
    propertyCheck(
        generator, name: name, cases: cases, seed: seed, corpus: corpus, configuration: configuration, showLabels: showLabels, fileID: fileID,
        filePath: filePath, line: line, column: column, function: function
    ) { value, _ in try property(value) }
}

/// The test's location, and how to report from it.
struct CallSite {
    let fileID: String
    let filePath: StaticString
    let line: UInt
    let column: Int
    let function: String

    /// The test function's name without its argument list: `reverse()` → `reverse`.
    var testName: String {
        String(function.prefix { $0 != "(" })
    }

    /// The check's default name — its corpus directory and seed — qualified by the file:
    /// `GeneratorTests.reverse` for `reverse()` in `GeneratorTests.swift`, so that two suites
    /// with a test of the same name keep their corpora and seeds apart (issue 9 §4).
    var checkName: String {
        let file = fileID.split(separator: "/").last.map(String.init) ?? fileID
        let base = file.hasSuffix(".swift") ? String(file.dropLast(6)) : file
        return base + "." + testName
    }

    func configure(_ configuration: CheckConfiguration, cases: Int?, seed: UInt64?, corpus: CorpusLocation) -> CheckConfiguration {
        var settings = configuration
        if let cases { settings.cases = cases }
        if let pinned = seed ?? PropertySeedTrait.current { settings.seed = pinned }
        // The default, `.package`, yields to a `.corpus(…)` trait of the test or suite.
        switch corpus == .package ? PropertyCorpusTrait.current ?? corpus : corpus {
        case .package: settings.corpusDirectory = settings.corpusDirectory ?? CallSite.packageCorpus(from: "\(filePath)")
        case .directory(let path): settings.corpusDirectory = path
        case .none: settings.usesCorpus = false
        }
        if settings.replayHint == nil { settings.replayHint = replayHint() }
        return settings
    }

    /// The command that reruns exactly this test: `swift test --filter` with the test's
    /// suite-qualified name under Swift Testing (its name alone under XCTest), preceded by
    /// `STRESSCHECK_SEED=…` when that variable chose the seed (the test alone would not).
    func replayHint(environment: [String: String] = ProcessEnvironment.values) -> String {
        var filter = testName
        if let test = Test.current {
            let components = test.id.nameComponents.map { String($0.prefix { $0 != "(" }) }
            if !components.isEmpty { filter = components.joined(separator: "/") }
        }
        let seed = environment["STRESSCHECK_SEED"].flatMap(CheckConfiguration.parseSeed).map {
            "STRESSCHECK_SEED=\(CheckConfiguration.format(seed: $0)) "
        }
        return (seed ?? "") + "swift test --filter '\(filter)'"
    }

    /// Prints a passing check's report (its label distribution) when asked, and its warnings.
    func reportPass(name: String, report: String, warnings: [CheckWarning], showLabels: Bool) {
        if showLabels {
            print(report)
        } else {
            // A passing check can still have something to say (a corpus file that no longer decodes).
            for warning in warnings { print("\(name): warning: \(warning)") }
        }
    }

    /// `<package root>/corpus`, the package root being the nearest directory above `file` that
    /// holds a `Package.swift`.
    static func packageCorpus(from file: String) -> String? {
        var directory = (file as NSString).deletingLastPathComponent
        while directory.count > 1 {
            if FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("Package.swift")) {
                return (directory as NSString).appendingPathComponent("corpus")
            }
            directory = (directory as NSString).deletingLastPathComponent
        }
        return nil
    }

    /// Reports through the framework that runs the current test.
    func report(_ message: String) {
        if Test.current != nil {
            Issue.record(
                Comment(rawValue: message),
                sourceLocation: SourceLocation(fileID: fileID, filePath: "\(filePath)", line: Int(line), column: column))
        } else {
            XCTFail(message, file: filePath, line: line)
        }
    }
}
