import PropertyCheck
import ShrinkChallenges
import Foundation

// Quick challenge table (full benchmark below once the quality suite is in place).
let only = ProcessInfo.processInfo.environment["ONLY"]
for challenge in Challenge.all where only == nil || only == challenge.name {
    var minimal = 0, calls = 0, shrinkCalls = 0, shrinkMs = 0.0, failures: [String] = []
    let seeds = Int(ProcessInfo.processInfo.environment["SEEDS"] ?? "20") ?? 20
    for seed in 1...seeds {
        let outcome = challenge.run(UInt64(seed))
        if outcome.isMinimal { minimal += 1 } else { failures.append(outcome.shrunk) }
        calls += outcome.propertyCalls
        shrinkCalls += outcome.shrinkCalls
        shrinkMs += outcome.shrinkSeconds * 1000
    }
    print("\(challenge.name.padding(toLength: 12, withPad: " ", startingAt: 0)) minimal \(minimal)/\(seeds)  calls \(calls / seeds) (shrink \(shrinkCalls / seeds))  shrink \(String(format: "%.2f", shrinkMs / Double(seeds))) ms  expected \(challenge.expected)  \(failures.prefix(3))")
}
