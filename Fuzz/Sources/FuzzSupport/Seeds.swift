import BugZoo
import Foundation
import PropertyCheck
import TradingChecks

/// What the seed tool (`corpus-seeds`) needs of a machine's check: random full-length cases as
/// bytes, and the tokens of its byte layout for a libFuzzer dictionary.
public struct MachineLayout: Sendable {
    public let name: String
    /// The canonical bytes of the case generated from `seed` (as `swift test` would draw it),
    /// with the number of commands.
    public let generated: @Sendable (_ seed: UInt64) -> (bytes: [UInt8], commands: Int)?
    /// `(kind name, weight)` of every command kind, in order.
    public let kinds: [(name: String, weight: Int)]

    public init<Model, System, Command, Observation>(_ check: StateMachineCheck<Model, System, Command, Observation>) {
        name = check.name
        let sequences = check.sequences
        generated = { seed in
            var stream = ChoiceStream(seed: seed)
            guard let sequence = try? stream.draw(sequences) else { return nil }
            return (stream.normalized, sequence.steps.count)
        }
        kinds = check.commands.map { ($0.name, max($0.weight, 1)) }
    }

    /// Every machine of `Machines.all`, by name.
    public static let all: [MachineLayout] = [
        MachineLayout(PositionChecks.machine), MachineLayout(SectorCapsChecks.machine), MachineLayout(SuperStateChecks.machine),
        MachineLayout(TradingModeChecks.machine), MachineLayout(RiskStackChecks.machine), MachineLayout(ExchangeChecks.machine),
        MachineLayout(MarketMakingChecks.machine), MachineLayout(ArbitrageChecks.machine), MachineLayout(HedgeChecks.spotFutures),
        MachineLayout(HedgeChecks.calendarSpread),
    ]

    /// The libFuzzer dictionary: one token per command kind, `"\x01<kind>"`: a "more?" flag set,
    /// then the kind choice that selects the kind (the first value of its weight range).
    /// (A step is: "more?" flag, 1 byte, low bit; the kind, 1 byte over the total weight; then
    /// the command's own draws. See docs/internals.md, "Stateful".)
    public var dictionary: String {
        var lines = [
            "# libFuzzer dictionary for fuzz-\(name) (written by corpus-seeds; layout version \(ChoiceStream.layoutVersion)).",
            "# A command step is a \"more?\" byte (low bit 1 = one more command), then the kind byte.",
            "# A case starts with the swarm flag (00 = every kind enabled).",
        ]
        var start = 0
        for kind in kinds {
            let token = "\\x01\\x" + String(format: "%02X", start)
            lines.append("# \(kind.name) (weight \(kind.weight))")
            lines.append("\(kind.name)=\"\(token)\"")
            lines.append("\(kind.name)_twice=\"\(token)\(token)\"")
            start += kind.weight
        }
        lines.append("# stop: the \"more?\" flag cleared")
        lines.append("stop=\"\\x00\"")
        lines.append("no_swarm=\"\\x00\\x01\"")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Regenerates the seed corpus and the dictionaries.
public enum SeedTool {
    public static func write(corpusRoot: String, dictionaries: String) throws -> Int32 {
        let files = FileManager.default
        var failures = 0
        func writeFile(_ path: String, _ bytes: [UInt8]) throws {
            try files.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
        try Data("\(ChoiceStream.layoutVersion)\n".utf8).write(to: URL(fileURLWithPath: corpusRoot + "/.layout-version"), options: .atomic)

        // 1. The bug zoo's minimal counterexamples, as bytes, into the machine's corpus.
        for variant in BugZoo.variants {
            let machine = String(variant.name.prefix { $0 != "/" })
            let run = variant.entry.check(MachineRunOptions(cases: variant.entry.defaultCases ?? 3_000, seed: 1, saveFailures: false))
            guard let bytes = run.counterexampleBytes, let commands = run.counterexampleLines else {
                print("✗ \(variant.name): not caught (\(run.exitReason))")
                failures += 1
                continue
            }
            let production = Machines.named(machine)!.replay(bytes, false)
            guard variant.knownMinima.contains(commands), production.passed else {
                print("✗ \(variant.name): minimum \(commands) (known \(variant.minimum)); production passes: \(production.passed)")
                failures += 1
                continue
            }
            let path = "\(corpusRoot)/\(machine)/zoo-\(variant.name.drop { $0 != "/" }.dropFirst())"
            try writeFile(path, bytes)
            print("✓ \(path): \(bytes.map { String(format: "%02x", $0) }.joined()) = \(commands.joined(separator: "; "))")
        }

        // 2. Per machine: generated full-length cases (the longest of 64 draws, and a typical
        //    one), so that campaigns start from long command sequences; and the dictionary.
        for layout in MachineLayout.all {
            let entry = Machines.named(layout.name)!
            let drawn = (1...64).compactMap { seed in layout.generated(seed).map { (seed: seed, case: $0) } }
            let longest = drawn.sorted { $0.case.commands > $1.case.commands }
            let picks = Array(longest.prefix(3)) + [longest[longest.count / 2]]
            for pick in picks {
                let run = entry.replay(pick.case.bytes, false)
                guard run.passed else {
                    print("✗ \(layout.name): generated seed \(pick.seed) fails production:\n\(run.report)")
                    failures += 1
                    continue
                }
                let path = "\(corpusRoot)/\(layout.name)/generated-\(pick.case.commands)-commands-seed-\(pick.seed)"
                try writeFile(path, pick.case.bytes)
                print("✓ \(path): \(pick.case.bytes.count) bytes, \(pick.case.commands) commands")
            }
            try Data(layout.dictionary.utf8).write(to: URL(fileURLWithPath: "\(dictionaries)/\(layout.name).dict"), options: .atomic)
        }

        // 3. Stress runs: the calm case, and generated runs of several crash kinds (passing).
        try writeFile("\(corpusRoot)/stress/calm-empty", [])
        for seed in UInt64(1)...6 {
            var stream = ChoiceStream(seed: seed, maxBytes: StressChecks.maxBytes)
            guard let drawn = try? stream.draw(StressGen.cases()) else { continue }
            let bytes = stream.normalized
            let run = StressChecks.entry.replay(bytes, false)
            guard run.passed else {
                print("✗ stress: generated seed \(seed) fails production:\n\(run.report)")
                failures += 1
                continue
            }
            let path = "\(corpusRoot)/stress/generated-\(drawn.scenario.kind.name)-\(drawn.bars)-bars-seed-\(seed)"
            try writeFile(path, bytes)
            print("✓ \(path): \(bytes.count) bytes, \(drawn.bars) bars, \(drawn.strategy)")
        }

        // 4. The engine's decoding: a few generated cases.
        for seed in UInt64(1)...4 {
            var stream = ChoiceStream(seed: seed)
            guard (try? stream.draw(EngineDecoding.cases)) != nil else { continue }
            let bytes = stream.normalized
            guard EngineDecoding.target.replay(bytes, false).outcome == .passed else {
                print("✗ engine-decoding seed \(seed) fails")
                failures += 1
                continue
            }
            try writeFile("\(corpusRoot)/engine-decoding/generated-seed-\(seed)", bytes)
            print("✓ engine-decoding/generated-seed-\(seed): \(bytes.count) bytes")
        }
        return failures == 0 ? 0 : 1
    }
}
