import Foundation

/// The budgets and switches of one check. Every budget is named, has a documented default, and
/// ends the run with a stated ``ExitReason`` instead of a hang.
public struct CheckConfiguration: Sendable {
    /// Cases to generate after replaying the corpus. Default 100.
    public var cases: Int = 100
    /// Wall-clock time for generating cases: when it is spent, generation stops and the check
    /// passes on the cases that ran (``CheckStatistics/stoppedByTime`` says so); `cases` is then
    /// the most it runs. `nil`: no time limit. Shrinking has its own, ``shrinkTime``.
    public var timeLimit: Duration?
    /// Edge cases to run before the random ones: each draw at its boundaries (its largest
    /// choice, 1, one below the largest) with the others at their simplest, then two draws at
    /// once. They come from the choice stream, so they replay and shrink like any case.
    /// `nil`: a quarter of `cases`, at most 64; 0: none.
    public var edgeCases: Int?
    /// Discarded cases (filters out of attempts, `assume(false)`) allowed before the run stops
    /// with ``ExitReason/tooManyRejections(rejected:valid:)``. Default 1,000.
    public var maxRejections: Int = 1_000
    /// Property calls the shrinker may make. Default 10,000.
    public var shrinkCalls: Int = 10_000
    /// Wall-clock time the shrinker may take. Default 60 s.
    public var shrinkTime: Duration = .seconds(60)
    /// A case whose property call takes longer fails with "deadline exceeded"; `nil` disables.
    /// Default 200 ms, measured with a coarse clock (a few milliseconds of resolution). A
    /// concurrent check has a deadline of its own, ``ConcurrentCheck/caseDeadline``.
    public var caseDeadline: Duration? = .milliseconds(200)
    /// The seed; `nil` derives a fixed one from the check's name. `STRESSCHECK_SEED` overrides both.
    public var seed: UInt64?
    /// The most bytes one case may draw; draws past it return their simplest value. Default 16 KiB.
    public var maxBytes: Int = 16 * 1024
    /// The corpus root (`<root>/<check name>/` holds this check's files); `nil` keeps no corpus.
    /// `STRESSCHECK_CORPUS` overrides it.
    public var corpusDirectory: String?
    /// Save each minimized failure into the corpus. Default true.
    public var saveFailures: Bool = true
    /// Use a corpus at all. `false` means none, whatever `STRESSCHECK_CORPUS` says (checks that
    /// expect to fail, replays of one input).
    public var usesCorpus: Bool = true
    /// Generating the first 10 cases may take this long before a "too slow" health failure.
    public var generationTimeLimit: Duration = .seconds(2)
    /// Run the health checks (too many rejections, too slow, data too large). Default true.
    public var healthChecks: Bool = true
    /// Most cases to run while a coverage requirement is still statistically undecided.
    /// Default 10 × `cases`.
    public var maxCoverageCases: Int?
    /// A one-line command that reruns this check, printed with a failure (the `swift test`
    /// adapter and the CLI fill it in).
    public var replayHint: String?
    /// Failing cases to find and shrink before reporting the smallest: after the first failure,
    /// generation goes on (within `cases`) looking for more with the same signature. Shrinking
    /// finds a local minimum; a few starting points make the global one far likelier (a command
    /// sequence whose failing case never drew the command that makes it short cannot shrink
    /// to it). `nil`: 1 for `check`, 8 for stateful checks.
    public var failureSamples: Int?
    /// Called with the number of valid cases so far, every 256 of them (progress display).
    public var progress: (@Sendable (Int) -> Void)?
    /// Asked before each corpus file and each generated case; when it returns true the check
    /// stops there with ``ExitReason/interrupted(valid:)`` (a command-line tool sets it from a
    /// SIGINT/SIGTERM flag). A failure already found is still shrunk and reported. `nil`: never.
    public var shouldStop: (@Sendable () -> Bool)?

    /// A case budget so large that only ``timeLimit`` ends generation (2^40: a budget's
    /// arithmetic, ten times it for coverage, cannot overflow).
    public static let unboundedCases = 1 << 40

    public init(cases: Int = 100, seed: UInt64? = nil, corpusDirectory: String? = nil) {
        self.cases = cases
        self.seed = seed
        self.corpusDirectory = corpusDirectory
    }

    /// The seed to use for `name`: `STRESSCHECK_SEED`, else `seed`, else a hash of the name.
    public func effectiveSeed(for name: String, environment: [String: String] = ProcessEnvironment.values) -> UInt64 {
        if let text = environment["STRESSCHECK_SEED"], let value = CheckConfiguration.parseSeed(text) {
            return value
        }
        return seed ?? CheckConfiguration.stableHash(name)
    }

    /// `STRESSCHECK_SEED`'s text when it is set but is not a seed (``parseSeed(_:)`` refuses it),
    /// so that the variable is ignored: a check warns (``CheckWarning/Kind/seedIgnored``) and the
    /// command line refuses it. `nil` when it is unset or a seed.
    public static func ignoredSeedVariable(in environment: [String: String] = ProcessEnvironment.values) -> String? {
        guard let text = environment["STRESSCHECK_SEED"], parseSeed(text) == nil else { return nil }
        return text
    }

    /// The corpus root to use: `STRESSCHECK_CORPUS`, else `corpusDirectory`.
    public func effectiveCorpusDirectory(environment: [String: String] = ProcessEnvironment.values) -> String? {
        guard usesCorpus else { return nil }
        return environment["STRESSCHECK_CORPUS"] ?? corpusDirectory
    }

    /// Parses a seed written in decimal or as `0x…` hexadecimal.
    public static func parseSeed(_ text: String) -> UInt64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed.hasPrefix("0x") { return UInt64(trimmed.dropFirst(2), radix: 16) }
        return UInt64(trimmed)
    }

    /// A seed written the way reports print it.
    public static func format(seed: UInt64) -> String {
        "0x" + String(String(seed, radix: 16, uppercase: true).reversed()).padding(toLength: 16, withPad: "0", startingAt: 0).reversed()
    }

    /// FNV-1a: stable across runs and platforms, unlike `Hasher`.
    public static func stableHash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    static func stableHash(_ text: String) -> UInt64 { stableHash(text.utf8) }
}

/// The process environment, read once: `ProcessInfo.processInfo.environment` builds a new
/// dictionary on every call, which a fuzz target replaying thousands of inputs a second felt.
public enum ProcessEnvironment {
    public static let values: [String: String] = ProcessInfo.processInfo.environment
}
