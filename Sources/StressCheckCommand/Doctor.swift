import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `stresscheck doctor`: whether this machine is ready to certify — the checks the source's CI
/// guards made before a run. Exit 0 when every required check passes, 1 otherwise; the optional
/// tools are reported, never required.
enum Doctor {
    struct Check: Encodable {
        let name: String
        let passed: Bool
        let required: Bool
        let detail: String
    }

    static func checks(environment: [String: String]) -> [Check] {
        var checks: [Check] = []
        let path = environment["PATH"] ?? ""
        func find(_ tool: String) -> String? {
            for directory in path.split(separator: ":") where access("\(directory)/\(tool)", X_OK) == 0 { return "\(directory)/\(tool)" }
            return nil
        }
        let swift = find("swift")
        checks.append(Check(name: "toolchain", passed: swift != nil, required: true, detail: swift.map { "swift at \($0)" } ?? "no swift on PATH"))
        var stats = statvfs()
        let free = statvfs(".", &stats) == 0 ? UInt64(stats.f_bavail) * UInt64(stats.f_frsize) : 0
        let gigabyte: UInt64 = 1 << 30
        checks.append(
            Check(
                name: "disk", passed: free >= gigabyte, required: true,
                detail: "\(free / (1 << 20)) MiB free in the current directory (needs 1 GiB)"))
        var isDirectory: ObjCBool = false
        let corpus = FileManager.default.fileExists(atPath: "corpus", isDirectory: &isDirectory) && isDirectory.boolValue
        // Listed, not only tested for access: an entry that cannot be read fails the listing, and
        // the check says which error rather than counting 0 entries.
        let listing: Result<Int, any Error>? =
            corpus ? Result { try FileManager.default.subpathsOfDirectory(atPath: "corpus").count } : nil
        let corpusDetail: String
        switch listing {
        case nil: corpusDetail = "no corpus/ directory here (run from the package root)"
        case .success(let entries): corpusDetail = "corpus/ readable, \(entries) entries"
        case .failure(let error): corpusDetail = "corpus/ cannot be listed: \(error.localizedDescription)"
        }
        let listed = if case .success = listing { true } else { false }
        checks.append(Check(name: "corpus", passed: listed && access("corpus", R_OK) == 0, required: true, detail: corpusDetail))
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("stresscheck-doctor-\(getpid())").path
        let writable = FileManager.default.createFile(atPath: probe, contents: Data("probe".utf8))
        try? FileManager.default.removeItem(atPath: probe)
        checks.append(
            Check(
                name: "temporary directory", passed: writable, required: true,
                detail: writable
                    ? "\(FileManager.default.temporaryDirectory.path) writable (journals go there)"
                    : "cannot write to \(FileManager.default.temporaryDirectory.path)"))
        for (tool, use) in [
            ("promtool", "checks the metrics"), ("chromium", "renders the HTML reports in tests"), ("curl", "scrapes the metrics endpoint in tests"),
        ] {
            let found = find(tool)
            checks.append(
                Check(name: tool, passed: found != nil, required: false, detail: (found.map { "at \($0)" } ?? "not installed") + " (optional: \(use))"))
        }
        return checks
    }

    static func run(json: Bool, console: Console, environment: [String: String]) -> Int32 {
        let checks = checks(environment: environment)
        let ready = checks.allSatisfy { $0.passed || !$0.required }
        if json {
            struct Document: Encodable {
                let ready: Bool
                let checks: [Check]
            }
            console.output.write(JSONText.encode(Document(ready: ready, checks: checks)))
        } else {
            for check in checks {
                let mark = check.passed ? "✓" : (check.required ? "✗" : "–")
                console.output.write("\(mark) \(check.name): \(check.detail)\n")
            }
            console.output.write(ready ? "ready to certify\n" : "not ready: fix the ✗ lines above\n")
        }
        return ready ? ExitStatus.passed : ExitStatus.failed
    }
}
