/// A snapshot that a `StateStore` can persist.
///
/// The store reads and writes files with its own JSON codec (`StateJSON`), not Foundation's:
/// a snapshot maps itself to and from a `StateJSON` value, in the shape Swift's synthesized
/// `Codable` would give it, so that files written by `JSONEncoder` still load and files written
/// now are the same bytes.
public protocol PersistableSnapshot: Sendable, Equatable {
    /// The `format` field of the file, which tells this kind of file from any other.
    static var format: String { get }
    /// The documented default when the file does not exist.
    static var initial: Self { get }
    /// Consistency rules the snapshot breaks; a file whose snapshot breaks any is corrupted.
    func violations() -> [String]
    /// Appends the snapshot as JSON (the `snapshot` member of the file), in the bytes
    /// `JSONEncoder` with `.sortedKeys` writes for it.
    func writeJSON(into output: inout [UInt8])
    /// Reads the snapshot from JSON; errors give the path inside the snapshot.
    init(stateJSON: StateJSON) throws(StateJSONError)
    /// Reads exactly the bytes `writeJSON` writes; `nil` for anything else (see
    /// `CanonicalStateReader`).
    init?(canonicalJSON reader: inout CanonicalStateReader)
}

extension SuperStateSnapshot: PersistableSnapshot {
    public static let format = "stresscheck.super-state"
}

extension TradingModeSnapshot: PersistableSnapshot {
    public static let format = "stresscheck.trading-mode"
}

/// Saves and loads one machine's snapshot as a versioned JSON file, with atomic writes.
///
/// A missing file in an existing directory loads as `Snapshot.initial` (a first start); a missing
/// directory, and anything else that is not a good file of this kind, is a `PersistenceError`
/// naming the file, never a crash and never a silent reset.
public struct StateStore<Snapshot: PersistableSnapshot>: Sendable {
    /// The file format version this build writes and reads.
    public static var version: Int { 1 }

    let file: AtomicFile

    /// The state file.
    public var path: String { file.path }

    /// - Parameters:
    ///   - path: the state file; its directory must exist.
    ///   - fileSystem: the file operations (inject failures in tests).
    public init(path: String, fileSystem: any StateFileSystem = POSIXFileSystem()) {
        file = AtomicFile(path: path, fileSystem: fileSystem)
    }

    /// A store that writes with a deliberate bug, for the bug zoo.
    @_spi(BugZoo) public init(path: String, fileSystem: any StateFileSystem, mutation: StateWriteMutation) {
        file = AtomicFile(path: path, fileSystem: fileSystem, mutation: mutation)
    }

    // `load` and `save` are specialized here for the two snapshots, so that callers in other
    // modules (the checks, the executor) do not run the generic body, which asked the runtime
    // for type metadata on every load.

    /// Loads the snapshot; `Snapshot.initial` if the file does not exist in an existing directory.
    ///
    /// - Throws: `.missingDirectory` when the directory itself does not exist (a mistyped or
    ///   unmounted state directory must not start a machine from defaults), and the read and
    ///   decoding errors.
    @_specialize(exported:true,where Snapshot == SuperStateSnapshot)
    @_specialize(exported:true,where Snapshot == TradingModeSnapshot)
    public func load() throws(PersistenceError) -> Snapshot {
        guard let bytes = try file.read() else {
            guard file.fileSystem.directoryExists(atPath: file.directory) else {
                throw PersistenceError(path: path, kind: .missingDirectory(file.directory))
            }
            return Snapshot.initial
        }
        return try decode(bytes)
    }

    /// Saves the snapshot atomically; on failure the previous file is kept.
    @_specialize(exported:true,where Snapshot == SuperStateSnapshot)
    @_specialize(exported:true,where Snapshot == TradingModeSnapshot)
    public func save(_ snapshot: Snapshot) throws(PersistenceError) {
        try file.write(encode(snapshot))
    }
}

/// The super-state's store.
public typealias SuperStateStore = StateStore<SuperStateSnapshot>
/// The trading mode's store.
public typealias TradingModeStore = StateStore<TradingModeSnapshot>
