import StressRun

/// The usage message printed by `--help` and after a usage error.
public enum Usage {
    /// The usage message, listing `machines` by name.
    ///
    /// - Parameters:
    ///   - machines: The names of the known machines.
    ///   - defaultCases: The number of cases a check runs without `--cases`.
    /// - Returns: The message, ending with a newline.
    public static func text(machines: [String], defaultCases: Int, program: Program = .stresscheck) -> String {
        program.commands == .all
            ? stresscheckText(machines: machines, defaultCases: defaultCases)
            : machineText(machines: machines, defaultCases: defaultCases, program: program.name)
    }

    /// The usage of `stresscheck`, with every subcommand.
    static func stresscheckText(machines: [String], defaultCases: Int) -> String {
        """
        USAGE: stresscheck [<subcommand>] [<options>]

        Runs StressCheck's differential checks: each machine's reference model and its production
        implementation run the same generated command sequences, compared after every step, with
        every invariant checked. A failure is shrunk to a minimal command sequence and saved.

        SUBCOMMANDS:
          (none)                      Check every machine and print a summary table.
          list                        List the machines.
          check <machine>             Check one machine.
          replay <machine> <file>     Run one input (a corpus file or a libFuzzer crash) without
                                      shrinking; print the counterexample if it fails. Bytes the
                                      machine's generator did not read, and anything past 16 KiB
                                      (never read), are warnings, not failures.
          minimize <machine> <file>   Shrink a failing input; print the counterexample and the
                                      regression test; save the minimal bytes in the corpus.
          validate <file.csv>...      Load OHLCV CSV files (one symbol each, named after the file)
                                      and report every data fault with its file, line and kind:
                                      NaN, infinite, non-positive price, high < low, price outside
                                      low-high, zero or negative volume, duplicate or out-of-order
                                      timestamp, gap, spike. Accepts --json.
          scenarios                   List the scenario library (name, kind, source) and the
                                      crash kinds. Accepts --json.
          simulate <scenario>         Run a library scenario or a crash kind (flash-crash, …) on
                                      the virtual clock and print the crash: drawdown, trough,
                                      recovery, phases, calibration, simulated hours per wall
                                      second. Accepts --seed, --symbols, --csv, --json.
          stress [<scenario>...]      Run library scenarios (all when none is named) × strategies
                                      × seeds through the risk stack and the simulated venue, in
                                      parallel, and print the summary: passes, safety violations,
                                      liveness, drawdowns, emergency stops, execution failures,
                                      the scenarios from the weakest, each distinct failure with
                                      the command that reruns it. Accepts --seeds, --parallel,
                                      --strategy, --seed, --shard-index, --shard-count, --output,
                                      --item, --html, --json.
          stress --replay <file.csv>... [--from DATE] [--to DATE]
                                      Replay your own market data instead: each file one symbol
                                      (named after the file), validated first (any fault but a
                                      gap refuses it), aligned on common timestamps, cut to the
                                      window, run with every strategy on a calm venue (venue
                                      faults drawn from each run's seed with --seed or --seeds),
                                      with the same properties and reports. Accepts --strategy,
                                      --seeds, --seed, --parallel, --item, --html, --json.
          merge <shard file>...       Check and combine the JSON Lines files of a sharded stress
                                      campaign (same campaign and code, every shard once, none
                                      cut short) and print the whole batch's summary; or combine
                                      certify's latency tables and print the merged percentiles.
                                      Accepts --output, --json.
          certify                     The risk-governor certification: flash crash, broker
                                      failure (6 faults) and portfolio integrity over N seeds,
                                      the decision flood, and the go/no-go matrix (safety,
                                      latency, recovery, integrity). Accepts --runs, --full,
                                      --json, --html, --prometheus, --serve-metrics,
                                      --latency-table. Gates come
                                      from STRESSCHECK_CERTIFY_* (docs/certification.md).
          doctor                      Whether this machine is ready to certify. Accepts --json.
          help                        Show this message.

        OPTIONS:
          --cases N       Command sequences per machine (default \(defaultCases)).
          --time T        A wall-clock budget per machine: 30s, 5m, 1h30m, 500ms. Alone, time
                          decides how many cases run; with --cases, whichever is spent first.
          --seed S        The seed, decimal or 0x-hexadecimal (default: a fixed seed per machine;
                          the STRESSCHECK_SEED environment variable overrides both).
                          stress: the campaign seed every run's seed derives from
                          (default \(BatchSeed.format(Stress.defaultCampaignSeed))).
          --steps N       The most commands in one sequence, at least 1 (default 100).
          --corpus DIR    Where corpus files are read and written (default ./\(Options.defaultCorpus)).
          --no-save       Do not write failures into the corpus.
          --symbols A,B   simulate: the symbols to simulate (default: the scenario's).
          --csv PATH      simulate: write the bars as CSV (one file per symbol when there are
                          several: PATH with the symbol before the extension).
          --seeds N       stress: runs per scenario and strategy, each from its own seed
                          (default \(Stress.defaultSeeds)).
          --parallel K    stress: runs at once, 1 to 1024 (default: the active cores,
                          here \(BatchRunner.activeCores)).
          --strategy S    stress: momentum, mean-reversion, buy-the-dip, several with commas,
                          or all (default all).
          --shard-index I, --shard-count N
                          stress: run only the items whose number is I modulo N. Without
                          them: STRESSCHECK_SHARD_INDEX/_COUNT, JOB_COMPLETION_INDEX (Kubernetes;
                          the count from --shard-count or STRESSCHECK_SHARD_COUNT), or
                          SLURM_ARRAY_TASK_ID/_MIN/_COUNT (Slurm).
          --output PATH   stress: write the shard's JSON Lines file ({shard} in PATH becomes
                          the index); merge: write the merged file (shards or latency table).
                          Written whole, then renamed.
          --item N        stress: run item N of the batch alone (a failure's rerun command).
          --html PATH     stress: write a self-contained HTML report: the weakest runs' charts
                          and, when a property failed, the first failure shrunk.
          --replay FILE   stress: replay this CSV file (and the files after it) instead of
                          library scenarios.
          --from DATE, --to DATE
                          stress --replay: the window, inclusive: a day YYYY-MM-DD (all of it,
                          UTC) or an ISO 8601 time (2020-03-12T14:30:00Z; UTC without a zone).
          --runs N        certify: consecutive seeds (default 100, or STRESSCHECK_CERTIFY_RUNS).
          --full          certify: the source's full flood, 1 000 decisions/s for 10 minutes
                          (default: 3 s).
          --prometheus PATH
                          certify: write the figures as Prometheus metrics (textfile collector).
          --latency-table PATH
                          certify: write the flood's corrected latency histogram as a
                          percentile table, for `merge` to combine across machines.
          --serve-metrics PORT
                          certify: then serve them at http://127.0.0.1:PORT/metrics (0: any
                          free port; stops after 10 requests or 60 s).
          --json          Print one JSON document for CI, and no progress.
          -h, --help      Show this message.

        MACHINES: \(machines.joined(separator: ", "))

        EXIT STATUS: 0 every check passes, 1 a check fails, 2 a usage error, 130 (SIGINT) or
                     143 (SIGTERM) a check interrupted: it stops after the current case and
                     prints what ran and the seeds (a second signal ends it at once).
                     validate: 0 every file clean, 1 faults found or a file with no data row,
                     2 a file cannot be read or parsed (an empty file among them).
                     simulate: 0 done (and a library scenario's run within its calibration
                     ranges), 1 a calibration range missed, 2 an unknown scenario or bad symbols.
                     stress, merge: 0 every property held in every run, 1 a safety violation or
                     a liveness failure, 2 bad usage or bad shard files (nothing written);
                     with --replay, 2 also for a file that cannot be loaded or does not
                     validate, or a window with fewer than 2 common bars (nothing run).
                     certify: 0 GO, 1 NO-GO (the failed gates and their actions named), 2 bad
                     usage or an invalid STRESSCHECK_CERTIFY_* variable. doctor: 0 ready, 1 not.

        EXAMPLES:
          swift run -c release stresscheck
          swift run -c release stresscheck check position --cases 10000 --seed 0x2A
          swift run -c release stresscheck replay position crash-1a2b3c
          swift run -c release stresscheck minimize position crash-1a2b3c
          swift run -c release stresscheck validate data/BTC-USD.csv data/ETH-USD.csv --json
          swift run -c release stresscheck simulate flash-crash-2010
          swift run -c release stresscheck simulate black-swan --symbols BTC-USD,ETH-USD --seed 7 --csv bars.csv
          swift run -c release stresscheck stress
          swift run -c release stresscheck stress flash-crash-2010 --seeds 20 --html report.html
          swift run -c release stresscheck stress --replay data/BTC-USD.csv data/ETH-USD.csv --from 2021-05-19 --to 2021-05-20
          swift run -c release stresscheck stress --seeds 100 --parallel 2 --shard-index 0 --shard-count 4 --output shard-{shard}.jsonl
          swift run -c release stresscheck merge shard-0.jsonl shard-1.jsonl shard-2.jsonl shard-3.jsonl
          swift run -c release stresscheck certify --runs 100 --html certification.html --prometheus certify.prom

        """
    }

    /// A program offering the command line: its name and its subcommands.
    public struct Program: Sendable {
        /// The executable's name.
        public var name: String
        /// The subcommands it offers.
        public var commands: StressCheckCLI.Commands

        /// StressCheck's own `stresscheck`, with every subcommand.
        public static let stresscheck = Program(name: "stresscheck", commands: .all)

        /// How a person runs it in its package: `swift run -c release <name>`.
        var invocation: String { "swift run -c release \(name)" }
    }

    /// The usage of a program that offers the machine commands alone.
    static func machineText(machines: [String], defaultCases: Int, program: String) -> String {
        """
        USAGE: \(program) [<subcommand>] [<options>]

        Checks each machine against its model: generated command sequences run on both,
        compared after every step, with every invariant checked. A failure is shrunk to a
        minimal command sequence and saved in the corpus.

        SUBCOMMANDS:
          (none)                      Check every machine and print a summary table.
          list                        List the machines.
          check <machine>             Check one machine.
          replay <machine> <file>     Run one input (a corpus file) without shrinking.
          minimize <machine> <file>   Shrink a failing input and save the minimal bytes.
          help                        Show this message.

        OPTIONS:
          --cases N       Command sequences per machine (default \(defaultCases)).
          --time T        A wall-clock budget per machine: 30s, 5m, 1h30m, 500ms. Alone, time
                          decides how many cases run; with --cases, whichever is spent first.
          --seed S        The seed, decimal or 0x-hexadecimal (default: a fixed seed per machine;
                          the STRESSCHECK_SEED environment variable overrides both).
          --steps N       The most commands in one sequence, at least 1 (default: the check's).
          --corpus DIR    Where corpus files are read and written (default ./\(Options.defaultCorpus)).
          --no-save       Do not write failures into the corpus.
          --json          Print one JSON document for CI, and no progress.
          -h, --help      Show this message.

        MACHINES: \(machines.joined(separator: ", "))

        EXIT STATUS: 0 every check passes, 1 a check fails, 2 a usage error, 130 (SIGINT) or
                     143 (SIGTERM) a check interrupted.

        """
    }
}
