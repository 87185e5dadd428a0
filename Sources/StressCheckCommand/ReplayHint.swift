import Foundation
import PropertyCheck

/// The command lines printed with a failure, to rerun or shrink it.
enum ReplayHint {
    /// How the tool is started in the package.
    static let program = "swift run -c release stresscheck"

    /// The `check` command that reruns `machine` with `seed` and the options that change which
    /// cases run (`--cases`, `--steps`, `--corpus`).
    static func check(_ machine: String, seed: UInt64, options: Options, defaultCases: Int, program: String = program) -> String {
        var words = [program, "check", machine, "--seed", CheckConfiguration.format(seed: seed)]
        if let cases = options.cases, cases != defaultCases { words += ["--cases", String(cases)] }
        if let time = options.time { words += ["--time", TimeBudget.format(time)] }
        if let steps = options.steps { words += ["--steps", String(steps)] }
        if options.corpus != Options.defaultCorpus { words += ["--corpus", quoted(options.corpus)] }
        return words.joined(separator: " ")
    }

    /// The `replay` command for a file.
    static func replay(_ machine: String, file: String, program: String = program) -> String {
        [program, "replay", machine, quoted(file)].joined(separator: " ")
    }

    /// The `minimize` command for a file.
    static func minimize(_ machine: String, file: String, options: Options, program: String = program) -> String {
        var words = [program, "minimize", machine, quoted(file)]
        if options.corpus != Options.defaultCorpus { words += ["--corpus", quoted(options.corpus)] }
        return words.joined(separator: " ")
    }

    /// `text` quoted for a POSIX shell when it holds anything but safe characters.
    static func quoted(_ text: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
        if !text.isEmpty && text.allSatisfy(safe.contains) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
