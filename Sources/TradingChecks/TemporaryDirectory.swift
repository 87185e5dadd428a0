import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A per-case directory for state files, on a memory file system when there is one (`/dev/shm`
/// on Linux) so that the `restart` command's real writes, syncs and renames stay cheap.
///
/// Made and removed with plain `mkdir`, `unlink` and `rmdir`: a case that restarts pays for its
/// directory, and `FileManager`'s recursive removal cost more than the restarts themselves.
struct TemporaryDirectory {
    let path: String

    /// `/dev/shm` when writable, else the system's temporary directory.
    private static let base: String = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : NSTemporaryDirectory()
    /// Distinguishes the directories of one process (the process id, those of others).
    private static let counter = Atomic<UInt64>(0)

    init(prefix: String) {
        let serial = Self.counter.wrappingAdd(1, ordering: .relaxed).newValue
        path = (Self.base as NSString).appendingPathComponent("stresscheck-\(prefix)-\(getpid())-\(serial)")
        // A failure is left to the store: its first write fails with a `PersistenceError` naming
        // the path.
        _ = mkdir(path, 0o700)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// Removes the files named and the directory; anything else left in it (never seen: the
    /// atomic store removes its temporary files) is removed recursively.
    func remove(files: [String]) {
        for name in files { unlink(file(name)) }
        if rmdir(path) != 0 && errno != ENOENT { try? FileManager.default.removeItem(atPath: path) }
    }
}
