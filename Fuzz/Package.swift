// swift-tools-version: 6.1
// StressCheck's libFuzzer targets: a package of their own, so that the fuzzer flags
// (`-sanitize=fuzzer`, which instruments every target and links libFuzzer into every executable)
// never touch the main build. It depends on the root package by path.
//
//   swift build -c release -Xswiftc -sanitize=fuzzer      # or: swift build -c release --sanitize=fuzzer
//   .build/release/fuzz-position ../corpus/position        # see docs/fuzzing.md and Fuzz/*.sh
import Foundation
import PackageDescription

// The root package's identity is its directory's name (`main`, `stresscheck`, …, whatever the
// clone is called), so work it out instead of hard-coding it.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

/// One fuzz target per machine of `Machines.all`, plus the engine's decoding, the state files'
/// decoding, MarketSim's CSV loader, whole stress scenarios, the stress shard files' reader, the
/// transaction journal's reader, the latency tables' reader, the bug zoo, and the four strategies (issue 14).
let fuzzTargets = [
    "position", "sector-caps", "super-state", "trading-mode", "risk-stack", "exchange", "engine-decoding", "state-file", "csv", "market",
    "stress", "shard-file", "journal", "latency-table", "zoo", "market-making", "arbitrage", "spot-futures-hedge", "calendar-spread",
]

/// The targets that run a check of `Machines.all` (`FuzzTarget.machine`): they link `FuzzCore`
/// alone, not the zoo, the certification or the decoders' support. libFuzzer clears and scans
/// every edge counter of the executable at every run, and those modules are a fifth of them.
let machineTargets: Set<String> = [
    "position", "sector-caps", "super-state", "trading-mode", "risk-stack", "exchange", "stress",
    "market-making", "arbitrage", "spot-futures-hedge", "calendar-spread",
]

/// The lean build (`Fuzz/build.sh`, see `Fuzz/common.sh`): `STRESSCHECK_FUZZ_INSTRUMENT` names
/// the root package's modules to instrument (its Package.swift adds `-sanitize=fuzzer` to those
/// alone), and no `-Xswiftc -sanitize=fuzzer` is given. The executables are then compiled and
/// linked with the flag themselves (linking it is what brings in libFuzzer). Unset, this adds
/// nothing: the global flag does it all.
let leanBuild = Context.environment["STRESSCHECK_FUZZ_INSTRUMENT"] != nil
let leanCompile: [SwiftSetting] = leanBuild ? [.unsafeFlags(["-sanitize=fuzzer"])] : []
let leanLink: [LinkerSetting] = leanBuild ? [.unsafeFlags(["-sanitize=fuzzer"])] : []

let package = Package(
    name: "StressCheckFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [
        .target(
            name: "FuzzCore",
            dependencies: [
                .product(name: "PropertyCheck", package: root),
                .product(name: "TradingChecks", package: root),
            ], swiftSettings: strict),
        .target(
            name: "FuzzSupport",
            dependencies: [
                "FuzzCore",
                .product(name: "PropertyCheck", package: root),
                .product(name: "TradingChecks", package: root),
                .product(name: "BugZoo", package: root),
                .product(name: "TradingMachines", package: root),
                .product(name: "MarketSim", package: root),
                .product(name: "StressRun", package: root),
                .product(name: "Certification", package: root),
            ], swiftSettings: strict),
    ]
        + fuzzTargets.map { name in
            .executableTarget(
                name: "fuzz-\(name)", dependencies: [machineTargets.contains(name) ? "FuzzCore" : "FuzzSupport"], path: "Targets/\(name)",
                swiftSettings: strict + leanCompile, linkerSettings: leanLink)
        } + [
            // Regenerates the seed corpus and the dictionaries (Fuzz/seeds.sh); an ordinary tool.
            .executableTarget(
                name: "corpus-seeds", dependencies: ["FuzzSupport"], path: "Targets/seeds", swiftSettings: strict, linkerSettings: leanLink)
        ]
)
