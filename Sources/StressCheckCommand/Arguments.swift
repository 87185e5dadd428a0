import PropertyCheck

/// What the command line asks for, once parsed and validated.
///
/// Machine names are checked against the known machines while parsing, so a `Command` always
/// names a machine that exists.
public enum Command: Equatable, Sendable {
    /// `--help`, `-h` or `help`: print the usage message.
    case help
    /// `list`: the machines and their summaries.
    case list
    /// No subcommand: check every machine.
    case checkAll(Options)
    /// `check <machine>`: check one machine.
    case check(machine: String, Options)
    /// `replay <machine> <file>`: run one input without shrinking.
    case replay(machine: String, file: String, Options)
    /// `minimize <machine> <file>`: shrink a failing input and save the minimal bytes.
    case minimize(machine: String, file: String, Options)
    /// `validate <file.csv>…`: load CSV files of bars and report every data fault.
    case validate(files: [String], Options)
    /// `scenarios`: the scenario library and the crash kinds.
    case scenarios(Options)
    /// `simulate <scenario>`: run a library scenario or a crash kind and summarize the crash.
    case simulate(scenario: String, Options)
    /// `stress [scenario…]`: run a batch of library scenarios × strategies × seeds (or one shard);
    /// with `--replay FILE`, the positional arguments are further CSV files, replayed together.
    case stress(scenarios: [String], Options)
    /// `merge <shard file>…`: combine the shard files of one campaign.
    case merge(files: [String], Options)
    /// `certify`: the certification suite and the go/no-go matrix.
    case certify(Options)
    /// `doctor`: whether this machine is ready to certify.
    case doctor(Options)
}

/// The options of a subcommand; each subcommand accepts only those that mean something for it.
public struct Options: Equatable, Sendable {
    /// `--cases N`: command sequences per machine (`nil`: the default budget, or as many as
    /// `--time` allows).
    public var cases: Int?
    /// `--time 30s`: the wall-clock budget per machine (`nil`: none); with `--cases`, whichever
    /// is spent first ends the check.
    public var time: Duration?
    /// `--seed S`: the seed (`nil`: each machine's fixed seed).
    public var seed: UInt64?
    /// `--steps N`: the most commands in one sequence (`nil`: the check's default).
    public var steps: Int?
    /// `--json`: one JSON document on standard output, no progress.
    public var json: Bool
    /// `--corpus DIR`: the corpus root.
    public var corpus: String
    /// False with `--no-save`: failures are not written into the corpus.
    public var save: Bool
    /// `--symbols A,B`: the symbols a simulation runs on (`nil`: the scenario's own).
    public var symbols: [String]?
    /// `--csv PATH`: where `simulate` writes the bars.
    public var csv: String?
    /// `--seeds N`: stress runs per scenario and strategy.
    public var seeds: Int?
    /// `--parallel K`: stress workers.
    public var parallel: Int?
    /// `--strategy S`: the strategies of a stress batch (`all`, a name, or names with commas).
    public var strategy: String?
    /// `--shard-index I`, `--shard-count N`: which shard of the batch to run.
    public var shardIndex: Int?
    public var shardCount: Int?
    /// `--output PATH`: where `stress` and `merge` write the JSON Lines file.
    public var output: String?
    /// `--item N`: run only this item of the batch.
    public var item: Int?
    /// `--html PATH`: where `stress` writes its HTML report.
    public var html: String?
    /// `--replay FILE`: `stress` replays this CSV file (and the positional files with it).
    public var replay: String?
    /// `--from DATE`, `--to DATE`: the window of a replay, as written (checked by `stress`).
    public var from: String?
    public var to: String?
    /// `--runs N`: certification seeds (`nil`: the gates' `runs`, 100 unless overridden).
    public var runs: Int?
    /// `--full`: the source's full decision flood (1 000/s for 10 minutes).
    public var full = false
    /// `--prometheus FILE`: where `certify` writes its metrics (textfile collector format).
    public var prometheus: String?
    /// `--serve-metrics PORT`: serve the metrics at `/metrics` on 127.0.0.1 after the run.
    public var serveMetrics: Int?
    /// `--latency-table FILE`: where `certify` writes the flood's corrected latency histogram as
    /// a percentile table (`stresscheck merge` combines several).
    public var latencyTable: String?

    /// The corpus root when `--corpus` is not given: `corpus` under the current directory.
    public static let defaultCorpus = "corpus"

    /// Options with every default.
    public init(
        cases: Int? = nil, seed: UInt64? = nil, steps: Int? = nil, json: Bool = false,
        corpus: String = Options.defaultCorpus, save: Bool = true
    ) {
        self.cases = cases
        self.seed = seed
        self.steps = steps
        self.json = json
        self.corpus = corpus
        self.save = save
    }
}

/// A command line that cannot be run, with the one-line message that says why.
public struct UsageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The message, without the `error:` prefix.
    public let message: String

    /// An error with `message`.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// The hand-written parser of `stresscheck`'s command line.
public enum Arguments {
    /// The subcommands and the options each accepts.
    static let accepted: [String: Set<String>] = [
        "": ["--cases", "--time", "--seed", "--steps", "--json", "--corpus", "--no-save"],
        "check": ["--cases", "--time", "--seed", "--steps", "--json", "--corpus", "--no-save"],
        "replay": ["--json"],
        "minimize": ["--json", "--corpus", "--no-save"],
        "validate": ["--json"],
        "scenarios": ["--json"],
        "simulate": ["--seed", "--symbols", "--csv", "--json"],
        "stress": [
            "--seeds", "--parallel", "--strategy", "--seed", "--json", "--shard-index", "--shard-count", "--output", "--item", "--html",
            "--replay", "--from", "--to",
        ],
        "merge": ["--json", "--output"],
        "certify": ["--runs", "--full", "--json", "--html", "--prometheus", "--serve-metrics", "--latency-table"],
        "doctor": ["--json"],
        "list": [],
        "help": [],
    ]

    /// The subcommands in the order the usage lists them.
    static let order = ["list", "check", "replay", "minimize", "validate", "scenarios", "simulate", "stress", "merge", "certify", "doctor", "help"]

    /// The options that take a value.
    static let valued: Set<String> = [
        "--cases", "--time", "--seed", "--steps", "--corpus", "--symbols", "--csv", "--seeds", "--parallel", "--strategy",
        "--shard-index", "--shard-count", "--output", "--item", "--html", "--replay", "--from", "--to",
        "--runs", "--prometheus", "--serve-metrics", "--latency-table",
    ]

    /// The positional arguments each subcommand needs, by name.
    static let positionals: [String: [String]] = [
        "": [], "list": [], "help": [], "check": ["machine"], "replay": ["machine", "file"], "minimize": ["machine", "file"],
        "validate": ["file"], "scenarios": [], "simulate": ["scenario"], "stress": [], "merge": ["shard file"], "certify": [], "doctor": [],
    ]

    /// The subcommands whose last positional argument may be repeated.
    static let repeating: Set<String> = ["validate", "stress", "merge"]

    /// The subcommands whose first positional argument names a machine.
    static let namingMachines: Set<String> = ["check", "replay", "minimize"]

    /// Parses `arguments` (without the program name).
    ///
    /// `--help` or `-h` anywhere asks for help. Options may be written `--cases 10` or
    /// `--cases=10`, before or after the positional arguments.
    ///
    /// - Parameters:
    ///   - arguments: The command-line arguments after the program name.
    ///   - machines: The names of the known machines.
    ///   - subcommands: The subcommands offered (`nil`: all); "" stands for none.
    /// - Returns: The command to run.
    /// - Throws: ``UsageError`` with a one-line message when the command line is not valid.
    public static func parse(_ arguments: [String], machines: [String], subcommands: Set<String>? = nil) throws(UsageError) -> Command {
        if arguments.contains(where: { $0 == "--help" || $0 == "-h" }) { return .help }
        var rest = arguments[...]
        var subcommand = ""
        if let first = rest.first, !first.hasPrefix("-") {
            guard accepted[first] != nil, subcommands?.contains(first) ?? true else {
                let offered = order.filter { subcommands?.contains($0) ?? true }
                throw UsageError("unknown subcommand '\(first)' (expected one of: \(offered.joined(separator: ", ")))")
            }
            subcommand = first
            rest = rest.dropFirst()
        }
        let name = subcommand.isEmpty ? "stresscheck" : subcommand
        var options = Options()
        var seen = Set<String>()
        var values: [String] = []
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("-"), argument != "-" else {
                values.append(argument)
                continue
            }
            var option = argument
            var inline: String?
            if let equals = argument.firstIndex(of: "=") {
                option = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            guard valued.contains(option) || option == "--json" || option == "--no-save" || option == "--full" else {
                throw UsageError("unknown option '\(option)'")
            }
            guard accepted[subcommand, default: []].contains(option) else {
                throw UsageError("option '\(option)' does not apply to '\(name)'")
            }
            guard seen.insert(option).inserted else { throw UsageError("option '\(option)' is given more than once") }
            guard valued.contains(option) else {
                if inline != nil { throw UsageError("option '\(option)' takes no value") }
                switch option {
                case "--json": options.json = true
                case "--full": options.full = true
                default: options.save = false
                }
                continue
            }
            let value: String
            if let inline {
                value = inline
            } else if let next = rest.first, !next.hasPrefix("--") {
                value = next
                rest = rest.dropFirst()
            } else {
                throw UsageError("option '\(option)' needs a value")
            }
            try apply(option, value, to: &options)
        }
        let needed = positionals[subcommand, default: []]
        if values.count < needed.count {
            let repeated = repeating.contains(subcommand) ? "…" : ""
            throw UsageError(
                "'\(name)' needs a \(needed[values.count]) (usage: stresscheck \(name) " + needed.map { "<\($0)>" }.joined(separator: " ") + repeated + ")")
        }
        if values.count > needed.count && !repeating.contains(subcommand) {
            throw UsageError("unexpected argument '\(values[needed.count])'")
        }
        if namingMachines.contains(subcommand), let machine = values.first, !machines.contains(machine) {
            throw UsageError("unknown machine '\(machine)' (known machines: \(machines.joined(separator: ", ")))")
        }
        switch subcommand {
        case "list": return .list
        case "help": return .help
        case "check": return .check(machine: values[0], options)
        case "replay": return .replay(machine: values[0], file: values[1], options)
        case "minimize": return .minimize(machine: values[0], file: values[1], options)
        case "validate": return .validate(files: values, options)
        case "scenarios": return .scenarios(options)
        case "simulate": return .simulate(scenario: values[0], options)
        case "stress": return .stress(scenarios: values, options)
        case "merge": return .merge(files: values, options)
        case "certify": return .certify(options)
        case "doctor": return .doctor(options)
        default: return .checkAll(options)
        }
    }

    /// Reads the value of a valued option into `options`.
    private static func apply(_ option: String, _ value: String, to options: inout Options) throws(UsageError) {
        switch option {
        case "--cases": options.cases = try positive(option, value)
        case "--steps": options.steps = try positive(option, value)
        case "--time":
            do { options.time = try TimeBudget.parse(value) } catch { throw UsageError("option '--time' expects a duration: \(error)") }
        case "--seed":
            guard let seed = CheckConfiguration.parseSeed(value), !value.isEmpty else {
                throw UsageError("option '--seed' expects a decimal or 0x-hexadecimal number from 0 to 2^64-1, got '\(value)'")
            }
            options.seed = seed
        case "--symbols":
            let symbols = value.split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
            guard !symbols.contains(where: \.isEmpty) else {
                throw UsageError("option '--symbols' expects symbols separated by commas, e.g. BTC-USD,ETH-USD, got '\(value)'")
            }
            options.symbols = symbols
        case "--csv":
            guard !value.isEmpty else { throw UsageError("option '--csv' needs a file path") }
            options.csv = value
        case "--seeds": options.seeds = try positive(option, value)
        case "--runs": options.runs = try positive(option, value)
        case "--serve-metrics":
            guard let port = Int(value), (0...65_535).contains(port) else {
                throw UsageError("option '--serve-metrics' expects a port from 0 to 65535 (0: any free port), got '\(value)'")
            }
            options.serveMetrics = port
        case "--prometheus":
            guard !value.isEmpty else { throw UsageError("option '--prometheus' needs a file path") }
            options.prometheus = value
        case "--latency-table":
            guard !value.isEmpty else { throw UsageError("option '--latency-table' needs a file path") }
            options.latencyTable = value
        case "--parallel":
            guard let workers = Int(value), (1...Stress.maxParallel).contains(workers) else {
                throw UsageError("option '--parallel' expects 1 to \(Stress.maxParallel) workers (each a thread), got '\(value)'")
            }
            options.parallel = workers
        case "--shard-index": options.shardIndex = try nonNegative(option, value)
        case "--shard-count": options.shardCount = try positive(option, value)
        case "--item": options.item = try nonNegative(option, value)
        case "--strategy":
            guard !value.isEmpty else { throw UsageError("option '--strategy' needs a strategy name or 'all'") }
            options.strategy = value
        case "--output":
            guard !value.isEmpty else { throw UsageError("option '--output' needs a file path") }
            options.output = value
        case "--html":
            guard !value.isEmpty else { throw UsageError("option '--html' needs a file path") }
            options.html = value
        case "--replay":
            guard !value.isEmpty else { throw UsageError("option '--replay' needs a CSV file") }
            options.replay = value
        case "--from", "--to":
            guard !value.isEmpty else { throw UsageError("option '\(option)' needs a date (YYYY-MM-DD or an ISO 8601 time)") }
            if option == "--from" { options.from = value } else { options.to = value }
        default:
            guard !value.isEmpty else { throw UsageError("option '--corpus' needs a directory") }
            options.corpus = value
        }
    }

    /// A whole number of at least 0.
    private static func nonNegative(_ option: String, _ value: String) throws(UsageError) -> Int {
        guard let number = Int(value), number >= 0 else {
            throw UsageError("option '\(option)' expects a whole number from 0, got '\(value)'")
        }
        return number
    }

    /// A whole number of at least 1.
    private static func positive(_ option: String, _ value: String) throws(UsageError) -> Int {
        guard let number = Int(value), number > 0 else {
            throw UsageError("option '\(option)' expects a positive whole number, got '\(value)'")
        }
        return number
    }
}
