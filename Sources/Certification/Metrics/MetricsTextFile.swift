#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes exposition text for the node exporter's textfile collector, which reads every `*.prom`
/// file of its directory on each scrape: the text goes to a temporary file in the same directory
/// (a name that does not end in `.prom`, so the collector never reads it), is flushed to disk, and
/// then renamed over the target. A reader sees the old file or the new one, never a part of either.
public enum MetricsTextFile {
    /// Writes `text` to `path` atomically, then syncs the directory so the rename is durable.
    /// On any failure the temporary file is removed and the previous file at `path` is untouched.
    /// - Throws: ``MetricsFileError`` naming `path` and the system's reason.
    public static func write(_ text: String, to path: String) throws(MetricsFileError) {
        let directory = Self.directory(of: path)
        let temporary = temporaryPath(for: path)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotCreateTemporaryFile(path: path, temporary: temporary, reason: errorText()) }
        let bytes = Array(text.utf8)
        var written = 0
        var failure: MetricsFileError?
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                #if canImport(Glibc)
                    Glibc.write(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
                #else
                    Darwin.write(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
                #endif
            }
            if count < 0 {
                if errno == EINTR { continue }
                failure = .writeFailed(path: path, reason: errorText())
                break
            }
            written += count
        }
        if failure == nil, fsync(descriptor) != 0 { failure = .writeFailed(path: path, reason: errorText()) }
        if close(descriptor) != 0, failure == nil { failure = .writeFailed(path: path, reason: errorText()) }
        if let failure {
            unlink(temporary)
            throw failure
        }
        guard rename(temporary, path) == 0 else {
            let reason = errorText()
            unlink(temporary)
            throw .renameFailed(path: path, reason: reason)
        }
        // Make the rename itself durable; a directory that cannot be opened for this is not an error.
        let directoryDescriptor = open(directory, O_RDONLY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// The directory part of `path` (`.` for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// A unique name next to `path`: hidden, with the process id and a random suffix, ending `.tmp`.
    static func temporaryPath(for path: String) -> String {
        let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        let prefix = path.lastIndex(of: "/").map { String(path[...$0]) } ?? ""
        return "\(prefix).\(name).\(getpid()).\(UInt64.random(in: 0...UInt64.max)).tmp"
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}

/// The metrics file could not be written; `path` is the target the caller asked for.
public enum MetricsFileError: Error, Hashable, Sendable, CustomStringConvertible {
    case cannotCreateTemporaryFile(path: String, temporary: String, reason: String)
    case writeFailed(path: String, reason: String)
    case renameFailed(path: String, reason: String)

    /// The target path the error is about.
    public var path: String {
        switch self {
        case .cannotCreateTemporaryFile(let path, _, _), .writeFailed(let path, _), .renameFailed(let path, _): path
        }
    }

    public var description: String {
        switch self {
        case .cannotCreateTemporaryFile(let path, let temporary, let reason): "cannot write metrics to \(path): cannot create \(temporary): \(reason)"
        case .writeFailed(let path, let reason): "cannot write metrics to \(path): \(reason)"
        case .renameFailed(let path, let reason): "cannot write metrics to \(path): cannot rename the temporary file into place: \(reason)"
        }
    }
}
