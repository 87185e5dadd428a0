import Foundation
import Testing
@testable import StressCheckCommand

/// The campaign files users run (a Kubernetes indexed Job, a Slurm array, a GitHub Actions
/// matrix, ClusterFuzzLite) cannot rot: their YAML lints, and each shard's command line, read
/// from the file, runs here with the variables its engine sets, then the file's merge command,
/// whose merged file must be byte for byte the whole run's.
///
/// Two things are changed, and only these: `--seeds` becomes 1 (the files' campaigns take
/// minutes in a release build; a debug test runs the same plan with one seed per pair), and the
/// results directory (the volume, the working directory, `$RESULTS`) is a temporary directory.
@Suite struct CampaignFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static let yamlFiles = [
        "docs/campaigns/kubernetes/stress-campaign.yaml", "docs/campaigns/kubernetes/stress-merge.yaml",
        ".github/workflows/stress-campaign.yml", ".github/workflows/cflite.yml", ".clusterfuzzlite/project.yaml",
        "Fuzz/oss-fuzz/project.yaml",
    ]

    /// yamllint's default rules, with longer lines, no `---` required, and `on:` allowed as a key.
    static let yamllintConfig = "{extends: default, rules: {line-length: {max: 160}, document-start: disable, truthy: {check-keys: false}}}"

    static let yamllint: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/yamllint" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static func text(_ path: String) throws -> String { try String(contentsOfFile: root + "/" + path, encoding: .utf8) }

    @Test(.enabled(if: yamllint != nil, "SKIPPED: yamllint is not installed (.ci/run installs it with apt-get), so the campaign YAML files were not linted"))
    func everyYAMLFileLints() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.yamllint))
        process.arguments = ["-f", "parsable", "-d", Self.yamllintConfig] + Self.yamlFiles.map { Self.root + "/" + $0 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "yamllint:\n\(output)")
    }

    @Test func theKubernetesIndexedJobMergesToTheWholeRun() throws {
        let job = try Self.text("docs/campaigns/kubernetes/stress-campaign.yaml")
        #expect(job.contains("completionMode: Indexed"))
        let completionsText = try #require(Self.value(of: "completions:", in: job))
        let completions = try #require(Int(completionsText))
        #expect(Self.value(of: "parallelism:", in: job) != nil)
        #expect(Self.value(of: "mountPath:", in: job) == "/results")
        let image = try Self.text("docs/campaigns/kubernetes/Dockerfile")
        #expect(image.contains("ENV STRESSCHECK_CODE_VERSION=$COMMIT"), "the image records the commit")
        let version = "k8s-image-commit"
        try Self.campaign(
            shards: completions, stress: Self.command("stresscheck stress", in: job),
            merge: Self.command("stresscheck merge", in: try Self.text("docs/campaigns/kubernetes/stress-merge.yaml")),
            results: "/results/", version: version
        ) { index, _ in
            ["JOB_COMPLETION_INDEX": String(index), "STRESSCHECK_CODE_VERSION": version]
        }
    }

    @Test func theGitHubActionsMatrixMergesToTheWholeRun() throws {
        let workflow = try Self.text(".github/workflows/stress-campaign.yml")
        let matrix = try #require(Self.value(of: "shard: [", in: workflow))
        let shards = matrix.trimmingCharacters(in: CharacterSet(charactersIn: "]")).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(shards == (0..<shards.count).map(String.init))
        for line in [
            "STRESSCHECK_SHARD_INDEX: ${{ matrix.shard }}", "STRESSCHECK_SHARD_COUNT: ${{ strategy.job-total }}",
            "STRESSCHECK_CODE_VERSION: ${{ github.sha }}", "path: shard-${{ matrix.shard }}.jsonl", "pattern: shard-*", "path: shards",
        ] {
            #expect(workflow.contains(line), "\(line)")
        }
        let sha = "0123456789abcdef0123456789abcdef01234567"
        // Relative paths: the job's working directory, here the temporary directory.
        try Self.campaign(
            shards: shards.count, stress: Self.command("stresscheck stress", in: workflow),
            merge: Self.command("stresscheck merge", in: workflow).map { $0.replacingOccurrences(of: "shards/", with: "") },
            results: "", version: sha
        ) { index, count in
            ["STRESSCHECK_SHARD_INDEX": String(index), "STRESSCHECK_SHARD_COUNT": String(count), "STRESSCHECK_CODE_VERSION": sha]
        }
    }

    @Test func theSlurmArrayMergesToTheWholeRun() throws {
        let script = try Self.text("docs/campaigns/slurm/stress-campaign.sbatch")
        let array = try #require(Self.value(of: "#SBATCH --array=", in: script, separator: "="))
        let bounds = array.split(separator: "-").compactMap { Int($0) }
        #expect(bounds.count == 2)
        let (minimum, maximum) = (bounds.first ?? 0, bounds.last ?? 0)
        let cpus = try #require(Self.value(of: "#SBATCH --cpus-per-task=", in: script, separator: "="))
        let version = "slurm-commit"
        try Self.campaign(
            shards: maximum - minimum + 1, stress: Self.command("stresscheck stress", in: script),
            merge: Self.command("stresscheck merge", in: try Self.text("docs/campaigns/slurm/stress-merge.sbatch")),
            results: "${RESULTS}/", version: version
        ) { index, count in
            [
                "SLURM_ARRAY_TASK_ID": String(minimum + index), "SLURM_ARRAY_TASK_MIN": String(minimum), "SLURM_ARRAY_TASK_MAX": String(maximum),
                "SLURM_ARRAY_TASK_COUNT": String(count), "SLURM_CPUS_PER_TASK": cpus, "STRESSCHECK_CODE_VERSION": version,
            ]
        }
    }

    @Test func clusterFuzzLiteBuildsEveryFuzzTarget() throws {
        #expect(try Self.text(".clusterfuzzlite/project.yaml").contains("language: swift"))
        let dockerfile = try Self.text(".clusterfuzzlite/Dockerfile")
        #expect(dockerfile.contains("FROM gcr.io/oss-fuzz-base/base-builder-swift"))
        #expect(dockerfile.contains("COPY .clusterfuzzlite/build.sh $SRC/"))
        #expect(try Self.text(".clusterfuzzlite/build.sh").contains(#"exec "$SRC/stresscheck/Fuzz/oss-fuzz/build.sh""#))
        let build = try Self.text("Fuzz/oss-fuzz/build.sh")
        #expect(build.contains(#"source "$SRC/stresscheck/Fuzz/common.sh""#) && build.contains(#"for target in "${TARGETS[@]}"; do"#))
        // Every target of common.sh is a package product of Fuzz/.
        let common = try Self.text("Fuzz/common.sh")
        let targets = try #require(common.split(separator: "\n").first { $0.hasPrefix("TARGETS=(") })
        let machines = try #require(common.split(separator: "\n").first { $0.hasPrefix("MACHINES=(") })
        let names =
            (machines.dropFirst("MACHINES=(".count).dropLast().split(separator: " ")
            + targets.dropFirst("TARGETS=(".count).dropLast().split(separator: " ").filter { !$0.hasPrefix("\"$") }).map(String.init)
        #expect(names.contains("exchange") && names.contains("market"))
        for name in names {
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: Self.root + "/Fuzz/Targets/" + name, isDirectory: &isDirectory) && isDirectory.boolValue, "\(name)")
        }
        let workflow = try Self.text(".github/workflows/cflite.yml")
        #expect(workflow.contains("uses: google/clusterfuzzlite/actions/build_fuzzers@v1"))
        #expect(workflow.contains("uses: google/clusterfuzzlite/actions/run_fuzzers@v1"))
        #expect(workflow.contains("language: swift"))
        for script in [
            ".clusterfuzzlite/build.sh", "Fuzz/oss-fuzz/build.sh", "docs/campaigns/slurm/stress-campaign.sbatch", "docs/campaigns/slurm/stress-merge.sbatch",
        ] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-n", Self.root + "/" + script]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "bash -n \(script)")
        }
    }

    /// `Fuzz/build.sh` builds each target of `TARGETS` in exactly one of its two builds (lean or
    /// full), and every module the lean build instruments is a module of the root package: a
    /// misspelt one would silently leave the code it names uninstrumented.
    @Test func everyFuzzTargetIsInExactlyOneBuildAndTheLeanModulesExist() throws {
        let common = try Self.text("Fuzz/common.sh").split(separator: "\n")
        func list(_ name: String) throws -> [String] {
            let line = try #require(common.first { $0.hasPrefix(name + "=(") }, "\(name) in Fuzz/common.sh")
            return line.dropFirst(name.count + 2).dropLast().split(separator: " ").map(String.init)
        }
        let machines = try list("MACHINES")
        let targets = try machines + list("TARGETS").filter { !$0.hasPrefix("\"$") }
        let lean = try list("LEAN_TARGETS")
        let full = try list("FULL_TARGETS")
        #expect(Set(lean).isDisjoint(with: full))
        for target in targets { #expect(lean.contains(target) != full.contains(target), "\(target) in one build") }
        #expect(lean.contains("zoo"), "fuzz-zoo, which smoke.sh and bites.sh run, is built")
        let modulesLine = try #require(common.first { $0.hasPrefix("LEAN_MODULES=\"") })
        let modules = modulesLine.dropFirst("LEAN_MODULES=\"".count).dropLast().split(separator: ",").map(String.init)
        #expect(modules.contains("TradingMachines") && modules.contains("ExchangeSim"))
        let manifest = try Self.text("Package.swift")
        for module in modules { #expect(manifest.contains("name: \"\(module)\""), "\(module) is a target of Package.swift") }
        // Each lean target but the zoo (built with all of LEAN_MODULES) is in exactly one family,
        // whose modules are lean modules.
        let start = try #require(common.firstIndex { $0.hasPrefix("LEAN_FAMILIES=(") })
        let end = try #require(common[start...].firstIndex { $0 == ")" })
        let families = common[(start + 1)..<end].map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        #expect(families.count >= 3)
        var familyTargets: [String] = []
        for family in families {
            let fields = family.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            #expect(fields.count == 3, "\(family): name|modules|targets")
            guard fields.count == 3 else { continue }
            for module in fields[1].split(separator: ",") { #expect(modules.contains(String(module)), "\(fields[0]): \(module) is in LEAN_MODULES") }
            familyTargets += fields[2].split(separator: " ").map(String.init)
        }
        #expect(familyTargets.sorted() == lean.filter { $0 != "zoo" }.sorted(), "every lean target but the zoo in exactly one family")
    }

    // MARK: - Reading the files and running their command lines

    /// The text after `key` on the first line (trimmed) that starts with it.
    static func value(of key: String, in text: String, separator: String = ":") -> String? {
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix(key) else { continue }
            return trimmed.dropFirst(key.count).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// The words of the one line holding `marker`, from the word after `stresscheck` to the end
    /// of the command (`||`, `;` or the line's end).
    static func command(_ marker: String, in text: String) throws -> [String] {
        let lines = text.split(separator: "\n").filter { $0.contains(marker) && !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        #expect(lines.count == 1, "one line runs '\(marker)'")
        let line = try #require(lines.first)
        let start = try #require(line.range(of: marker))
        var words: [String] = []
        for word in line[start.lowerBound...].split(separator: " ").dropFirst() {
            if word == "||" || word.hasPrefix(";") { break }
            words.append(String(word))
        }
        return words
    }

    /// Runs every shard's command with its engine's variables, the merge, and the whole batch,
    /// and checks that the merged file is the whole run's, byte for byte.
    static func campaign(
        shards count: Int, stress: [String], merge: [String], results: String, version: String,
        environment: (Int, Int) -> [String: String]
    ) throws {
        #expect(count >= 2)
        #expect(stress.first == "stress" && merge.first == "merge")
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func local(_ words: [String], _ variables: [String: String]) -> [String] {
            var words = words
            if let seeds = words.firstIndex(of: "--seeds"), seeds + 1 < words.count { words[seeds + 1] = "1" }
            // One strategy of the library is enough to prove the sharding and the merge (and a
            // third of the runs in a debug build).
            if words.first == "stress", !words.contains("--strategy") { words += ["--strategy", "momentum"] }
            return words.map { word in
                var word = word
                for (name, value) in variables { word = word.replacingOccurrences(of: "${\(name)}", with: value) }
                if !results.isEmpty && word.hasPrefix(results) { return directory + "/" + word.dropFirst(results.count) }
                if results.isEmpty && word.contains(".jsonl") { return directory + "/" + word }
                return word
            }
        }
        for index in 0..<count {
            let variables = environment(index, count)
            let run = Invocation(local(stress, variables), environment: variables)
            #expect(run.status == 0, "shard \(index): \(run.errors)")
            #expect(run.output.contains("shard \(index) of \(count)"), "shard \(index) of \(count): \(run.output.prefix(200))")
        }
        // The shell expands the merge's glob.
        var mergeWords: [String] = []
        for word in local(merge, environment(0, count)) {
            guard let star = word.firstIndex(of: "*") else {
                mergeWords.append(word)
                continue
            }
            let folder = (String(word[..<star]) as NSString).deletingLastPathComponent
            let prefix = (String(word[..<star]) as NSString).lastPathComponent
            let suffix = String(word[word.index(after: star)...])
            let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }.sorted()
            mergeWords += names.map { folder + "/" + $0 }
        }
        #expect(mergeWords.count == count + 3, "merge, \(count) shard files, --output, its file: \(mergeWords)")
        let merged = Invocation(mergeWords)
        #expect(merged.status == 0, "\(merged.errors)")
        let output = try #require(mergeWords.firstIndex(of: "--output").map { mergeWords[$0 + 1] })
        // The whole batch: the same command without a shard.
        var whole = local(stress, environment(0, count)).filter { !$0.contains(".jsonl") && $0 != "--output" }
        for flag in ["--shard-index", "--shard-count"] {
            if let position = whole.firstIndex(of: flag) { whole.removeSubrange(position...position + 1) }
        }
        let wholeFile = directory + "/whole-run.jsonl"
        let run = Invocation(whole + ["--output", wholeFile], environment: ["STRESSCHECK_CODE_VERSION": version])
        #expect(run.status == 0)
        let mergedBytes = try Data(contentsOf: URL(fileURLWithPath: output))
        let wholeBytes = try Data(contentsOf: URL(fileURLWithPath: wholeFile))
        #expect(!wholeBytes.isEmpty)
        #expect(mergedBytes == wholeBytes, "the merged shards are the whole run")
        #expect(String(decoding: wholeBytes.prefix(300), as: UTF8.self).contains(#""codeVersion":"\#(version)""#))
    }
}
