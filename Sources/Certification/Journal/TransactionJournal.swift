import Synchronization
import TradingMachines

/// A durable, append-only journal of the portfolio's transactions (`JournalFormat`).
///
/// Opening it replays the file (`JournalReader`): a torn tail — the incomplete record a crash
/// during an append leaves — is cut off and synced (`recoveredTail` says what was dropped); a
/// damaged record before the end is a typed error and the journal does not open: nothing is
/// ever skipped silently. A missing file is created with its header. Every open then fsyncs the
/// file and its directory: what it replays (a killed process's unsynced appends, a compaction's
/// rename) is durable before anything is built on it.
///
/// Fsync policy (`SyncPolicy`):
/// - `.everyAppend` (the default): `append` returns only once the record is written and
///   fsynced: an acknowledged transaction survives a crash or a power loss. A crash can lose
///   only an append that has not returned.
/// - `.batched(maxRecords: n)`: `append` returns once written; every n-th append (and `sync()`)
///   fsyncs. A process crash loses nothing written (the kernel has it); a power loss can lose
///   the acknowledged records after the last fsync: at most n − 1, those above
///   `durableSequence`.
///
/// Before a record is written, the journal's own books check the transaction (`PortfolioBooks`):
/// one the replay would refuse is refused here, and nothing is written, so the journal always
/// replays. After a failed write or fsync the file's tail is unknown: the journal refuses
/// further appends (`.unusable`) until it is reopened, which recovers the tail.
public final class TransactionJournal: Sendable {
    public enum SyncPolicy: Hashable, Sendable {
        case everyAppend
        case batched(maxRecords: Int)
    }

    /// What an append returns: the record's sequence number, and whether it is already durable.
    public struct Receipt: Hashable, Sendable {
        public var sequence: UInt64
        public var durable: Bool
    }

    private struct State {
        var handle: FileHandleID?
        var books: PortfolioBooks
        var lastSequence: UInt64
        var durableSequence: UInt64
        var length: Int
        var usable = true
    }

    /// What a compaction did (`compact()`).
    public struct Compaction: Hashable, Sendable {
        /// The file's length before and after.
        public var bytesBefore: Int
        public var bytesAfter: Int
        /// The sequence numbers of the checkpoint's records: transactions go on after them.
        public var checkpoint: ClosedRange<UInt64>
    }

    public let path: String
    public let policy: SyncPolicy
    /// The torn tail cut off when the journal was opened, if any.
    public let recoveredTail: TornTail?
    /// The length of an unfinished compaction's file found beside the journal when it was
    /// opened, and removed (a crash before its rename: the journal itself is whole), if any.
    public let discardedCompaction: Int?
    private let fileSystem: any JournalFileSystem
    private let state: Mutex<State>

    /// Opens (or creates) the journal at `path`, recovering a torn tail.
    ///
    /// - Throws: `.corrupted`, `.notAJournal`, `.corruptHeader`, `.unsupportedVersion` for a file
    ///   that does not replay; `.missingDirectory`; `.fileSystem` for a failed operation.
    public init(path: String, fileSystem: any JournalFileSystem = POSIXFileSystem(), policy: SyncPolicy = .everyAppend) throws(JournalError) {
        if case .batched(let maxRecords) = policy, maxRecords < 1 { throw .invalidTransaction("a batch of \(maxRecords) records") }
        let opened = try Self.open(path: path, fileSystem: fileSystem)
        self.path = path
        self.policy = policy
        self.fileSystem = fileSystem
        recoveredTail = opened.tail
        discardedCompaction = opened.discarded
        state = Mutex(
            State(
                handle: opened.handle, books: opened.replay.books, lastSequence: opened.replay.lastSequence,
                durableSequence: opened.replay.lastSequence, length: opened.replay.validLength))
    }

    deinit {
        state.withLock { state in
            if let handle = state.handle { try? fileSystem.close(handle) }
        }
    }

    private static func open(path: String, fileSystem: any JournalFileSystem) throws(JournalError)
        -> (handle: FileHandleID, replay: JournalReplay, tail: TornTail?, discarded: Int?)
    {
        let existing: [UInt8]?
        let unfinished: [UInt8]?
        do {
            existing = try fileSystem.readFile(atPath: path)
            unfinished = try fileSystem.readFile(atPath: compactionPath(for: path))
        } catch {
            throw .fileSystem(error)
        }
        let directory = directoryOf(path)
        let created = existing == nil
        if created, !fileSystem.directoryExists(atPath: directory) { throw .missingDirectory(directory) }
        // A compaction's file is only ever written beside an open journal, and the rename that
        // replaces the journal is atomic: with no journal beside it, it may be the only copy.
        if created, let unfinished { throw .compactionWithoutJournal(compactionPath(for: path), length: unfinished.count) }
        var replay = try JournalReader.replay(existing ?? JournalFormat.fileHeader, keepRecords: false)
        if created { replay.validLength = 0 }
        let tail: TornTail? = if case .tornTail(let tail) = replay.end { tail } else { nil }
        let handle: FileHandleID
        do { handle = try fileSystem.openForAppend(atPath: path) } catch { throw .fileSystem(error) }
        do throws(FileSystemFailure) {
            if let tail {
                try fileSystem.truncate(handle, toLength: tail.offset)
            }
            if replay.validLength == 0 {
                // A new file, or one that stopped inside its header: write the header.
                try fileSystem.write(JournalFormat.fileHeader, to: handle)
                replay.validLength = JournalFormat.fileHeaderSize
            }
            // Always: what a killed process wrote and never synced is replayed as the journal's
            // from now on, so it is made durable before anything is built on it.
            try fileSystem.sync(handle)
            // The file's directory entry: a new file's, and the one a compaction's rename left
            // if the process died before syncing it (else a power loss after this open could
            // give the name back the old journal, without what is appended from now on).
            try fileSystem.syncDirectory(atPath: directory)
        } catch {
            try? fileSystem.close(handle)
            throw .fileSystem(error)
        }
        // Removed only once the journal itself has opened: a journal that does not open keeps
        // everything as found.
        if unfinished != nil { fileSystem.removeFile(atPath: compactionPath(for: path)) }
        replay.end = .clean
        return (handle, replay, tail, unfinished?.count)
    }

    /// Where `compact()` writes the new file before renaming it over the journal.
    public static func compactionPath(for path: String) -> String { path + ".compacting" }

    static func directoryOf(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Appends one transaction; with `.everyAppend`, returns once it is durable.
    ///
    /// - Throws: `.invalidTransaction` or `.refused` (nothing written, the journal stays
    ///   usable); `.fileSystem` when the write or fsync fails (the transaction is not
    ///   acknowledged, the journal becomes unusable); `.unusable` after such a failure.
    @discardableResult
    public func append(_ transaction: JournalTransaction) throws(JournalError) -> Receipt {
        try state.withLock { (state: inout State) throws(JournalError) -> Receipt in
            guard state.usable, let handle = state.handle else { throw .unusable }
            let sequence = state.lastSequence + 1
            let record = try JournalFormat.record(sequence: sequence, transaction)
            do throws(BooksError) { try state.books.check(transaction) } catch { throw .refused(transaction, error) }
            do throws(FileSystemFailure) {
                try fileSystem.write(record, to: handle)
            } catch {
                state.usable = false
                throw .fileSystem(error)
            }
            // Checked above (`books.check`), with nothing changed since: it applies.
            do throws(BooksError) { try state.books.apply(transaction) } catch {
                preconditionFailure("the books refused a transaction they had just checked: \(error)")
            }
            state.lastSequence = sequence
            state.length += record.count
            let due =
                switch policy {
                case .everyAppend: true
                case .batched(let maxRecords): sequence - state.durableSequence >= UInt64(maxRecords)
                }
            if due { try Self.sync(&state, fileSystem) }
            return Receipt(sequence: sequence, durable: state.durableSequence == sequence)
        }
    }

    /// Fsyncs what was appended (the batched policy's flush; a no-op when all is durable).
    public func sync() throws(JournalError) {
        try state.withLock { (state: inout State) throws(JournalError) in
            guard state.usable, state.handle != nil else { throw .unusable }
            if state.durableSequence < state.lastSequence { try Self.sync(&state, fileSystem) }
        }
    }

    private static func sync(_ state: inout State, _ fileSystem: any JournalFileSystem) throws(JournalError) {
        guard let handle = state.handle else { throw .unusable }
        do throws(FileSystemFailure) {
            try fileSystem.sync(handle)
        } catch {
            // After a failed fsync the kernel may have dropped the dirty pages: never retry.
            state.usable = false
            throw .fileSystem(error)
        }
        state.durableSequence = state.lastSequence
    }

    /// Rewrites the journal as one checkpoint of its books (`JournalCheckpoint`), so that its
    /// size and its replay follow the state, not the history; transactions go on after it.
    ///
    /// Pending appends are synced first. The new file is written whole beside the journal
    /// (`compactionPath(for:)`), synced, and renamed over it, then the directory is synced:
    /// a crash at any point leaves the old journal or the new one, and both replay to the same
    /// books (an unfinished new file is removed at the next open, `discardedCompaction`).
    ///
    /// - Throws: `.fileSystem` when a step fails: while the new file is written (create,
    ///   write, fsync, close) the journal is unchanged and stays usable; a failed fsync of
    ///   pending appends, or a failure from closing the journal's handle on (close, rename,
    ///   directory fsync, reopen), leaves it unusable until reopened (as after a failed append;
    ///   reopening finds the old journal or the new one, with the same books).
    ///   `.sequenceExhausted` when the numbers left cannot start a checkpoint; `.unusable` after
    ///   an earlier failure.
    @discardableResult
    public func compact() throws(JournalError) -> Compaction {
        try state.withLock { (state: inout State) throws(JournalError) -> Compaction in
            guard state.usable, let handle = state.handle else { throw .unusable }
            let first = state.lastSequence + 1
            guard first <= JournalFormat.maxCheckpointSequence else { throw .sequenceExhausted(state.lastSequence) }
            if state.durableSequence < state.lastSequence { try Self.sync(&state, fileSystem) }
            let bytes = JournalFormat.compactedFileHeader + JournalCheckpoint.records(of: state.books, sequence: first)
            // What is renamed into place must replay as these books: read it back first.
            let written: JournalReplay
            do { written = try JournalReader.replay(bytes, keepRecords: false) } catch {
                preconditionFailure("a checkpoint of the journal's own books does not replay: \(error)")
            }
            precondition(written.books == state.books && written.end == .clean, "a checkpoint does not replay as the books it holds")
            let temporary = Self.compactionPath(for: path)
            fileSystem.removeFile(atPath: temporary)
            do throws(FileSystemFailure) {
                let file = try fileSystem.createExclusive(atPath: temporary)
                do throws(FileSystemFailure) {
                    try fileSystem.write(bytes, to: file)
                    try fileSystem.sync(file)
                } catch {
                    try? fileSystem.close(file)  // the write's failure is the one reported
                    throw error
                }
                try fileSystem.close(file)
            } catch {
                fileSystem.removeFile(atPath: temporary)
                throw .fileSystem(error)
            }
            // The old file is synced: closing it loses nothing, and POSIX releases it even when
            // close fails (the journal is then reopened, as after a failed append).
            state.handle = nil
            do throws(FileSystemFailure) { try fileSystem.close(handle) } catch {
                fileSystem.removeFile(atPath: temporary)
                state.usable = false
                throw .fileSystem(error)
            }
            do throws(FileSystemFailure) {
                try fileSystem.rename(temporary, to: path)
            } catch {
                // Which file the name holds is not known for sure: reopening replays what it holds.
                fileSystem.removeFile(atPath: temporary)
                state.usable = false
                throw .fileSystem(error)
            }
            do throws(FileSystemFailure) {
                try fileSystem.syncDirectory(atPath: Self.directoryOf(path))
                state.handle = try fileSystem.openForAppend(atPath: path)
            } catch {
                state.usable = false
                throw .fileSystem(error)
            }
            let before = state.length
            state.lastSequence = written.lastSequence
            state.durableSequence = written.lastSequence
            state.length = bytes.count
            return Compaction(bytesBefore: before, bytesAfter: bytes.count, checkpoint: first...written.lastSequence)
        }
    }

    /// Syncs what is pending and closes the file; further appends throw `.unusable`.
    public func close() throws(JournalError) {
        try state.withLock { (state: inout State) throws(JournalError) in
            guard let handle = state.handle else { return }
            defer { state.handle = nil }
            if state.usable, state.durableSequence < state.lastSequence { try Self.sync(&state, fileSystem) }
            do throws(FileSystemFailure) { try fileSystem.close(handle) } catch { throw .fileSystem(error) }
        }
    }

    /// The books the journal's records rebuild (what a replay of the file gives).
    public var books: PortfolioBooks { state.withLock { $0.books } }
    /// The last record's sequence number (0: none).
    public var lastSequence: UInt64 { state.withLock { $0.lastSequence } }
    /// The last sequence number known to be on stable storage.
    public var durableSequence: UInt64 { state.withLock { $0.durableSequence } }
    /// The file's length as written.
    public var length: Int { state.withLock { $0.length } }
}
