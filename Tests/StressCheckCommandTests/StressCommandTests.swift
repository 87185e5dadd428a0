import Foundation
import MarketSim
@_spi(BugZoo) import StressRun
import Testing
@testable import StressCheckCommand

/// `stresscheck stress` and `stresscheck merge`.
@Suite struct StressCommandTests {
    /// A small batch on the command line: 2 scenarios × 1 strategy × 2 seeds.
    static let small = ["stress", "flash-crash-2010", "liquidity-drain", "--strategy", "buy-the-dip", "--seeds", "2"]

    @Test func stressPrintsTheSummaryAndPasses() {
        let run = Invocation(Self.small + ["--parallel", "2"])
        #expect(run.status == 0, "\(run.output)\(run.errors)")
        let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("✓ stress: 4 runs (2 scenarios × 1 strategy × 2 seeds); campaign seed 0x000000005eed0012; 2 workers, ") == true)
        #expect(lines.contains { $0.hasPrefix("passed 4 of 4; safety violations 0 (0 runs); liveness ") })
        #expect(lines.contains("SCENARIOS, WEAKEST FIRST:"))
        #expect(lines.contains { $0.hasPrefix("scenario          runs  failed  worst drawdown") })
        #expect(!run.output.contains("\u{1B}"), "no progress when the output is not a terminal")
        let terminal = Invocation(Self.small, terminal: true)
        #expect(terminal.output.contains("\r\u{1B}[2K… stress: 4 / 4 runs"))
    }

    @Test func htmlWritesTheReportOfTheWeakestRuns() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/report.html"
        let run = Invocation(Self.small + ["--html", path])
        #expect(run.status == 0, "\(run.output)\(run.errors)")
        #expect(run.output.contains("HTML report: \(path)"))
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("stresscheck stress — 4 runs, 4 passed"))
        // Every run of this small batch is shown (at most six are), each with its four charts.
        #expect(html.components(separatedBy: "<section><h2>").count - 1 == 4)
        #expect(html.components(separatedBy: "<svg ").count - 1 == 16)
        #expect(Invocation(Self.small + ["--html", "/nonexistent/dir/report.html"]).status == 2)
        #expect(Invocation(Self.small + ["--html", path, "--item", "1"]).status == 2)
    }

    @Test func theSameCampaignGivesTheSameBytesWhateverTheWorkers() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let one = directory + "/one.jsonl"
        let two = directory + "/two.jsonl"
        #expect(Invocation(Self.small + ["--parallel", "1", "--output", one]).status == 0)
        #expect(Invocation(Self.small + ["--parallel", "3", "--output", two]).status == 0)
        let first = try Data(contentsOf: URL(fileURLWithPath: one))
        let second = try Data(contentsOf: URL(fileURLWithPath: two))
        #expect(first == second)
        #expect(!first.isEmpty)
        let three = directory + "/three.jsonl"
        #expect(Invocation(Self.small + ["--seed", "7", "--output", three]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: three)) != first)
    }

    @Test func shardsFromFlagsAndTheEnginesVariablesMergeToTheWholeRun() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let whole = directory + "/whole.jsonl"
        let version = ["STRESSCHECK_CODE_VERSION": "deadbeef"]
        #expect(Invocation(Self.small + ["--output", whole], environment: version).status == 0)
        // Shard 0 from the flags, 1 from Kubernetes' index, 2 from a Slurm array 5-7.
        #expect(
            Invocation(
                Self.small + ["--shard-index", "0", "--shard-count", "3", "--output", directory + "/shard-{shard}.jsonl"],
                environment: version
            ).status == 0)
        #expect(
            Invocation(
                Self.small + ["--shard-count", "3", "--output", directory + "/shard-{shard}.jsonl"],
                environment: version.merging(["JOB_COMPLETION_INDEX": "1"]) { $1 }
            ).status == 0)
        let slurm = ["SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_MAX": "7", "SLURM_ARRAY_TASK_COUNT": "3"]
        #expect(Invocation(Self.small + ["--output", directory + "/shard-{shard}.jsonl"], environment: version.merging(slurm) { $1 }).status == 0)
        let shards = (0..<3).map { directory + "/shard-\($0).jsonl" }
        let merged = directory + "/merged.jsonl"
        let merge = Invocation(["merge"] + shards.reversed() + ["--output", merged])
        #expect(merge.status == 0, "\(merge.errors)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: merged)) == Data(contentsOf: URL(fileURLWithPath: whole)))
        #expect(merge.output.contains("merged from 3 shard files"))
        #expect(merge.output.contains("code deadbeef"))
        // The two summaries say the same (but the wall-clock line).
        let direct = Invocation(Self.small, environment: version)
        #expect(Array(merge.output.split(separator: "\n").dropFirst().dropLast()) == Array(direct.output.split(separator: "\n").dropFirst()))
        let json = Invocation(["merge", "--json"] + shards)
        let document = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect(document?["passed"] as? Bool == true)
        #expect((document?["summary"] as? [String: Any])?["runs"] as? Int == 4)
    }

    @Test func badShardArgumentsAreUsageErrors() {
        let cases: [([String], [String: String], String)] = [
            (
                ["--shard-index", "3", "--shard-count", "3"], [:],
                "error: shard 3 of 3 (from --shard-index, --shard-count): the shard index must be from 0 to 2"
            ),
            (["--shard-index", "1"], [:], "error: a shard index (from --shard-index) needs a shard count"),
            (["--shard-count", "2"], [:], "error: a shard count (from --shard-count) needs a shard index"),
            ([], ["JOB_COMPLETION_INDEX": "0"], "a Kubernetes indexed Job sets no count"),
            (
                [], ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "4", "SLURM_ARRAY_TASK_COUNT": "3"],
                "the Slurm array 0-4 has 3 tasks, not 5"
            ),
            (
                [], ["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "\(Int.max)", "SLURM_ARRAY_TASK_COUNT": "1"],
                "the Slurm array 0-\(Int.max) has 1 tasks, not 9223372036854775808"
            ),
            (
                [], ["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "3", "SLURM_ARRAY_TASK_MAX": "1", "SLURM_ARRAY_TASK_COUNT": "2"],
                "SLURM_ARRAY_TASK_MAX=1 is below SLURM_ARRAY_TASK_MIN=3"
            ),
            ([], ["STRESSCHECK_SHARD_INDEX": "x", "STRESSCHECK_SHARD_COUNT": "2"], "environment variable STRESSCHECK_SHARD_INDEX is 'x'"),
            (["--shard-index", "-1", "--shard-count", "2"], [:], "error: option '--shard-index' expects a whole number from 0, got '-1'"),
        ]
        for (arguments, environment, message) in cases {
            let run = Invocation(Self.small + arguments, environment: environment)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.errors.contains(message), "\(arguments): \(run.errors)")
            #expect(run.output.isEmpty)
        }
        let unknown = Invocation(["stress", "atlantis"])
        #expect(unknown.status == 2)
        #expect(unknown.errors.hasPrefix("error: unknown scenario 'atlantis' (known: flash-crash-2010, "))
        #expect(Invocation(["stress", "--strategy", "yolo"]).errors.hasPrefix("error: unknown strategy 'yolo'"))
        #expect(Invocation(["stress", "--output", "/nonexistent/dir/x.jsonl"]).status == 2)
    }

    @Test func aBatchTooLargeForOneProcessOrTooManyWorkersIsRefusedBeforeAnythingRuns() {
        // 3 strategies × 10 000 000 seeds: 30 million runs, thirty processes' worth.
        let whole = Invocation(["stress", "liquidity-drain", "--seeds", "10000000"])
        #expect(whole.status == 2)
        #expect(
            whole.errors.contains(
                "error: this batch has 30,000,000 runs; one process runs at most 1,000,000 (each run's figures are kept for the summary and the shard file): split the batch with --shard-count 30 or more, one process a shard"
            ), "\(whole.errors)")
        #expect(whole.output.isEmpty)
        let shard = Invocation(["stress", "liquidity-drain", "--seeds", "10000000", "--shard-index", "0", "--shard-count", "2"])
        #expect(shard.status == 2 && shard.errors.contains("error: this shard has 15,000,000 runs;"), "\(shard.errors)")
        // Never more workers than runs: 4 runs with 8 asked for.
        let few = Invocation(Self.small + ["--parallel", "8"])
        #expect(few.status == 0 && few.output.contains("; 4 workers, "), "\(few.output.prefix(300))")
        for workers in ["0", "1025", "100000000"] {
            let run = Invocation(Self.small + ["--parallel", workers])
            #expect(run.status == 2 && run.errors.contains("option '--parallel' expects 1 to 1024 workers (each a thread), got '\(workers)'"), "\(run.errors)")
        }
    }

    @Test func theFlagsWinOverTheEnvironment() throws {
        let (shard, source) = try ShardSelection.resolve(index: 1, count: 4, environment: ["JOB_COMPLETION_INDEX": "3", "STRESSCHECK_SHARD_COUNT": "9"])
        #expect(shard == (try BatchShard(index: 1, count: 4)) && source == "--shard-index, --shard-count")
        let kubernetes = try ShardSelection.resolve(index: nil, count: nil, environment: ["JOB_COMPLETION_INDEX": "3", "STRESSCHECK_SHARD_COUNT": "9"])
        #expect(kubernetes.shard == (try BatchShard(index: 3, count: 9)))
        let generic = try ShardSelection.resolve(
            index: nil, count: nil,
            environment: [
                "STRESSCHECK_SHARD_INDEX": "2", "JOB_COMPLETION_INDEX": "3",
                "STRESSCHECK_SHARD_COUNT": "9",
            ])
        #expect(generic.shard.index == 2)
        let slurm = try ShardSelection.resolve(index: nil, count: nil, environment: ["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "5"])
        #expect(slurm.shard == (try BatchShard(index: 4, count: 5)))
        #expect(try ShardSelection.resolve(index: nil, count: nil, environment: [:]).shard == .whole)
    }

    @Test func mergeRefusesBadFilesAndWritesNothing() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for index in 0..<2 {
            #expect(Invocation(Self.small + ["--shard-index", "\(index)", "--shard-count", "2", "--output", directory + "/s\(index).jsonl"]).status == 0)
        }
        #expect(Invocation(Self.small + ["--seed", "99", "--shard-index", "1", "--shard-count", "2", "--output", directory + "/other.jsonl"]).status == 0)
        #expect(
            Invocation(
                Self.small + ["--shard-index", "1", "--shard-count", "2", "--output", directory + "/v2.jsonl"],
                environment: ["STRESSCHECK_CODE_VERSION": "v2"]
            ).status == 0)
        let good = try Data(contentsOf: URL(fileURLWithPath: directory + "/s1.jsonl"))
        try good.prefix(good.count - 20).write(to: URL(fileURLWithPath: directory + "/cut.jsonl"))
        let existing = directory + "/merged.jsonl"
        try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: existing))
        let cases: [([String], String)] = [
            (["s0.jsonl", "cut.jsonl"], "error: \(directory)/cut.jsonl: line 4: the file ends in the middle of line 4 (no newline): it was cut short"),
            (["s0.jsonl", "other.jsonl"], "are from different campaigns (campaign seeds): 0x000000005eed0012 and 0x0000000000000063"),
            (["s0.jsonl", "v2.jsonl"], "are from different code versions"),
            (["s0.jsonl"], "error: missing shard 1 of 2"),
            (["s0.jsonl", "s0.jsonl", "s1.jsonl"], "are both shard 0 of 2"),
            (["s0.jsonl", "absent.jsonl"], "error: cannot read '\(directory)/absent.jsonl': No such file or directory"),
        ]
        for (files, message) in cases {
            let run = Invocation(["merge"] + files.map { directory + "/" + $0 } + ["--output", existing])
            #expect(run.status == 2, "\(files)")
            #expect(run.errors.contains(message), "\(files): \(run.errors)")
            #expect(run.errors.hasSuffix("Nothing was written.\n"))
            #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep me\n")
        }
        #expect(Invocation(["merge"]).status == 2)

        // A pipe given first (`merge <(cat s0.jsonl) s1.jsonl`) is read once: merge used to read
        // the first file twice, to tell tables from shard files, and found the pipe empty.
        let pipe = directory + "/s0.pipe"
        #expect(mkfifo(pipe, 0o600) == 0)
        let shard = try Data(contentsOf: URL(fileURLWithPath: directory + "/s0.jsonl"))
        let writer = Thread {
            let descriptor = open(pipe, O_WRONLY)
            guard descriptor >= 0 else { return }
            _ = shard.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
        }
        writer.start()
        let piped = Invocation(["merge", pipe, directory + "/s1.jsonl"])
        #expect(piped.status == 0, "\(piped.errors)")
        #expect(piped.output.contains("merged from 2 shard files"))
    }

    @Test func anItemRerunsAlone() throws {
        let run = Invocation(Self.small + ["--item", "3"])
        #expect(run.status == 0, "\(run.errors)")
        let plan = try BatchPlan(
            scenarios: ["flash-crash-2010", "liquidity-drain"], strategies: [.buyTheDip], seeds: 2, campaignSeed: Stress.defaultCampaignSeed)
        #expect(run.output.hasPrefix("✓ item 3: liquidity-drain / buy-the-dip, seed \(BatchSeed.format(plan.item(3).seed))"))
        #expect(
            StressReport.rerun(3, of: plan)
                == "swift run -c release stresscheck stress flash-crash-2010 liquidity-drain --strategy buy-the-dip --seeds 2 --item 3")
        #expect(Invocation(Self.small + ["--item", "4"]).errors.contains("item 4 is not in the batch (items 0 to 3)"))
    }
}

/// What a failing batch looks like: a merge of shards run with a mutated executor (a fill booked
/// twice) exits 1 and lists each distinct failure with the command that reruns it.
@Suite struct StressFailureReportTests {
    @Test func aFailingBatchListsItsFailuresAndExitsOne() async throws {
        var executor = ScenarioExecutor()
        executor.mutation = .fillBookedTwice
        let plan = try BatchPlan(scenarios: ["liquidity-drain", "execution-crisis"], strategies: [.buyTheDip], seeds: 4, campaignSeed: 3)
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var paths: [String] = []
        for index in 0..<2 {
            let shard = try BatchShard(index: index, count: 2)
            let items = await BatchRunner(parallel: 2, executor: executor).run(plan, shard: shard)
            let path = directory + "/shard-\(index).jsonl"
            try Data(ShardFile(header: ShardHeader(plan: plan, codeVersion: "zoo", shard: shard), items: items).encoded).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        let run = Invocation(["merge"] + paths)
        #expect(run.status == 1)
        let whole = BatchSummary(await BatchRunner(executor: executor).run(plan))
        let first = try #require(whole.failures.first)
        #expect(run.output.hasPrefix("✗ stress: 8 runs (2 scenarios × 1 strategy × 4 seeds); campaign seed 0x0000000000000003; merged from 2 shard files\n"))
        #expect(run.output.contains("FAILURES (one per property and scenario; the lowest item, the fastest-failing seed, kept):\n✗ booksReconcile in "))
        #expect(run.output.contains("first: item \(first.first.item.number), buy-the-dip, seed \(BatchSeed.format(first.first.item.seed))"))
        #expect(
            run.output.contains(
                "    rerun it alone: swift run -c release stresscheck stress liquidity-drain execution-crisis --strategy buy-the-dip --seeds 4 --seed 0x0000000000000003 --item \(first.first.item.number)"
            ))
        let json = Invocation(["merge", "--json"] + paths)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(document["passed"] as? Bool == false)
        #expect((document["failures"] as? [[String: Any]])?.count == whole.failures.count)
    }

    @Test func anInterruptedBatchWritesNoFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = Invocation(StressCommandTests.small + ["--output", directory + "/out.jsonl"], interruption: Interruption { SIGINT })
        #expect(run.status == 130)
        #expect(run.errors.contains("Interrupted by SIGINT after 0 runs of 4; no file written."))
        #expect(run.output.hasPrefix("■ stress: 0 of 4 runs, interrupted (2 scenarios × 1 strategy × 2 seeds)"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/out.jsonl"))
    }
}
