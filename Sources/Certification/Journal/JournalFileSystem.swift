#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
import TradingMachines

/// The state files' file-system seam (`StateFileSystem`) with the two operations an append-only
/// journal needs besides: opening a file for appending, and cutting a torn tail off it.
///
/// A refinement, so nothing changes for the state stores or their test doubles: a journal takes
/// a `JournalFileSystem`, the stores keep taking a `StateFileSystem`. `POSIXFileSystem` is both.
/// A test double (the crash tests' simulated disk) fails or kills any step, and loses what was
/// never synced, to show what survives.
public protocol JournalFileSystem: StateFileSystem {
    /// Opens `path` for writing at its end, creating it empty if it does not exist
    /// (`O_WRONLY | O_CREAT | O_APPEND`). A new file's directory entry is durable only after
    /// `syncDirectory`.
    func openForAppend(atPath path: String) throws(FileSystemFailure) -> FileHandleID
    /// Cuts an open file to `length` bytes (`ftruncate`); durable after `sync`.
    func truncate(_ handle: FileHandleID, toLength length: Int) throws(FileSystemFailure)
}

extension POSIXFileSystem: JournalFileSystem {
    public func openForAppend(atPath path: String) throws(FileSystemFailure) -> FileHandleID {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileSystemFailure(operation: "open", path: path, errno: errno) }
        return FileHandleID(rawValue: fd)
    }

    public func truncate(_ handle: FileHandleID, toLength length: Int) throws(FileSystemFailure) {
        guard length >= 0, ftruncate(handle.rawValue, off_t(length)) == 0 else {
            throw FileSystemFailure(operation: "ftruncate", path: "fd \(handle.rawValue)", errno: length < 0 ? EINVAL : errno)
        }
    }
}
