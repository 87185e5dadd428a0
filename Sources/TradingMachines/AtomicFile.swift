import Synchronization

/// Writes a file so that a reader sees either the old contents or the new, never a mix.
///
/// Steps: create a temporary file in the same directory, write, fsync, close, rename over the
/// target, fsync the directory. A failure before the rename removes the temporary file and leaves
/// the previous file untouched.
struct AtomicFile: Sendable {
    let path: String
    let fileSystem: any StateFileSystem
    /// A deliberate bug for the bug zoo; `.none` in production.
    var mutation: StateWriteMutation = .none
    /// The directory holding the file (`.` for a bare name), found once: every write syncs it,
    /// and searching the path by `Character` on each write cost more than the write itself on
    /// the in-memory file system of the checks.
    let directory: String
    /// `<path>.tmp-`, the start of every temporary file's name.
    let temporaryPrefix: String

    /// Distinguishes temporary files of concurrent writers in one process.
    private static let counter = Atomic<UInt64>(0)

    init(path: String, fileSystem: any StateFileSystem, mutation: StateWriteMutation = .none) {
        self.path = path
        self.fileSystem = fileSystem
        self.mutation = mutation
        directory = Self.directory(of: path)
        temporaryPrefix = path + ".tmp-"
    }

    /// The directory part of `path`: what precedes its last `/` (`/` itself for a file at the
    /// root), or `.` when it has none.
    static func directory(of path: String) -> String {
        let utf8 = path.utf8
        guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == utf8.startIndex ? "/" : String(path[..<slash])
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
        switch mutation {
        case .none: break
        case .inPlace: return try writeInPlace(bytes)
        case .swallowsErrors:
            var correct = self
            correct.mutation = .none
            try? correct.write(bytes)
            return
        }
        let serial = Self.counter.wrappingAdd(1, ordering: .relaxed).newValue
        let temporary = Self.temporaryName(prefix: temporaryPrefix, processID: UInt64(UInt32(bitPattern: processID())), serial: serial)
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

    /// `<prefix><pid>-<serial>`, written into one new string: appending the pieces to the
    /// prefix reallocated the string at each one, three times a save.
    static func temporaryName(prefix: String, processID: UInt64, serial: UInt64) -> String {
        var prefix = prefix
        return prefix.withUTF8 { head in
            // Two 64-bit numbers in decimal are at most 40 digits, and one dash.
            String(unsafeUninitializedCapacity: head.count + 41) { buffer in
                var end = buffer.initialize(fromContentsOf: head)
                end = appendDecimal(processID, to: buffer, at: end)
                buffer[end] = UInt8(ascii: "-")
                return appendDecimal(serial, to: buffer, at: end + 1)
            }
        }
    }

    /// Writes `value` in decimal at `start`; returns the index after its last digit.
    private static func appendDecimal(_ value: UInt64, to buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        var digits = 1
        var rest = value / 10
        while rest != 0 {
            digits += 1
            rest /= 10
        }
        var value = value
        for index in stride(from: start + digits - 1, through: start, by: -1) {
            buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        }
        return start + digits
    }

    /// The bug zoo's non-atomic write: the file itself is replaced, step by step, so a crash
    /// midway leaves it missing or torn.
    private func writeInPlace(_ bytes: [UInt8]) throws(PersistenceError) {
        var step = WriteStep.createTemporary
        do throws(FileSystemFailure) {
            fileSystem.removeFile(atPath: path)
            let handle = try fileSystem.createExclusive(atPath: path)
            step = .write
            try fileSystem.write(bytes, to: handle)
            step = .sync
            try fileSystem.sync(handle)
            step = .close
            try fileSystem.close(handle)
        } catch {
            throw PersistenceError(path: path, kind: .writeFailed(step, error.errno))
        }
    }
}

/// Broken ways to write a state file, for the bug zoo: `.none` in production.
@_spi(BugZoo) public enum StateWriteMutation: Sendable {
    case none
    /// Writes the file in place instead of through a temporary file and a rename.
    case inPlace
    /// Reports success whatever a step of the write did.
    case swallowsErrors
}
