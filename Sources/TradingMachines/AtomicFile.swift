import Synchronization

/// Writes a file so that a reader sees either the old contents or the new, never a mix.
///
/// Steps: create a temporary file in the same directory, write, fsync, close, rename over the
/// target, fsync the directory. A failure before the rename removes the temporary file and leaves
/// the previous file untouched.
struct AtomicFile: Sendable {
    let path: String
    let fileSystem: any StateFileSystem

    /// Distinguishes temporary files of concurrent writers in one process.
    private static let counter = Atomic<UInt64>(0)

    /// The directory holding the file (`.` for a bare name).
    var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The contents, or `nil` if the file does not exist.
    func read() throws(PersistenceError) -> [UInt8]? {
        do throws(FileSystemFailure) {
            return try fileSystem.readFile(atPath: path)
        } catch {
            throw PersistenceError(path: path, kind: .unreadable(error.errno))
        }
    }

    /// Replaces the file's contents atomically.
    func write(_ bytes: [UInt8]) throws(PersistenceError) {
        let serial = Self.counter.wrappingAdd(1, ordering: .relaxed).newValue
        let temporary = "\(path).tmp-\(processID())-\(serial)"
        var step = WriteStep.createTemporary
        var created = false
        do throws(FileSystemFailure) {
            let handle = try fileSystem.createExclusive(atPath: temporary)
            created = true
            do throws(FileSystemFailure) {
                step = .write
                try fileSystem.write(bytes, to: handle)
                step = .sync
                try fileSystem.sync(handle)
            } catch {
                try? fileSystem.close(handle)
                throw error
            }
            step = .close
            try fileSystem.close(handle)
            step = .rename
            try fileSystem.rename(temporary, to: path)
            created = false
            step = .syncDirectory
            try fileSystem.syncDirectory(atPath: directory)
        } catch {
            if created { fileSystem.removeFile(atPath: temporary) }
            throw PersistenceError(path: path, kind: .writeFailed(step, error.errno))
        }
    }
}
