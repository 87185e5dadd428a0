import PropertyCheck
import Testing

@testable import StressCheckCommand

/// The command-line parser fuzzed with StressCheck's own engine: any argument vector, made of
/// every subcommand, every option (spaced, `=`-joined, repeated, misplaced), machine names,
/// numbers at and past every type's limits and junk, either parses to a command or is refused
/// with a one-line message — never a trap, never a silent default — and the answer depends on
/// the arguments alone.
@Suite struct ArgumentsPropertyTests {
    static let machines = ["position", "sector-caps"]

    static let words: [String] =
        Arguments.order + ["--help", "-h", "--json", "--no-save", "--full", "-", "--", "---", "=", "--cases=", "--=1"]
        + Arguments.valued.sorted() + Arguments.valued.sorted().map { $0 + "=" } + machines + ["risk-stack", "no-such-machine"]
        + [
            "0", "1", "-1", "2", "7", "10s", "1.5", "1e3", "0x", "0x2A", "0X2a", "0xFFFFFFFFFFFFFFFF", "0x10000000000000000",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551615", "18446744073709551616",
            "nan", "inf", "", " ", "é", "2026-01-01", "2026-13-45", "file.csv", "/dev/null", "a=b", "1,2,3", "BTC-USD", "momentum",
        ]

    /// One argument: a word of the vocabulary, or one joined to another by `=`.
    static let argument = Gen.frequency([
        (weight: 4, generator: Gen.element(of: words)),
        (weight: 1, generator: Gen.zip(Gen.element(of: Arguments.valued.sorted()), Gen.element(of: words)).map { "\($0)=\($1)" }),
    ])

    @Test func anyArgumentVectorParsesOrIsRefusedWithOneLine() {
        var configuration = CheckConfiguration(cases: 3_000, seed: 0x5EED)
        configuration.usesCorpus = false
        let result = check("ArgumentsPropertyTests.anyArgumentVector", Gen.array(of: Self.argument, count: 0...8), configuration: configuration) {
            arguments, context in
            let first = Self.outcome(arguments)
            guard first == Self.outcome(arguments) else { return false }  // the arguments alone decide
            switch first {
            case .parsed(let command):
                context.label(command == .help ? "help" : "parsed")
                // Help wins wherever it is; nothing else parses with a help flag in it.
                return (command == .help) == (arguments.contains("--help") || arguments.contains("-h") || arguments.first == "help")
                    && Self.namesOnlyKnownMachines(command)
            case .refused(let message):
                context.label("refused")
                return !message.isEmpty && !message.contains("\n") && !arguments.contains("--help") && !arguments.contains("-h")
            }
        }
        #expect(result.passed, "\(result.report)")
        #expect((result.statistics.labels["parsed"] ?? 0) > 100 && (result.statistics.labels["refused"] ?? 0) > 100, "\(result.statistics.labels)")
    }

    enum Outcome: Equatable {
        case parsed(Command)
        case refused(String)
    }

    static func outcome(_ arguments: [String]) -> Outcome {
        do { return .parsed(try Arguments.parse(arguments, machines: machines)) } catch { return .refused(error.message) }
    }

    /// A command that names a machine names one the parser was told about.
    static func namesOnlyKnownMachines(_ command: Command) -> Bool {
        switch command {
        case .check(let machine, _), .replay(let machine, _, _), .minimize(let machine, _, _): machines.contains(machine)
        default: true
        }
    }
}
