// swift-tools-version: 6.1
// An example of checking your own machine with StressCheck's command line: a bounded queue, its
// model and its check in `QueueCheck`, and `queue-check`, an executable that is the whole
// `stresscheck` command line (list, check, replay, minimize, --json, --time, exit statuses) for
// the machines it registers. See README.md.
import Foundation
import PackageDescription

// StressCheck, by path. Its package identity is its directory's name (the name of the clone),
// so work it out rather than hard-code it. In your own package, depend on it by URL instead.
let stressCheck = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let identity = stressCheck.lastPathComponent.lowercased()

let package = Package(
    name: "QueueCheck",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: stressCheck.path)],
    targets: [
        // The queue, its model and its check: a library, so tests can use the check too.
        .target(name: "QueueCheck", dependencies: [.product(name: "PropertyCheck", package: identity)], swiftSettings: [.swiftLanguageMode(.v6)]),
        // The command line: one call.
        .executableTarget(
            name: "queue-check",
            dependencies: ["QueueCheck", .product(name: "PropertyCheck", package: identity), .product(name: "StressCheckCommand", package: identity)],
            swiftSettings: [.swiftLanguageMode(.v6)]),
    ]
)
