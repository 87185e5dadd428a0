import Foundation
import PropertyCheck

/// The `stresscheck` command line for any machines: a user's executable registers its own
/// checks and gets `list`, `check`, `replay`, `minimize`, `--json`, `--time` and the exit
/// statuses, as swift-argument-parser's `main()` gives a command its parsing.
///
/// ```swift
/// // Sources/queue-check/main.swift in your package
/// import PropertyCheck
/// import StressCheckCommand
///
/// StressCheckCLI.main(machines: [MachineEntry(summary: "a bounded queue against its model") { QueueCheck.machine.limited(to: $0) }])
/// ```
///
/// `stresscheck` itself is this call with StressCheck's machines and ``Commands/all``.
public enum StressCheckCLI {
    /// Which subcommands a program offers.
    public enum Commands: Sendable {
        /// The machine commands: (none), `list`, `check`, `replay`, `minimize`, `help`.
        case machines
        /// Those and StressCheck's own (`validate`, `simulate`, `stress`, `certify`, …).
        case all

        /// The subcommands, by the parser's names ("" is none: check every machine).
        var names: Set<String> {
            switch self {
            case .machines: ["", "list", "check", "replay", "minimize", "help"]
            case .all: Set(Arguments.accepted.keys)
            }
        }
    }

    /// Runs the process's command line against `machines` and exits with its status (0 every
    /// check passed, 1 a check failed, 2 a usage error, 128 + the signal when interrupted).
    /// - Parameters:
    ///   - machines: The machines known by name; names must be distinct.
    ///   - commands: The subcommands offered (the machine commands by default).
    ///   - program: The name in the usage message and in the commands printed to rerun a
    ///     failure (`swift run -c release <program> …`); default: the executable's name.
    ///   - defaultCases: Command sequences per machine when `--cases` is not given.
    public static func main(
        machines: [MachineEntry], commands: Commands = .machines, program: String? = nil, defaultCases: Int = StressCheckCommand.defaultCases
    ) -> Never {
        let name = program ?? CommandLine.arguments.first.map { ($0 as NSString).lastPathComponent } ?? "stresscheck"
        exit(
            run(
                arguments: Array(CommandLine.arguments.dropFirst()), machines: machines, commands: commands, program: name,
                defaultCases: defaultCases, console: .standard, interruption: .installSignalHandlers()))
    }

    /// Runs `arguments` against `machines`, writing to `console`; returns the exit status.
    public static func run(
        arguments: [String], machines: [MachineEntry], commands: Commands = .machines, program: String,
        defaultCases: Int = StressCheckCommand.defaultCases, console: Console, interruption: Interruption = .never,
        environment: [String: String]? = nil
    ) -> Int32 {
        let names = machines.map(\.name)
        let usage = Usage.Program(name: program, commands: commands)
        do throws(UsageError) {
            if let repeated = names.first(where: { name in names.count(where: { $0 == name }) > 1 }) {
                throw UsageError("two machines are registered as '\(repeated)'; each needs its own name (it names its corpus directory)")
            }
            let command = try Arguments.parse(arguments, machines: names, subcommands: commands.names)
            let environment = environment ?? ProcessInfo.processInfo.environment
            if let text = CheckConfiguration.ignoredSeedVariable(in: environment) {
                throw UsageError("environment variable STRESSCHECK_SEED is '\(text)', not a seed (decimal, or hexadecimal after 0x)")
            }
            var run = Run(
                console: console, machines: machines, defaultCases: defaultCases, interruption: interruption, environment: environment)
            run.program = usage
            return try run(command)
        } catch {
            console.errors.write("error: \(error.message)\n\n" + Usage.text(machines: names, defaultCases: defaultCases, program: usage))
            return ExitStatus.usage
        }
    }
}
