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
    ///
    /// A file longer than `maxBytes` (any input's limit) is read that far and carries an
    /// ``CheckWarning/Kind/inputTooLong`` warning; one that is not a regular file (a FIFO, a
    /// device) is skipped with ``CheckWarning/Kind/fileUnreadable``: neither is read without bound.
    public func entries(for check: String, maxBytes: Int = CheckConfiguration().maxBytes) -> ([Entry], [CheckWarning]) {
        let directory = directory(for: check)
        var problems: [CheckWarning] = []
        if let warning = layoutWarning() { problems.append(warning) }
        for (path, isRoot) in [(root, true), (directory, false)] {
            let state = PathState(of: path)
            if let warning = Corpus.warning(for: path, state: state, isRoot: isRoot) { problems.append(warning) }
            guard state == .directory else { return ([], problems) }
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            problems.append(
                CheckWarning(
                    .corpusUnreadable, path: directory,
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
            switch BoundedFile.read(path, limit: maxBytes, regularFilesOnly: true) {
            case .bytes(let bytes, let truncated):
                if truncated {
                    problems.append(
                        CheckWarning(
                            .inputTooLong, path: path, "\(path): longer than any input (\(maxBytes) bytes); only its first \(maxBytes) bytes were used"))
                }
                entries.append(Entry(path: path, bytes: bytes))
            case .notARegularFile:
                problems.append(CheckWarning(.fileUnreadable, path: path, "\(path): not a regular file (a pipe, a device or a socket); skipped"))
            case .unreadable(let reason):
                problems.append(CheckWarning(.fileUnreadable, path: path, "\(path): cannot be read (\(reason)); skipped"))
            }
        }
        return (entries, problems)
    }

    /// The warning for a root whose `.layout-version` is not this engine's layout, or cannot be
    /// read as one (a version that cannot be read says so: the saved cases' layout is unknown).
    /// No file: nothing to say (a corpus made by hand, or before the file existed).
    func layoutWarning() -> CheckWarning? {
        let versionPath = (root as NSString).appendingPathComponent(".layout-version")
        let unknown = "saved cases may decode to different values"
        switch BoundedFile.read(versionPath, limit: 64, regularFilesOnly: true) {
        case .unreadable where PathState(of: versionPath) == .missing:
            return nil
        case .unreadable(let reason):
            return CheckWarning(.layoutMismatch, path: versionPath, "\(versionPath) cannot be read (\(reason)): the saved cases' layout is unknown; \(unknown)")
        case .notARegularFile:
            return CheckWarning(.layoutMismatch, path: versionPath, "\(versionPath) is not a regular file: the saved cases' layout is unknown; \(unknown)")
        case .bytes(let bytes, _):
            let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard Int(text) != ChoiceStream.layoutVersion else { return nil }
            return CheckWarning(
                .layoutMismatch, path: versionPath,
                "\(root)/.layout-version says \(text); this engine reads layout \(ChoiceStream.layoutVersion): \(unknown)")
        }
    }

    /// Saves `bytes` for `check` (atomically: a temporary file, then a rename) and returns the
    /// path. The name is the bytes' hash, so saving the same case twice keeps one file.
    /// - Throws: ``CorpusSaveError`` naming the path that could not be written and why, in the
    ///   system's words ("Permission denied", "Not a directory"), not Foundation's error dump.
    public func save(_ bytes: [UInt8], for check: String) throws(CorpusSaveError) -> String {
        let directory = directory(for: check)
        try CorpusSaveError.makeDirectories(directory)
        let versionPath = (root as NSString).appendingPathComponent(".layout-version")
        if !FileManager.default.fileExists(atPath: versionPath) {
            try CorpusSaveError.writeAtomically(Array("\(ChoiceStream.layoutVersion)\n".utf8), to: versionPath)
        }
        let name = String(CheckConfiguration.stableHash(bytes), radix: 16)
        let path = (directory as NSString).appendingPathComponent(String(repeating: "0", count: 16 - name.count) + name)
        try CorpusSaveError.writeAtomically(bytes, to: path)
        return path
    }

    /// ``save(_:for:)`` for a check that goes on when the save fails: the saved file's path, or
    /// nil and a ``CheckWarning/Kind/saveFailed`` warning in `warnings` that says where and why.
    public func save(_ bytes: [UInt8], for check: String, warnings: inout [CheckWarning]) -> String? {
        do { return try save(bytes, for: check) } catch {
            warnings.append(CheckWarning(.saveFailed, path: directory(for: check), "could not save the counterexample: \(error)"))
            return nil
        }
    }
}

/// A corpus file or directory that could not be written: the path and the reason in words.
public struct CorpusSaveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or directory that could not be written.
    public let path: String
    /// Why, e.g. "Permission denied" or "Not a directory".
    public let reason: String

    public var description: String { "cannot write \(path): \(reason)" }

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    init(path: String, errno code: Int32) {
        self.path = path
        reason = String(cString: strerror(code))
    }

    /// `mkdir -p`: every missing directory on the way to `path`, with the failing one named.
    static func makeDirectories(_ path: String) throws(CorpusSaveError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CorpusSaveError(path: path, errno: EEXIST) }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try makeDirectories(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw CorpusSaveError(path: path, errno: errno) }
    }

    /// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(CorpusSaveError) {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CorpusSaveError(path: temporary, errno: errno) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { preconditionFailure("bytes remain, so the buffer has a base address") }
                return write(fd, base + written, bytes.count - written)
            }
            guard n > 0 else {
                let code = errno
                close(fd)
                unlink(temporary)
                throw CorpusSaveError(path: temporary, errno: code)
            }
            written += n
        }
        guard close(fd) == 0 else {
            let code = errno
            unlink(temporary)
            throw CorpusSaveError(path: temporary, errno: code)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw CorpusSaveError(path: path, errno: code)
        }
    }
}

extension ChoiceStream {
    /// The version of the byte layout documented in `docs/internals.md`. Bump it whenever a
    /// generator's layout changes, because saved corpus files depend on it.
    public static let layoutVersion = 1
}
