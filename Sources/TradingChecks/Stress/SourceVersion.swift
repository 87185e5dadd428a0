import Foundation
import StressRun

/// The code a stress failure was found with, for its report: `STRESSCHECK_CODE_VERSION` when set
/// (the campaign files set it to the commit), else the commit checked out in the repository the
/// tool runs in (read from `.git`, no `git` process), else `CodeVersion`'s "unversioned" line.
enum SourceVersion {
    static let current: String = {
        let environment = ProcessInfo.processInfo.environment
        if let value = environment[CodeVersion.variable], !value.isEmpty { return value }
        return checkedOutCommit(from: FileManager.default.currentDirectoryPath).map { "commit \($0)" } ?? CodeVersion.fallback
    }()

    /// The commit `HEAD` names in the repository containing `directory`, abbreviated to 12 digits.
    static func checkedOutCommit(from directory: String) -> String? {
        var url = URL(fileURLWithPath: directory)
        for _ in 0..<32 {
            let git = url.appendingPathComponent(".git")
            if let head = read(git.appendingPathComponent("HEAD")) {
                guard head.hasPrefix("ref: ") else { return abbreviated(head) }
                let ref = String(head.dropFirst(5))
                if let loose = read(git.appendingPathComponent(ref)) { return abbreviated(loose) }
                let packed = read(git.appendingPathComponent("packed-refs")) ?? ""
                let line = packed.split(separator: "\n").first { $0.hasSuffix(" " + ref) }
                return line.flatMap { $0.split(separator: " ").first.map(String.init) }.flatMap(abbreviated)
            }
            if url.path == "/" { break }
            url.deleteLastPathComponent()
        }
        return nil
    }

    private static func read(_ url: URL) -> String? {
        (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func abbreviated(_ hash: String) -> String? {
        hash.count >= 12 && hash.allSatisfy(\.isHexDigit) ? String(hash.prefix(12)) : nil
    }
}
