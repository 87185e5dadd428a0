// swift-tools-version: 6.1
// StressCheck: property-based and fuzz verification of trading state machines.
// No package dependencies, by design: the engine, the shrinker and the CLI are all ours.
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]
/// Production machines check their invariants after every input in debug builds (`swift test`);
/// release builds get it from `-Xswiftc -DSTRESSCHECK_INVARIANT_CHECKS` (the fuzz and CI builds).
let invariantChecks: [SwiftSetting] = [.define("STRESSCHECK_INVARIANT_CHECKS", .when(configuration: .debug))]

var products: [Product] = []
var targets: [Target] = []

// MARK: - Engine (issue 2): PropertyCheck knows nothing of trading or of any test framework.
products += [
    .library(name: "PropertyCheck", targets: ["PropertyCheck"]),
    .library(name: "PropertyCheckTesting", targets: ["PropertyCheckTesting"]),
]
targets += [
    .target(name: "PropertyCheck", swiftSettings: strict),
    .target(name: "PropertyCheckTesting", dependencies: ["PropertyCheck"], swiftSettings: strict),
    // The shrinking problems of the quality suite, shared by the tests and the benchmark.
    .target(name: "ShrinkChallenges", dependencies: ["PropertyCheck"], swiftSettings: strict),
    .testTarget(name: "PropertyCheckTests", dependencies: ["PropertyCheck", "PropertyCheckTesting", "ShrinkChallenges"], swiftSettings: strict),
    .executableTarget(name: "engine-benchmark", dependencies: ["PropertyCheck", "ShrinkChallenges", "BenchmarkSupport"], path: "Benchmarks/EngineBenchmark", swiftSettings: strict),
]

// Shared by the benchmark executables: machine description, valgrind allocation counts.
targets += [.target(name: "BenchmarkSupport", path: "Benchmarks/Support", swiftSettings: strict)]

// MARK: - Production machines (issue 3): TradingVocabulary + TradingMachines.
products += [
    .library(name: "TradingVocabulary", targets: ["TradingVocabulary"]),
    .library(name: "TradingMachines", targets: ["TradingMachines"]),
]
targets += [
    .target(name: "TradingVocabulary", swiftSettings: strict),
    .target(name: "TradingMachines", dependencies: ["TradingVocabulary"], swiftSettings: strict + invariantChecks),
    .testTarget(name: "TradingMachinesTests", dependencies: ["TradingMachines", "TradingVocabulary"], swiftSettings: strict),
    .executableTarget(name: "machines-benchmark", dependencies: ["TradingMachines", "TradingVocabulary", "BenchmarkSupport", "Certification"], path: "Benchmarks/MachinesBenchmark", swiftSettings: strict),
]

// MARK: - Models, checks and the stresscheck CLI (issue 4).
products += [.library(name: "TradingModels", targets: ["TradingModels"])]
targets += [
    .target(name: "TradingModels", dependencies: ["TradingVocabulary", "ExchangeVocabulary", "MarketSim"], swiftSettings: strict),
    .testTarget(name: "TradingModelsTests", dependencies: ["TradingModels"], swiftSettings: strict),
]
// MARK: - Market simulation (issue 10): price models, crash scenarios, transformers, CSV, the library.
products += [.library(name: "MarketSim", targets: ["MarketSim"])]
targets += [
    .target(name: "MarketSim", dependencies: ["TradingVocabulary"], swiftSettings: strict),
    .testTarget(name: "MarketSimTests", dependencies: ["MarketSim", "TradingVocabulary"], swiftSettings: strict),
]
// MARK: - The simulated exchange (issue 11): vocabulary, the production venue, its benchmark.
products += [.library(name: "ExchangeVocabulary", targets: ["ExchangeVocabulary"]), .library(name: "ExchangeSim", targets: ["ExchangeSim"])]
targets += [
    .target(name: "ExchangeVocabulary", dependencies: ["TradingVocabulary", "MarketSim"], swiftSettings: strict),
    .target(name: "ExchangeSim", dependencies: ["ExchangeVocabulary", "TradingVocabulary", "MarketSim"], swiftSettings: strict + invariantChecks),
    .testTarget(name: "ExchangeSimTests", dependencies: ["ExchangeSim", "ExchangeVocabulary", "MarketSim", "TradingVocabulary"], swiftSettings: strict),
    .executableTarget(name: "exchange-benchmark", dependencies: ["ExchangeSim", "ExchangeVocabulary", "MarketSim", "TradingVocabulary", "BenchmarkSupport"],
                      path: "Benchmarks/ExchangeBenchmark", swiftSettings: strict),
]
// MARK: - Stress runs (issue 12)
// The scenario executor: strategy -> risk stack -> simulated exchange, bar by bar, with records,
// metrics and the safety and liveness properties. Production code: it knows nothing of tests.
products += [.library(name: "StressRun", targets: ["StressRun"])]
targets += [
    .target(name: "StressRun", dependencies: ["MarketSim", "ExchangeSim", "ExchangeVocabulary", "TradingMachines", "TradingVocabulary"],
            swiftSettings: strict + invariantChecks),
    .testTarget(name: "StressRunTests", dependencies: ["StressRun", "MarketSim", "ExchangeSim", "ExchangeVocabulary", "TradingMachines", "TradingVocabulary"],
                swiftSettings: strict),
    // The whole stack's throughput: events/s, scenarios/s, simulated hours per second.
    .executableTarget(name: "stress-benchmark", dependencies: ["StressRun", "MarketSim", "BenchmarkSupport"], path: "Benchmarks/StressBenchmark",
                      swiftSettings: strict),
]
// MARK: - Certification (issue 13): the risk-governor suite — decision flood, broker failure,
// portfolio integrity, the go/no-go matrix and its metrics. Production code, as StressRun.
products += [.library(name: "Certification", targets: ["Certification"])]
targets += [
    .target(name: "Certification", dependencies: ["StressRun", "MarketSim", "ExchangeSim", "ExchangeVocabulary", "TradingMachines", "TradingVocabulary"],
            swiftSettings: strict),
    .testTarget(name: "CertificationTests", dependencies: ["Certification", "BugZoo", "StressRun", "MarketSim", "ExchangeSim", "ExchangeVocabulary", "TradingMachines", "PropertyCheck",
                                                         "TradingVocabulary"], swiftSettings: strict),
    // The flood's figures: corrected P99 at 1 000/s, maximum rate, histogram record cost and allocations.
    .executableTarget(name: "flood-benchmark", dependencies: ["Certification", "BenchmarkSupport"], path: "Benchmarks/FloodBenchmark", swiftSettings: strict),
]
// MARK: - Strategies (issue 14): arbitrage, market making, hedges as pure state machines against
// an exchange protocol; their vocabulary is shared by production and the models.
products += [.library(name: "StrategyVocabulary", targets: ["StrategyVocabulary"]), .library(name: "Strategies", targets: ["Strategies"])]
targets += [
    .target(name: "StrategyVocabulary", dependencies: ["ExchangeVocabulary", "TradingVocabulary"], swiftSettings: strict),
    .target(name: "Strategies", dependencies: ["StrategyVocabulary", "ExchangeVocabulary", "TradingVocabulary", "TradingMachines", "ExchangeSim", "MarketSim"],
            swiftSettings: strict + invariantChecks),
    // The plain models: never import production.
    .target(name: "StrategyModels", dependencies: ["StrategyVocabulary", "ExchangeVocabulary", "TradingVocabulary", "TradingModels"], swiftSettings: strict),
    // Transition latency, a full cycle with the mock, memory per instance, 10 000 instances, checks' steps/s.
    .executableTarget(name: "strategies-benchmark", dependencies: ["Strategies", "StrategyVocabulary", "ExchangeVocabulary", "TradingMachines", "TradingVocabulary",
                                                                 "TradingChecks", "PropertyCheck", "BenchmarkSupport"], path: "Benchmarks/StrategiesBenchmark", swiftSettings: strict),
    .testTarget(name: "StrategiesTests", dependencies: ["Strategies", "StrategyVocabulary", "StrategyModels", "ExchangeVocabulary", "ExchangeSim", "TradingMachines",
                                                      "TradingVocabulary", "MarketSim"], swiftSettings: strict),
]
// Checks: binds engine, models and production. Only tests, fuzz targets and the CLI depend on it.
products += [.library(name: "TradingChecks", targets: ["TradingChecks"]), .library(name: "BugZoo", targets: ["BugZoo"])]
targets += [
    .target(name: "TradingChecks", dependencies: ["PropertyCheck", "TradingModels", "TradingMachines", "TradingVocabulary", "MarketSim", "ExchangeSim", "ExchangeVocabulary",
                                                 "StressRun", "Strategies", "StrategyModels", "StrategyVocabulary"], swiftSettings: strict),
    // The bug zoo: broken variants of the production machines, for the tests and the fuzz targets.
    .target(name: "BugZoo", dependencies: ["TradingChecks", "TradingMachines", "TradingModels", "TradingVocabulary", "PropertyCheck", "StressRun",
                                          "Certification", "Strategies", "StrategyVocabulary"],
            path: "Tests/BugZoo", swiftSettings: strict),
    // Every zoo variant on all its seeds, in release (CI runs it; `swift test` runs the slow ones on one seed).
    .executableTarget(name: "zoo-check", dependencies: ["BugZoo", "Certification"], path: "Tools/ZooCheck", swiftSettings: strict),
    .testTarget(name: "TradingChecksTests", dependencies: ["TradingChecks", "PropertyCheckTesting", "TradingMachines", "BugZoo", "MarketSim", "PropertyCheck",
                                                         "StressRun"],
                swiftSettings: strict),
    .executableTarget(name: "checks-benchmark", dependencies: ["TradingChecks", "PropertyCheck", "BenchmarkSupport"], path: "Benchmarks/ChecksBenchmark", swiftSettings: strict),
    // The concurrent verdict (issue 15): 3 lanes × 10 commands against the risk-stack model, mean and P99.
    .executableTarget(name: "concurrent-benchmark", dependencies: ["TradingChecks", "PropertyCheck", "BugZoo", "TradingModels", "BenchmarkSupport"],
                      path: "Benchmarks/ConcurrentBenchmark", swiftSettings: strict),
    // Market simulation throughput: bars/s per model and source, correlated markets, allocations.
    .executableTarget(name: "market-benchmark", dependencies: ["MarketSim", "TradingChecks", "PropertyCheck", "BenchmarkSupport"], path: "Benchmarks/MarketBenchmark",
                      swiftSettings: strict),
]
// The stresscheck CLI: all logic in StressCheckCommand (unit-tested), main.swift only calls it.
// StressCheckCommand is also a library: a user's executable calls `StressCheckCLI.main(machines:)`
// with its own machines and gets the same command line (Examples/QueueCheck).
products += [.executable(name: "stresscheck", targets: ["stresscheck"]), .library(name: "StressCheckCommand", targets: ["StressCheckCommand"])]
targets += [
    .target(name: "StressCheckCommand", dependencies: ["TradingChecks", "PropertyCheck", "MarketSim", "TradingVocabulary", "StressRun", "Certification"],
            swiftSettings: strict),
    .executableTarget(name: "stresscheck", dependencies: ["StressCheckCommand", "TradingChecks"], swiftSettings: strict),
    .testTarget(name: "StressCheckCommandTests", dependencies: ["StressCheckCommand", "MarketSim", "TradingChecks", "PropertyCheck", "StressRun", "Certification",
                                                              "QueueCheckExample"],
                swiftSettings: strict),
    // The example package's machines (Examples/QueueCheck, a package of its own that depends on
    // this one), compiled here too so that the tests run its command line on every build.
    .target(name: "QueueCheckExample", dependencies: ["PropertyCheck"], path: "Examples/QueueCheck/Sources/QueueCheck", swiftSettings: strict),
]

// MARK: - Fuzz builds: coverage where it guides.
// `Fuzz/build.sh` names the modules whose code libFuzzer should see in STRESSCHECK_FUZZ_INSTRUMENT
// (comma-separated), and compiles only those with `-sanitize=fuzzer`: every instrumented module
// adds edge counters libFuzzer clears and scans at every execution and comparison callbacks in
// its loops, so the engine, the simulation and the rest run uninstrumented under a machine's
// target. STRESSCHECK_FUZZ_COVERAGE, if set, is their `-sanitize-coverage=` list (the lean build
// leaves out `trace-cmp`, docs/fuzzing.md "Comparison tracing"). Unset (every other build), neither
// changes anything.
let fuzzInstrumented = Set((Context.environment["STRESSCHECK_FUZZ_INSTRUMENT"] ?? "").split(separator: ",").map(String.init))
let fuzzCoverage = Context.environment["STRESSCHECK_FUZZ_COVERAGE"].map { ["-sanitize-coverage=\($0)"] } ?? []
for target in targets where fuzzInstrumented.contains(target.name) {
    target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-sanitize=fuzzer"] + fuzzCoverage)]
}
// A misspelt name would leave the code it means uninstrumented, without a word.
if let unknown = fuzzInstrumented.subtracting(targets.map(\.name)).sorted().first {
    fatalError("STRESSCHECK_FUZZ_INSTRUMENT names \(unknown), which is not a target of StressCheck's Package.swift")
}

let package = Package(
    name: "StressCheck",
    platforms: [.macOS(.v15)],
    products: products,
    dependencies: [],
    targets: targets
)
