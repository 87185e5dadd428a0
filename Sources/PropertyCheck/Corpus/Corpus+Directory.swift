import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Corpus {
    /// What is at a corpus path: the answer decides whether a missing file list is normal (no
    /// directory yet) or something to warn about (a dangling link, a file, no permission).
    enum PathState: Equatable {
        /// A directory (a symbolic link to one counts).
        case directory
        /// Nothing at all.
        case missing
        /// A symbolic link whose target does not exist.
        case danglingSymlink
        /// Something that is not a directory.
        case notADirectory
        /// The system would not say, with its reason (`Permission denied`, …).
        case inaccessible(String)

        /// What is at `path`.
        init(of path: String) {
            var info = stat()
            if stat(path, &info) == 0 {
                self = (info.st_mode & S_IFMT) == S_IFDIR ? .directory : .notADirectory
                return
            }
            let error = errno
            switch error {
            case ENOENT:
                var link = stat()
                self = lstat(path, &link) == 0 ? .danglingSymlink : .missing
            case ENOTDIR:
                self = .notADirectory
            default:
                self = .inaccessible(String(cString: strerror(error)))
            }
        }
    }

    /// The warning for a corpus directory at `path` in `state`, or `nil` when there is nothing to
    /// say. A missing check directory is normal (nothing saved yet); a missing root is not: the
    /// corpus was looked for in the wrong place.
    static func warning(for path: String, state: PathState, isRoot: Bool) -> CheckWarning? {
        let nothing = "no saved case was replayed"
        switch state {
        case .directory:
            return nil
        case .missing:
            guard isRoot else { return nil }
            let relative = !path.hasPrefix("/") ? " (relative to the working directory, \(FileManager.default.currentDirectoryPath))" : ""
            return CheckWarning(.corpusMissing, path: path, "the corpus directory \(path) does not exist\(relative); \(nothing)")
        case .danglingSymlink:
            return CheckWarning(.corpusUnreadable, path: path, "the corpus directory \(path) is a symbolic link to nothing; \(nothing)")
        case .notADirectory:
            return CheckWarning(.corpusUnreadable, path: path, "the corpus directory \(path) is not a directory; \(nothing)")
        case .inaccessible(let reason):
            return CheckWarning(.corpusUnreadable, path: path, "the corpus directory \(path) cannot be read (\(reason)); \(nothing)")
        }
    }
}
