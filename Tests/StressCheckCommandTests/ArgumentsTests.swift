import Testing
@testable import StressCheckCommand

/// The machines the parser is told about.
private let machines = ["position", "sector-caps"]

private func parse(_ line: String) throws(UsageError) -> Command {
    try Arguments.parse(line.split(separator: " ").map(String.init), machines: machines)
}

/// The message of the usage error `line` throws, or `nil` when it parses.
private func error(_ line: String) -> String? {
    do {
        _ = try parse(line)
        return nil
    } catch {
        return error.message
    }
}

@Suite struct ArgumentsTests {
    @Test func noArgumentsChecksEveryMachineWithDefaults() throws {
        #expect(try Arguments.parse([], machines: machines) == .checkAll(Options()))
        #expect(Options() == Options(cases: nil, seed: nil, steps: nil, json: false, corpus: "corpus", save: true))
    }

    @Test func topLevelOptions() throws {
        #expect(try parse("--json") == .checkAll(Options(json: true)))
        #expect(
            try parse("--cases 10 --seed 0x2A --steps 7 --corpus /tmp/c --no-save")
                == .checkAll(Options(cases: 10, seed: 42, steps: 7, corpus: "/tmp/c", save: false)))
        #expect(try parse("--cases=10 --seed=42 --steps=7 --corpus=dir") == .checkAll(Options(cases: 10, seed: 42, steps: 7, corpus: "dir")))
    }

    @Test func help() throws {
        #expect(try parse("--help") == .help)
        #expect(try parse("-h") == .help)
        #expect(try parse("help") == .help)
        #expect(try parse("check position --cases abc -h") == .help)
    }

    @Test func list() throws {
        #expect(try parse("list") == .list)
    }

    @Test func check() throws {
        #expect(try parse("check position") == .check(machine: "position", Options()))
        #expect(
            try parse("check sector-caps --cases 50 --seed 1 --steps 20 --json")
                == .check(machine: "sector-caps", Options(cases: 50, seed: 1, steps: 20, json: true)))
        #expect(try parse("check --cases 50 position") == .check(machine: "position", Options(cases: 50)))
        #expect(try parse("check position --seed 0xffffffffffffffff") == .check(machine: "position", Options(seed: .max)))
        #expect(try parse("check position --corpus x --no-save") == .check(machine: "position", Options(corpus: "x", save: false)))
    }

    @Test func replay() throws {
        #expect(try parse("replay position crash-1") == .replay(machine: "position", file: "crash-1", Options()))
        #expect(try parse("replay position crash-1 --json") == .replay(machine: "position", file: "crash-1", Options(json: true)))
    }

    @Test func minimize() throws {
        #expect(try parse("minimize position crash-1") == .minimize(machine: "position", file: "crash-1", Options()))
        #expect(
            try parse("minimize position crash-1 --json --corpus c --no-save")
                == .minimize(machine: "position", file: "crash-1", Options(json: true, corpus: "c", save: false)))
    }

    @Test func validate() throws {
        #expect(try parse("validate a.csv") == .validate(files: ["a.csv"], Options()))
        #expect(try parse("validate a.csv position --json b.csv") == .validate(files: ["a.csv", "position", "b.csv"], Options(json: true)))
    }

    @Test func usageErrors() {
        let expected: [(String, String)] = [
            (
                "frobnicate",
                "unknown subcommand 'frobnicate' (expected one of: list, check, replay, minimize, validate, scenarios, simulate, stress, merge, certify, doctor, help)"
            ),
            ("--frobnicate", "unknown option '--frobnicate'"),
            ("check position -x", "unknown option '-x'"),
            ("check", "'check' needs a machine (usage: stresscheck check <machine>)"),
            ("replay position", "'replay' needs a file (usage: stresscheck replay <machine> <file>)"),
            ("minimize", "'minimize' needs a machine (usage: stresscheck minimize <machine> <file>)"),
            ("check nope", "unknown machine 'nope' (known machines: position, sector-caps)"),
            ("replay nope file", "unknown machine 'nope' (known machines: position, sector-caps)"),
            ("check position extra", "unexpected argument 'extra'"),
            ("list extra", "unexpected argument 'extra'"),
            (
                "stray",
                "unknown subcommand 'stray' (expected one of: list, check, replay, minimize, validate, scenarios, simulate, stress, merge, certify, doctor, help)"
            ),
            ("--cases -3", "option '--cases' expects a positive whole number, got '-3'"),
            ("--cases abc", "option '--cases' expects a positive whole number, got 'abc'"),
            ("--cases 0", "option '--cases' expects a positive whole number, got '0'"),
            ("--cases=", "option '--cases' expects a positive whole number, got ''"),
            ("--steps 1.5", "option '--steps' expects a positive whole number, got '1.5'"),
            ("--cases 99999999999999999999", "option '--cases' expects a positive whole number, got '99999999999999999999'"),
            ("--seed zz", "option '--seed' expects a decimal or 0x-hexadecimal number from 0 to 2^64-1, got 'zz'"),
            ("--seed -1", "option '--seed' expects a decimal or 0x-hexadecimal number from 0 to 2^64-1, got '-1'"),
            ("--seed 0x10000000000000000", "option '--seed' expects a decimal or 0x-hexadecimal number from 0 to 2^64-1, got '0x10000000000000000'"),
            ("--cases", "option '--cases' needs a value"),
            ("--cases --json", "option '--cases' needs a value"),
            ("--corpus=", "option '--corpus' needs a directory"),
            ("--json=yes", "option '--json' takes no value"),
            ("--json --json", "option '--json' is given more than once"),
            ("--cases 1 --cases 2", "option '--cases' is given more than once"),
            ("replay position f --cases 3", "option '--cases' does not apply to 'replay'"),
            ("replay position f --corpus c", "option '--corpus' does not apply to 'replay'"),
            ("minimize position f --seed 3", "option '--seed' does not apply to 'minimize'"),
            ("list --json", "option '--json' does not apply to 'list'"),
            ("help --cases 3", "option '--cases' does not apply to 'help'"),
            ("validate", "'validate' needs a file (usage: stresscheck validate <file>…)"),
            ("validate a.csv --seed 1", "option '--seed' does not apply to 'validate'"),
        ]
        for (line, message) in expected {
            #expect(error(line) == message, "\(line)")
        }
    }
}
