import Foundation

/// The regression corpus: `<root>/<check name>/<file>`, each file the raw bytes of one case.
///
/// Raw bytes with no header, so that the same file is a `swift test` regression, a libFuzzer
/// corpus entry and a libFuzzer crash file. Because a file means something only for one byte
/// layout, the root holds `.layout-version`; a mismatch is reported for every file.
public struct Corpus: Sendable {
    /// The corpus root directory.
    public let root: String

    public init(root: String) { self.root = root }

    /// One saved case.
    public struct Entry: Sendable {
        public let path: String
        public let bytes: [UInt8]
    }

    /// The directory name for a check: lowercase letters, digits, `-`, `_` and `.`.
    public static func directoryName(for check: String) -> String {
        var name = ""
        for scalar in check.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || "-_.".unicodeScalars.contains(scalar) {
                name.unicodeScalars.append(scalar)
            } else if !name.hasSuffix("-") {
                name += "-"
            }
        }
        let trimmed = name.trimmingCharacters(in: CharacterSet(charactersIn: "-."))
        return trimmed.isEmpty ? "check" : trimmed
    }

    /// The directory holding `check`'s files.
    public func directory(for check: String) -> String {
        (root as NSString).appendingPathComponent(Corpus.directoryName(for: check))
    }

    /// Every file for `check`, sorted by name, and a warning for each problem met.
    ///
    /// A root that does not exist is a ``CheckWarning/Kind/corpusMissing`` warning (the corpus
    /// was looked for in the wrong place); a root or check directory that is a dangling link,
    /// a file or unreadable is ``CheckWarning/Kind/corpusUnreadable``. A check directory that does
    /// not exist yet is normal and says nothing.
    public func entries(for check: String) -> ([Entry], [CheckWarning]) {
        let directory = directory(for: check)
        var problems: [CheckWarning] = []
        let versionPath = (root as NSString).appendingPathComponent(".layout-version")
        if let version = try? String(contentsOfFile: versionPath, encoding: .utf8),
           Int(version.trimmingCharacters(in: .whitespacesAndNewlines)) != ChoiceStream.layoutVersion {
            problems.append(CheckWarning(.layoutMismatch, path: versionPath,
                                         "\(root)/.layout-version says \(version.trimmingCharacters(in: .whitespacesAndNewlines)); this engine reads layout \(ChoiceStream.layoutVersion): saved cases may decode to different values"))
        }
        for (path, isRoot) in [(root, true), (directory, false)] {
            let state = PathState(of: path)
            if let warning = Corpus.warning(for: path, state: state, isRoot: isRoot) { problems.append(warning) }
            guard state == .directory else { return ([], problems) }
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            problems.append(CheckWarning(.corpusUnreadable, path: directory,
                                         "the corpus directory \(directory) cannot be listed; no saved case was replayed"))
            return ([], problems)
        }
        var entries: [Entry] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(name)
            switch PathState(of: path) {
            case .directory: continue
            case .notADirectory: break
            case .missing, .danglingSymlink:
                problems.append(CheckWarning(.fileUnreadable, path: path, "\(path): is a symbolic link to nothing; skipped"))
                continue
            case .inaccessible(let reason):
                problems.append(CheckWarning(.fileUnreadable, path: path, "\(path): cannot be read (\(reason)); skipped"))
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append(CheckWarning(.fileUnreadable, path: path, "\(path): cannot be read; skipped"))
                continue
            }
            entries.append(Entry(path: path, bytes: [UInt8](data)))
        }
        return (entries, problems)
    }

    /// Saves `bytes` for `check` (atomically: a temporary file, then a rename) and returns the
    /// path. The name is the bytes' hash, so saving the same case twice keeps one file.
    public func save(_ bytes: [UInt8], for check: String) throws -> String {
        let directory = directory(for: check)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let versionPath = (root as NSString).appendingPathComponent(".layout-version")
        if !FileManager.default.fileExists(atPath: versionPath) {
            try Data("\(ChoiceStream.layoutVersion)\n".utf8).write(to: URL(fileURLWithPath: versionPath), options: .atomic)
        }
        let name = String(CheckConfiguration.stableHash(bytes), radix: 16)
        let path = (directory as NSString).appendingPathComponent(String(repeating: "0", count: 16 - name.count) + name)
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }
}

extension ChoiceStream {
    /// The version of the byte layout documented in `docs/internals.md`. Bump it whenever a
    /// generator's layout changes, because saved corpus files depend on it.
    public static let layoutVersion = 1
}
