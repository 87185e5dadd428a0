import TradingMachines

/// The state files a system's `restart` command goes through: real atomic stores in a per-case
/// temporary directory.
///
/// A restart is a process restart: production saves a snapshot whenever it changes
/// (`SharedRiskStack` writes "each snapshot that differs from the last saved one"; the machines'
/// own tests cover that), so at a restart the file holds the current snapshot. The adapter does
/// the same at the restart: it writes a snapshot only if it differs from the one last written (a
/// file never written loads as `Snapshot.initial`, the production first-start path), then always
/// throws the machine away and loads it back from disk. The directory is made on the first
/// restart, so the many cases that never restart cost no file-system calls.
struct RestartFiles {
    private let prefix: String
    private var directory: TemporaryDirectory?
    /// The names handed out, to remove them without listing the directory.
    private var names: [String] = []

    init(prefix: String) { self.prefix = prefix }

    /// The path of `name` in the case's directory, made now if needed.
    mutating func path(_ name: String) -> String {
        let directory = self.directory ?? TemporaryDirectory(prefix: prefix)
        self.directory = directory
        if !names.contains(name) { names.append(name) }
        return directory.file(name)
    }

    /// The directory, once a restart has made it.
    var directoryPath: String? { directory?.path }

    /// Removes the directory, if one was made.
    func remove() { directory?.remove(files: names) }
}

/// One snapshot's file in `RestartFiles`, remembering what was last written to it.
struct RestartFile<Snapshot: PersistableSnapshot> {
    private let name: String
    private var store: StateStore<Snapshot>?
    private var written = Snapshot.initial

    init(_ name: String) { self.name = name }

    /// Saves `snapshot` if it differs from what the file holds, then loads the file back.
    mutating func saveAndReload(_ snapshot: Snapshot, in files: inout RestartFiles) throws(PersistenceError) -> Snapshot {
        let store = self.store ?? StateStore<Snapshot>(path: files.path(name))
        self.store = store
        if snapshot != written {
            try store.save(snapshot)
            written = snapshot
        }
        return try store.load()
    }
}
