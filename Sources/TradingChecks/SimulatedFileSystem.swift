import Synchronization
import TradingMachines
import TradingModels

/// An in-memory, deterministic file system behind production's `StateFileSystem` seam, where the
/// persisted machines' checks strike a save with a fault: an error at one step, a kill at one
/// step, or a torn file afterwards.
///
/// Durability is immediate (what a write wrote is on "disk"); a kill is the process dying at a
/// step: that step does not complete (a killed write has written half its bytes), nothing after
/// it runs, and a dead process does not clean up its temporary file. Production's POSIX file
/// system has its own tests (`TradingMachinesTests`); here the atomic-write protocol, the codec
/// and the machines meet faults thousands of times a second without touching the disk.
final class SimulatedFileSystem: StateFileSystem {
    /// The one directory state files live in.
    static let directory = "/stresscheck-state"

    private struct Disk: Sendable {
        var files = SmallTable<String, [UInt8]>()
        var open = SmallTable<Int32, String>()
        var nextHandle: Int32 = 3
        var fault: PersistenceFault?
        var dead = false
    }

    private let disk = Mutex(Disk())

    /// The path of a state file named `name`.
    static func path(_ name: String) -> String { directory + "/" + name }

    /// Makes the next matching step of a save fail or die (`.stateFileTorn` is `tear(_:)`'s).
    func arm(_ fault: PersistenceFault) { disk.withLock { $0.fault = fault } }

    /// The process has restarted: open files are gone, and no fault is pending.
    func restartProcess() {
        disk.withLock { disk in
            disk.open.removeAll()
            disk.fault = nil
            disk.dead = false
        }
    }

    /// Keeps the first half of the file (a torn sector): a JSON document then lacks its end.
    func tear(_ path: String) {
        disk.withLock { disk in
            guard let bytes = disk.files[path] else { return }
            disk.files[path] = Array(bytes.prefix(bytes.count / 2))
        }
    }

    /// The contents of `path`, for tests.
    func contents(_ path: String) -> [UInt8]? { disk.withLock { $0.files[path] } }

    /// Every file on the disk, for tests (temporary files a killed save left behind included).
    var paths: [String] { disk.withLock { $0.files.keys.sorted() } }

    /// Runs one step: a dead process does nothing; an armed fault at `step` strikes once, after
    /// `partial` (what the step gets done before it stops: half a write).
    private func step(
        _ step: SaveStep, _ path: String, partial: (inout Disk) -> Void = { _ in },
        _ body: (inout Disk) throws(FileSystemFailure) -> Void
    ) throws(FileSystemFailure) {
        try disk.withLock { (disk: inout Disk) throws(FileSystemFailure) in
            if disk.dead { throw FileSystemFailure(operation: step.rawValue, path: path, errno: 4) }  // EINTR: never seen by a live process
            switch disk.fault {
            case .saveFails(step)?:
                disk.fault = nil
                partial(&disk)
                throw FileSystemFailure(operation: step.rawValue, path: path, errno: step == .write ? 28 : 5)  // ENOSPC, EIO
            case .killedDuringSave(step)?:
                disk.fault = nil
                disk.dead = true
                partial(&disk)
                throw FileSystemFailure(operation: step.rawValue, path: path, errno: 4)
            default:
                try body(&disk)
            }
        }
    }

    func readFile(atPath path: String) throws(FileSystemFailure) -> [UInt8]? {
        disk.withLock { $0.files[path] }
    }

    func createExclusive(atPath path: String) throws(FileSystemFailure) -> FileHandleID {
        var handle: Int32 = 0
        try step(.createTemporary, path) { disk throws(FileSystemFailure) in
            guard disk.files[path] == nil else { throw FileSystemFailure(operation: "open", path: path, errno: 17) }  // EEXIST
            disk.files[path] = []
            handle = disk.nextHandle
            disk.nextHandle += 1
            disk.open[handle] = path
        }
        return FileHandleID(rawValue: handle)
    }

    func write(_ bytes: [UInt8], to handle: FileHandleID) throws(FileSystemFailure) {
        let path = disk.withLock { $0.open[handle.rawValue] } ?? "?"
        try step(
            .write, path,
            partial: { disk in
                disk.files.append(bytes.prefix(bytes.count / 2), to: path)
            }
        ) { disk throws(FileSystemFailure) in
            guard disk.open[handle.rawValue] != nil else { throw FileSystemFailure(operation: "write", path: path, errno: 9) }  // EBADF
            disk.files.append(bytes, to: path)
        }
    }

    func sync(_ handle: FileHandleID) throws(FileSystemFailure) {
        let path = disk.withLock { $0.open[handle.rawValue] } ?? "?"
        try step(.sync, path) { disk throws(FileSystemFailure) in
            guard disk.open[handle.rawValue] != nil else { throw FileSystemFailure(operation: "fsync", path: path, errno: 9) }
        }
    }

    func close(_ handle: FileHandleID) throws(FileSystemFailure) {
        let path = disk.withLock { $0.open[handle.rawValue] } ?? "?"
        // A failed close still releases the descriptor, as POSIX close does.
        try step(.close, path, partial: { $0.open[handle.rawValue] = nil }) { disk throws(FileSystemFailure) in
            guard disk.open.removeValue(forKey: handle.rawValue) != nil else { throw FileSystemFailure(operation: "close", path: path, errno: 9) }
        }
    }

    func rename(_ source: String, to destination: String) throws(FileSystemFailure) {
        try step(.rename, destination) { disk throws(FileSystemFailure) in
            guard let bytes = disk.files.removeValue(forKey: source) else { throw FileSystemFailure(operation: "rename", path: source, errno: 2) }
            disk.files[destination] = bytes
        }
    }

    func syncDirectory(atPath path: String) throws(FileSystemFailure) {
        try step(.syncDirectory, path) { disk throws(FileSystemFailure) in
            guard path == Self.directory else { throw FileSystemFailure(operation: "fsync", path: path, errno: 2) }
        }
    }

    func removeFile(atPath path: String) {
        disk.withLock { disk in
            if !disk.dead { disk.files[path] = nil }
        }
    }

    func directoryExists(atPath path: String) -> Bool { path == Self.directory }
}

/// A few keys and their values, in a list searched in order. The simulated disk holds a handful
/// of files at most (each machine's state file and, during a save, its temporary file) and one
/// open descriptor at a time; a dictionary hashed the whole path on every operation of every
/// save, and the descriptors' one was allocated again after every restart.
private struct SmallTable<Key: Equatable & Sendable, Value: Sendable>: Sendable {
    private var entries: [(key: Key, value: Value)] = []

    /// The keys, in insertion order.
    var keys: [Key] { entries.map(\.key) }

    /// The value of `key`; setting `nil` removes it.
    subscript(key: Key) -> Value? {
        get { entries.first { $0.key == key }?.value }
        set {
            let index = entries.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let index?, let value?): entries[index].value = value
            case (let index?, nil): entries.remove(at: index)
            case (nil, let value?): entries.append((key, value))
            case (nil, nil): break
            }
        }
    }

    /// Removes `key`, returning its value (`nil` if it was absent).
    mutating func removeValue(forKey key: Key) -> Value? {
        guard let index = entries.firstIndex(where: { $0.key == key }) else { return nil }
        return entries.remove(at: index).value
    }

    /// Removes every key, keeping the list's storage.
    mutating func removeAll() { entries.removeAll(keepingCapacity: true) }
}

extension SmallTable where Value == [UInt8] {
    /// Appends to a file (created empty if missing), in place.
    mutating func append(_ bytes: some Sequence<UInt8>, to key: Key) {
        guard let index = entries.firstIndex(where: { $0.key == key }) else {
            entries.append((key, Array(bytes)))
            return
        }
        entries[index].value.append(contentsOf: bytes)
    }
}
