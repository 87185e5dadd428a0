import TradingMachines
import TradingModels

/// The state files a system's `restart` commands go through: production's atomic stores on a
/// `SimulatedFileSystem` (one per case, in memory), where a restart's save may meet a fault.
///
/// A restart is a process restart: production saves a snapshot whenever it changes
/// (`SharedRiskStack` writes "each snapshot that differs from the last saved one"; the machines'
/// own tests cover that), so at a restart the file holds the current snapshot. The adapter does
/// the same at the restart: it writes the snapshot if it differs from what the file is known to
/// hold (always, under a fault), then throws the machine away and loads it back from the file.
struct RestartFiles {
    let fileSystem = SimulatedFileSystem()
}

/// What one restart's save and reload came to.
struct RestartResult<Snapshot> {
    /// The snapshot reloaded; nil when the file was refused (the process goes on as it was).
    var reloaded: Snapshot?
    /// Production's error for the save, when it reported one (a killed process reports nothing).
    var saveError: PersistenceError?
    /// The report as the models state it.
    var report: RestartReport {
        var report = RestartReport(refusedCorruptFile: reloaded == nil)
        if case .writeFailed(let step, _)? = saveError?.kind { report.saveFailedAt = Self.saveStep(step) }
        return report
    }
}

extension RestartResult {
    /// Production's name for a step of the save, in the models' vocabulary (a `switch`: going
    /// through the raw strings parsed one per failed save).
    static func saveStep(_ step: WriteStep) -> SaveStep {
        switch step {
        case .createTemporary: .createTemporary
        case .write: .write
        case .sync: .sync
        case .close: .close
        case .rename: .rename
        case .syncDirectory: .syncDirectory
        }
    }
}

/// One snapshot's file in `RestartFiles`, remembering what it is known to hold.
struct RestartFile<Snapshot: PersistableSnapshot> {
    private let path: String
    private var store: StateStore<Snapshot>?
    /// What the file holds, when known (nil after a fault: the next restart writes it again).
    private var written: Snapshot? = Snapshot.initial
    /// How the store writes (the bug zoo's non-atomic variants change it).
    private let makeStore: @Sendable (String, any StateFileSystem) -> StateStore<Snapshot>

    init(_ name: String, store: @escaping @Sendable (String, any StateFileSystem) -> StateStore<Snapshot> = { StateStore(path: $0, fileSystem: $1) }) {
        path = SimulatedFileSystem.path(name)
        makeStore = store
    }

    /// Saves `snapshot` if the file may hold something else, then loads the file back; any error
    /// is production's failure (no fault was injected).
    mutating func saveAndReload(_ snapshot: Snapshot, in files: RestartFiles) throws(PersistenceError) -> Snapshot {
        let store = self.store(in: files)
        if snapshot != written {
            try store.save(snapshot)
            written = snapshot
        }
        return try store.load()
    }

    /// The save of `snapshot` struck by `fault`, then the reload: what production reported. A
    /// killed save's process restarts without a word; a reload refused as corrupt is a result.
    /// - Throws: any other reload error (production broke).
    mutating func restart(_ snapshot: Snapshot, after fault: PersistenceFault, in files: RestartFiles) throws(PersistenceError) -> RestartResult<Snapshot> {
        let store = self.store(in: files)
        var result = RestartResult<Snapshot>()
        written = nil
        files.fileSystem.arm(fault)
        do throws(PersistenceError) {
            try store.save(snapshot)
            if case .killedDuringSave = fault {} else { written = snapshot }
        } catch {
            if case .killedDuringSave = fault {} else { result.saveError = error }
        }
        files.fileSystem.restartProcess()
        if case .stateFileTorn = fault {
            files.fileSystem.tear(path)
            written = nil
        }
        do throws(PersistenceError) {
            result.reloaded = try store.load()
        } catch {
            guard case .corrupted = error.kind else { throw error }
        }
        return result
    }

    /// The store, made on the first restart.
    private mutating func store(in files: RestartFiles) -> StateStore<Snapshot> {
        if let store { return store }
        let made = makeStore(path, files.fileSystem)
        store = made
        return made
    }
}
