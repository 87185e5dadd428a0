import Certification
import Synchronization
import TradingMachines

/// An in-memory disk behind `JournalFileSystem` that keeps, per file, what was written and what
/// was last fsynced, and can kill the process or fail at any numbered operation.
///
/// Operations are numbered from 0 in the order they are called (open for append, create,
/// write, fsync, truncate, directory fsync, close, rename; not remove): the write points of the crash
/// tests. A kill stops the process at that operation — a write writes half its bytes first —
/// and every later operation fails. `crash(losing:)` then decides what reached the platter,
/// and restarts the process.
final class CrashingDisk: JournalFileSystem {
    static let directory = "/journal"
    static let path = directory + "/transactions.journal"

    /// What a crash loses.
    enum Loss: CaseIterable, CustomStringConvertible {
        /// A process kill: everything written is in the kernel and survives.
        case nothing
        /// A power loss: each file reverts to what its last fsync made durable; a file whose
        /// directory entry was never synced disappears.
        case unsynced
        /// A power loss midway: half of what was written since the last fsync survives.
        case halfOfUnsynced

        var description: String {
            switch self {
            case .nothing: "process kill"
            case .unsynced: "power loss"
            case .halfOfUnsynced: "power loss, half flushed"
            }
        }
    }

    private struct File {
        var content: [UInt8] = []
        var synced: [UInt8] = []
        var entryDurable = false
        /// For a file renamed over another and not yet made durable by a directory fsync: the
        /// durable contents the name held before (nil: it named nothing). A power loss then
        /// gives the name back its old file.
        var replaced: [UInt8]?? = .none
    }

    private struct State {
        var files: [String: File] = [:]
        var open: [Int32: String] = [:]
        var nextHandle: Int32 = 3
        var operations = 0
        var killAt: Int?
        var failAt: Int?
        var dead = false
    }

    private let state = Mutex(State())

    /// Operations run so far.
    var operations: Int { state.withLock { $0.operations } }
    var isDead: Bool { state.withLock { $0.dead } }

    /// Kills the process at operation number `operation`.
    func kill(at operation: Int) { state.withLock { $0.killAt = operation } }
    /// Fails operation number `operation` with an error (ENOSPC for a write, after half of it;
    /// EIO otherwise); the process lives on.
    func fail(at operation: Int) { state.withLock { $0.failAt = operation } }

    /// The crash: applies `loss`, forgets open files and pending faults, and restarts.
    func crash(losing loss: Loss) {
        state.withLock { state in
            for (path, file) in state.files {
                switch loss {
                case .nothing:
                    continue
                case .unsynced, .halfOfUnsynced:
                    guard file.entryDurable else {
                        if case .some(.some(let previous)) = file.replaced {
                            state.files[path] = File(content: previous, synced: previous, entryDurable: true)
                        } else {
                            state.files[path] = nil
                        }
                        continue
                    }
                    var survived = file.synced
                    if loss == .halfOfUnsynced, file.content.starts(with: file.synced) {
                        let unsynced = file.content[file.synced.count...]
                        survived += unsynced.prefix(unsynced.count / 2)
                    }
                    state.files[path] = File(content: survived, synced: survived, entryDurable: true)
                }
            }
            state.open = [:]
            state.killAt = nil
            state.failAt = nil
            state.dead = false
        }
    }

    /// The visible contents of `path`.
    func contents(_ path: String = CrashingDisk.path) -> [UInt8]? { state.withLock { $0.files[path]?.content } }

    /// Replaces a file's contents, durably (a corruption test's bit rot).
    func replace(_ path: String = CrashingDisk.path, with bytes: [UInt8]) {
        state.withLock { $0.files[path] = File(content: bytes, synced: bytes, entryDurable: true) }
    }

    private enum Outcome { case run, fail, kill }

    /// Numbers the operation and says whether it runs, fails or dies.
    private func begin(_ name: String, _ path: String) throws(FileSystemFailure) -> Outcome {
        try state.withLock { (state: inout State) throws(FileSystemFailure) -> Outcome in
            if state.dead { throw FileSystemFailure(operation: name, path: path, errno: 4) }
            let number = state.operations
            state.operations += 1
            if state.killAt == number {
                state.dead = true
                return .kill
            }
            return state.failAt == number ? .fail : .run
        }
    }

    private func path(of handle: FileHandleID) -> String { state.withLock { $0.open[handle.rawValue] } ?? "?" }

    func readFile(atPath path: String) throws(FileSystemFailure) -> [UInt8]? {
        try state.withLock { (state: inout State) throws(FileSystemFailure) -> [UInt8]? in
            if state.dead { throw FileSystemFailure(operation: "read", path: path, errno: 4) }
            return state.files[path]?.content
        }
    }

    func directoryExists(atPath path: String) -> Bool { path == Self.directory }

    func openForAppend(atPath path: String) throws(FileSystemFailure) -> FileHandleID {
        switch try begin("open", path) {
        case .kill: throw FileSystemFailure(operation: "open", path: path, errno: 4)
        case .fail: throw FileSystemFailure(operation: "open", path: path, errno: 5)
        case .run:
            return state.withLock { state in
                if state.files[path] == nil { state.files[path] = File() }
                let handle = state.nextHandle
                state.nextHandle += 1
                state.open[handle] = path
                return FileHandleID(rawValue: handle)
            }
        }
    }

    func createExclusive(atPath path: String) throws(FileSystemFailure) -> FileHandleID {
        switch try begin("open", path) {
        case .kill: throw FileSystemFailure(operation: "open", path: path, errno: 4)
        case .fail: throw FileSystemFailure(operation: "open", path: path, errno: 5)
        case .run:
            return try state.withLock { (state: inout State) throws(FileSystemFailure) -> FileHandleID in
                guard state.files[path] == nil else { throw FileSystemFailure(operation: "open", path: path, errno: 17) }
                state.files[path] = File()
                let handle = state.nextHandle
                state.nextHandle += 1
                state.open[handle] = path
                return FileHandleID(rawValue: handle)
            }
        }
    }

    func write(_ bytes: [UInt8], to handle: FileHandleID) throws(FileSystemFailure) {
        let path = path(of: handle)
        let outcome = try begin("write", path)
        try state.withLock { (state: inout State) throws(FileSystemFailure) in
            guard let file = state.open[handle.rawValue] else { throw FileSystemFailure(operation: "write", path: path, errno: 9) }
            switch outcome {
            case .run:
                state.files[file]?.content += bytes
            case .fail, .kill:
                state.files[file]?.content += bytes.prefix(bytes.count / 2)
                throw FileSystemFailure(operation: "write", path: path, errno: outcome == .fail ? 28 : 4)
            }
        }
    }

    func sync(_ handle: FileHandleID) throws(FileSystemFailure) {
        let path = path(of: handle)
        let outcome = try begin("fsync", path)
        try state.withLock { (state: inout State) throws(FileSystemFailure) in
            guard let file = state.open[handle.rawValue] else { throw FileSystemFailure(operation: "fsync", path: path, errno: 9) }
            guard outcome == .run else { throw FileSystemFailure(operation: "fsync", path: path, errno: outcome == .fail ? 5 : 4) }
            if let content = state.files[file]?.content { state.files[file]?.synced = content }
        }
    }

    func truncate(_ handle: FileHandleID, toLength length: Int) throws(FileSystemFailure) {
        let path = path(of: handle)
        let outcome = try begin("ftruncate", path)
        try state.withLock { (state: inout State) throws(FileSystemFailure) in
            guard let file = state.open[handle.rawValue] else { throw FileSystemFailure(operation: "ftruncate", path: path, errno: 9) }
            guard outcome == .run else { throw FileSystemFailure(operation: "ftruncate", path: path, errno: outcome == .fail ? 5 : 4) }
            if let content = state.files[file]?.content { state.files[file]?.content = Array(content.prefix(length)) }
        }
    }

    func syncDirectory(atPath path: String) throws(FileSystemFailure) {
        let outcome = try begin("fsync", path)
        try state.withLock { (state: inout State) throws(FileSystemFailure) in
            guard outcome == .run else { throw FileSystemFailure(operation: "fsync", path: path, errno: outcome == .fail ? 5 : 4) }
            for name in state.files.keys where name.hasPrefix(path + "/") {
                state.files[name]?.entryDurable = true
                state.files[name]?.replaced = .none
            }
        }
    }

    func close(_ handle: FileHandleID) throws(FileSystemFailure) {
        let path = path(of: handle)
        let outcome = try begin("close", path)
        try state.withLock { (state: inout State) throws(FileSystemFailure) in
            // A failed close still releases the descriptor, as POSIX close does.
            guard state.open.removeValue(forKey: handle.rawValue) != nil else { throw FileSystemFailure(operation: "close", path: path, errno: 9) }
            guard outcome == .run else { throw FileSystemFailure(operation: "close", path: path, errno: outcome == .fail ? 5 : 4) }
        }
    }

    /// Atomic: the name `destination` is the source's file from now on, and its old file is gone
    /// for a process kill; a power loss before the directory's fsync gives it back its old file.
    /// Killed at, it does not happen.
    func rename(_ source: String, to destination: String) throws(FileSystemFailure) {
        let outcome = try begin("rename", source)
        try state.withLock { (state: inout State) throws(FileSystemFailure) in
            guard outcome == .run else { throw FileSystemFailure(operation: "rename", path: source, errno: outcome == .fail ? 5 : 4) }
            guard var file = state.files.removeValue(forKey: source) else { throw FileSystemFailure(operation: "rename", path: source, errno: 2) }
            let previous = state.files[destination]
            file.replaced = .some(previous.flatMap { $0.entryDurable ? $0.synced : nil })
            file.entryDurable = false
            state.files[destination] = file
            for (handle, name) in state.open where name == source { state.open[handle] = destination }
        }
    }

    func removeFile(atPath path: String) {
        state.withLock { state in
            if !state.dead { state.files[path] = nil }
        }
    }
}
