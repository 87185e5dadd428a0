#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `StateFileSystem` on POSIX calls: open, read, write, fsync, close, rename, unlink.
public struct POSIXFileSystem: StateFileSystem {
    /// The largest state file read (64 MiB): a state file holds its machine's transition
    /// history, about 60 bytes a transition, so this is a million transitions; a longer file (a
    /// log put in its place, `/dev/zero`) is refused (`EFBIG`) rather than read without bound.
    public static let maxStateFileBytes = 1 << 26

    public init() {}

    public func directoryExists(atPath path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    public func readFile(atPath path: String) throws(FileSystemFailure) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw FileSystemFailure(operation: "open", path: path, errno: errno)
        }
        defer { _ = posixClose(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileSystemFailure(operation: "read", path: path, errno: errno)
            }
            if count == 0 { return result }
            guard result.count + count <= Self.maxStateFileBytes else { throw FileSystemFailure(operation: "read", path: path, errno: EFBIG) }
            result.append(contentsOf: chunk[0..<count])
        }
    }

    public func createExclusive(atPath path: String) throws(FileSystemFailure) -> FileHandleID {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileSystemFailure(operation: "open", path: path, errno: errno) }
        return FileHandleID(rawValue: fd)
    }

    public func write(_ bytes: [UInt8], to handle: FileHandleID) throws(FileSystemFailure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { preconditionFailure("bytes remain, so the buffer has a base address") }
                return posixWrite(handle.rawValue, base + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw FileSystemFailure(operation: "write", path: "fd \(handle.rawValue)", errno: errno)
            }
            offset += written
        }
    }

    public func sync(_ handle: FileHandleID) throws(FileSystemFailure) {
        guard fsync(handle.rawValue) == 0 else {
            throw FileSystemFailure(operation: "fsync", path: "fd \(handle.rawValue)", errno: errno)
        }
    }

    public func close(_ handle: FileHandleID) throws(FileSystemFailure) {
        guard posixClose(handle.rawValue) == 0 else {
            throw FileSystemFailure(operation: "close", path: "fd \(handle.rawValue)", errno: errno)
        }
    }

    public func rename(_ source: String, to destination: String) throws(FileSystemFailure) {
        guard posixRename(source, destination) == 0 else {
            throw FileSystemFailure(operation: "rename", path: "\(source) → \(destination)", errno: errno)
        }
    }

    public func syncDirectory(atPath path: String) throws(FileSystemFailure) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw FileSystemFailure(operation: "open", path: path, errno: errno) }
        defer { _ = posixClose(fd) }
        guard fsync(fd) == 0 else { throw FileSystemFailure(operation: "fsync", path: path, errno: errno) }
    }

    public func removeFile(atPath path: String) {
        _ = unlink(path)
    }
}

// The struct's own method names shadow the C functions; these reach the C ones.
private func posixClose(_ fd: Int32) -> Int32 { close(fd) }
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { write(fd, buffer, count) }
private func posixRename(_ source: String, _ destination: String) -> Int32 { rename(source, destination) }
