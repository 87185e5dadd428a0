#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The file operations an atomic state write is made of, injectable so tests can fail each step.
///
/// The default is `POSIXFileSystem`. A test double can fail at any step (or write half the bytes
/// and then fail) to show that the previous file survives.
public protocol StateFileSystem: Sendable {
    /// The whole contents of a file, or `nil` if it does not exist.
    func readFile(atPath path: String) throws(FileSystemFailure) -> [UInt8]?
    /// Creates a new file that must not exist yet, open for writing.
    func createExclusive(atPath path: String) throws(FileSystemFailure) -> FileHandleID
    /// Writes all the bytes to an open file.
    func write(_ bytes: [UInt8], to handle: FileHandleID) throws(FileSystemFailure)
    /// Flushes an open file to stable storage (fsync).
    func sync(_ handle: FileHandleID) throws(FileSystemFailure)
    /// Closes an open file.
    func close(_ handle: FileHandleID) throws(FileSystemFailure)
    /// Atomically replaces `destination` by `source`.
    func rename(_ source: String, to destination: String) throws(FileSystemFailure)
    /// Flushes a directory's entries to stable storage, making a rename durable.
    func syncDirectory(atPath path: String) throws(FileSystemFailure)
    /// Removes a file, ignoring failures (cleanup of a temporary file).
    func removeFile(atPath path: String)
    /// Whether `path` names an existing directory: a state file missing from an existing
    /// directory is a first start; a missing directory is a misconfiguration, said so.
    func directoryExists(atPath path: String) -> Bool
}

extension StateFileSystem {
    /// The POSIX answer, for test doubles that only fail the write steps.
    public func directoryExists(atPath path: String) -> Bool { POSIXFileSystem().directoryExists(atPath: path) }
}

/// An open file of a `StateFileSystem`.
public struct FileHandleID: Hashable, Sendable {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
}

/// A failed file operation: which, on what, and the `errno`.
public struct FileSystemFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public var operation: String
    public var path: String
    public var errno: Int32

    public init(operation: String, path: String, errno: Int32) {
        self.operation = operation
        self.path = path
        self.errno = errno
    }

    public var description: String { "\(operation)(\(path)) failed: \(String(cString: strerror(errno))) (errno \(errno))" }
}
