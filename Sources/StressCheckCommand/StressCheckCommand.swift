import Foundation
import PropertyCheck
import TradingChecks

/// The `stresscheck` command: parses the command line, runs the checks and returns the exit
/// status.
///
/// ```swift
/// let output = TextBuffer(), errors = TextBuffer()
/// let status = StressCheckCommand.main(arguments: ["check", "position", "--cases", "50"],
///                                      console: Console(output: output, errors: errors))
/// ```
public enum StressCheckCommand {
    /// Command sequences per machine when `--cases` is not given. Chosen so that checking every
    /// machine takes well under a minute in a release build on a 2-core machine.
    public static let defaultCases = 2_000

    /// Runs the command line on standard output and standard error.
    /// - Parameter arguments: The arguments after the program name.
    /// - Returns: 0 when every check passes, 1 when a check fails, 2 on a usage error, 130/143
    ///   when SIGINT/SIGTERM interrupted a check (`validate`: 0 clean, 1 data faults, 2 a file that cannot be read or parsed).
    public static func main(arguments: [String]) -> Int32 {
        main(arguments: arguments, console: .standard, interruption: .installSignalHandlers())
    }

    /// Runs the command line, writing to `console`.
    ///
    /// A usage error (bad command line, unknown machine, unreadable file) writes one
    /// `error:` line and the usage message to `console.errors`.
    ///
    /// - Parameters:
    ///   - arguments: The arguments after the program name.
    ///   - console: Where output and errors go, and whether output is a terminal.
    ///   - machines: The machines known by name (every machine StressCheck verifies by default).
    ///   - defaultCases: Cases per machine when `--cases` is not given.
    ///   - interruption: Whether a signal asked the run to stop; checked between cases.
    ///   - environment: The variables `stress` reads (its shard, the code version); `nil`: the process's.
    /// - Returns: 0 when every check passes, 1 when a check fails, 2 on a usage error, 128 + the
    ///   signal's number when a check was interrupted (130 for SIGINT, 143 for SIGTERM).
    public static func main(
        arguments: [String], console: Console, machines: [MachineEntry] = Machines.all,
        defaultCases: Int = StressCheckCommand.defaultCases, interruption: Interruption = .never,
        environment: [String: String]? = nil
    ) -> Int32 {
        StressCheckCLI.run(
            arguments: arguments, machines: machines, commands: .all, program: "stresscheck", defaultCases: defaultCases, console: console,
            interruption: interruption, environment: environment)
    }
}
