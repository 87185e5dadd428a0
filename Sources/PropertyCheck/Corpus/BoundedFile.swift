#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading at most a given number of bytes of a file: the one reader of inputs, for the corpus
/// (`Corpus`) and for the command line (`replay`, `minimize`, `merge`). An input is short, and a
/// path to `/dev/zero`, a log or a huge file must not be read without bound.
public enum BoundedFile {
    /// What reading a file gave: its bytes (at most the limit asked for, and whether the file is
    /// longer), or why it could not be read.
    public enum Read: Equatable, Sendable {
        case bytes([UInt8], truncated: Bool)
        /// A FIFO, a device, a socket, when only regular files were asked for: reading it could
        /// block or never end, so it is not read.
        case notARegularFile
        /// The system's reason (`Permission denied`, …).
        case unreadable(String)
    }

    /// At most `limit` bytes of the file at `path`; one more is read to know whether it is
    /// longer. With `regularFilesOnly` (a corpus directory, read unattended) anything but a
    /// regular file is refused without waiting for a writer; without it (a path a person typed:
    /// `<(…)`, `/dev/stdin`) any file is read, up to the limit.
    public static func read(_ path: String, limit: Int, regularFilesOnly: Bool) -> Read {
        let descriptor = open(path, regularFilesOnly ? O_RDONLY | O_NONBLOCK : O_RDONLY)
        guard descriptor >= 0 else { return .unreadable(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        if regularFilesOnly {
            var info = stat()
            guard fstat(descriptor, &info) == 0 else { return .unreadable(String(cString: strerror(errno))) }
            guard (info.st_mode & S_IFMT) == S_IFREG else { return .notARegularFile }
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: Swift.min(64 * 1024, Swift.max(limit + 1, 1)))
        while bytes.count <= limit {
            let wanted = Swift.min(chunk.count, limit + 1 - bytes.count)
            let count = chunk.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                #if canImport(Glibc)
                    return Glibc.read(descriptor, base, wanted)
                #else
                    return Darwin.read(descriptor, base, wanted)
                #endif
            }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return .unreadable(String(cString: strerror(errno))) }
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        return bytes.count > limit ? .bytes(Array(bytes.prefix(limit)), truncated: true) : .bytes(bytes, truncated: false)
    }
}
