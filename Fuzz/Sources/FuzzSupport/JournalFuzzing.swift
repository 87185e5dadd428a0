import Certification
import Synchronization
import TradingMachines

/// The transaction journal's reader (`JournalReader.replay`), fuzzed: any bytes give a replay
/// or a typed `JournalError`, never a trap. Its promises:
///
/// - it never reads past the input: the valid length, a torn tail's offset and length, every
///   record's offset and a corruption's offset lie inside it;
/// - a clean end covers the whole input; a torn tail runs from the valid length to the end;
/// - a corruption is named at a record boundary: the bytes before it replay cleanly up to
///   sequence number `sequence − 1` (or are the file header alone, before a checkpoint, which
///   may carry any number), or are a checkpoint cut short there;
/// - what replays round-trips: re-encoding the checkpoint (if any) and the records gives the
///   valid bytes; the writer (`TransactionJournal`, on an in-memory disk) opens the checkpoint
///   where the reader left it and takes the transactions, whose books are the replay's; and
///   compacting that journal changes no books.
///
/// Mutated bytes rarely keep a CRC-32C valid, so each input is also checked with its
/// checksums recomputed (`withChecksumsFixed`): that reaches the payload decoder and the books.
public enum JournalFuzzing {
    /// What the property found wrong with `bytes`, or with `bytes` whose checksums are fixed.
    public static func check(_ bytes: [UInt8]) -> (signature: String, details: String)? {
        if let failure = checkAsIs(bytes) { return failure }
        let fixed = withChecksumsFixed(bytes)
        guard fixed != bytes, let failure = checkAsIs(fixed) else { return nil }
        return (failure.signature + " (checksums fixed)", failure.details)
    }

    /// `bytes` with the file header's and every record's checksums recomputed, following the
    /// records' length fields as far as they lie inside the input.
    public static func withChecksumsFixed(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= JournalFormat.fileHeaderSize, bytes.starts(with: JournalFormat.magic) else { return bytes }
        var fixed = bytes
        func store(_ value: UInt32, at offset: Int) {
            for index in 0..<4 { fixed[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index))) }
        }
        store(CRC32C.checksum(fixed[0..<12]), at: 12)
        var offset = JournalFormat.fileHeaderSize
        while offset + JournalFormat.recordHeaderSize <= fixed.count {
            store(CRC32C.checksum(fixed[offset..<offset + 16]), at: offset + 16)
            let length = (0..<4).reduce(0) { $0 | Int(fixed[offset + $1]) << (8 * $1) }
            let end = offset + JournalFormat.recordHeaderSize + length
            guard length <= JournalFormat.maxPayloadLength, end + JournalFormat.trailerSize <= fixed.count else { break }
            store(CRC32C.checksum(Array(fixed[offset..<offset + 16]) + Array(fixed[offset + JournalFormat.recordHeaderSize..<end])), at: end)
            offset = end + JournalFormat.trailerSize
        }
        return fixed
    }

    static func checkAsIs(_ bytes: [UInt8]) -> (signature: String, details: String)? {
        let replay: JournalReplay
        do {
            replay = try JournalReader.replay(bytes)
        } catch {
            guard case .corrupted(let corruption) = error else { return nil }
            // (A compacted file of its header alone misses its checkpoint at the very end.)
            let endsEarly = if case .incompleteCheckpoint = corruption.kind { corruption.offset == bytes.count } else { false }
            guard corruption.offset >= JournalFormat.fileHeaderSize, corruption.offset < bytes.count || endsEarly, corruption.sequence >= 1 else {
                return ("a corruption outside the input", "\(corruption) in \(bytes.count) bytes")
            }
            do {
                let before = try JournalReader.replay(Array(bytes.prefix(corruption.offset)))
                // (The first record may be a checkpoint, which carries any sequence number.)
                let first = corruption.offset == JournalFormat.fileHeaderSize && before.lastSequence == 0
                guard before.end == .clean, first || before.lastSequence == corruption.sequence - 1 else {
                    return ("a corruption not at a record boundary", "\(corruption); before it: \(before.lastSequence) records, \(before.end)")
                }
            } catch {
                // Inside a checkpoint, the bytes before the damage are a checkpoint cut short.
                if case .corrupted(let cut) = error, case .incompleteCheckpoint = cut.kind, cut.offset == JournalFormat.fileHeaderSize { return nil }
                return ("the bytes before a corruption do not replay", "\(corruption); before it: \(error)")
            }
            return nil
        }
        // A compacted journal's transactions are numbered on from its checkpoint's last entry.
        let base = replay.checkpoint?.lastSequence ?? 0
        guard replay.validLength <= bytes.count, replay.recordCount == replay.records.count,
            replay.lastSequence == base + UInt64(replay.recordCount),
            replay.records.enumerated().allSatisfy({ $0.element.sequence == base + UInt64($0.offset + 1) && $0.element.offset < replay.validLength })
        else {
            return ("records or lengths outside the input", "valid \(replay.validLength) of \(bytes.count), \(replay.recordCount) records")
        }
        switch replay.end {
        case .clean:
            guard replay.validLength == bytes.count else { return ("a clean end before the end", "\(replay.validLength) of \(bytes.count)") }
        case .tornTail(let tail):
            guard tail.offset == replay.validLength, tail.offset + tail.length == bytes.count, tail.sequence == replay.lastSequence + 1 else {
                return ("a torn tail that is not the end", "\(tail), valid \(replay.validLength) of \(bytes.count)")
            }
        }
        let valid = Array(bytes.prefix(replay.validLength))
        if replay.validLength == 0 {
            return replay.records.isEmpty ? nil : ("records in a file without a header", "")
        }
        // Canonical: a checkpoint is the one the writer makes of its books.
        let start = replay.checkpoint.map { JournalFormat.compactedFileHeader + JournalCheckpoint.records(of: $0.books, sequence: $0.sequence) }
        var encoded = start ?? JournalFormat.fileHeader
        for record in replay.records {
            do { encoded += try JournalFormat.record(sequence: record.sequence, record.transaction) } catch {
                return ("a record read does not encode", "\(record.transaction): \(error)")
            }
        }
        guard encoded == valid else { return ("the records re-encode to other bytes", "\(encoded.count) bytes for \(valid.count)") }
        // The writer, from the transactions alone (after the checkpoint, from the checkpoint's
        // own bytes, which it must open and go on from).
        let disk = MemoryJournalDisk(contents: start)
        do {
            let journal = try TransactionJournal(path: MemoryJournalDisk.path, fileSystem: disk)
            guard journal.lastSequence == base, journal.books == (replay.checkpoint?.books ?? PortfolioBooks()) else {
                return ("the writer does not open a checkpoint as the reader reads it", "at sequence \(journal.lastSequence) for \(base)")
            }
            for transaction in replay.transactions { try journal.append(transaction) }
            guard disk.contents == valid else { return ("the writer writes other bytes", "\(disk.contents.count) bytes for \(valid.count)") }
            if (replay.checkpoint != nil || replay.recordCount > 0) && journal.lastSequence < JournalFormat.maxCheckpointSequence {
                // Compacting what was read gives its books back.
                try journal.compact()
                guard journal.books == replay.books,
                    try JournalReader.replay(disk.contents).books == replay.books
                else { return ("compaction changes the books", "") }
            }
            try journal.close()
            guard journal.books == replay.books else { return ("the writer's books differ from the replay's", "") }
        } catch {
            return ("the writer refuses what the reader read", "\(error)")
        }
        return nil
    }

    /// The fuzz target (`fuzz-journal`).
    public static let target = FuzzTarget(name: "journal") { bytes, _ in
        guard let failure = check(bytes) else {
            return FuzzVerdict(outcome: .passed, report: "", counterexampleBytes: nil, counterexample: nil)
        }
        let input = bytes.map { String($0, radix: 16) }.joined(separator: " ")
        let report = "✗ journal failed on \(bytes.count) bytes\n\nFailure: \(failure.signature)\n\(failure.details)\n\nInput (hex):\n\(input)"
        return FuzzVerdict(outcome: .failed, report: report, counterexampleBytes: bytes, counterexample: input, signature: failure.signature)
    }
}

/// Journal files in memory, for the writer's round trip: no faults, immediately durable. A
/// handle is the file's path, by number (the journal's, or the compaction's new file).
final class MemoryJournalDisk: JournalFileSystem {
    static let directory = "/fuzz"
    static let path = directory + "/journal"
    private static let paths = [path, TransactionJournal.compactionPath(for: path)]
    private let files = Mutex<[String: [UInt8]]>([:])

    init(contents: [UInt8]? = nil) {
        if let contents { files.withLock { $0[Self.path] = contents } }
    }

    var contents: [UInt8] { files.withLock { $0[Self.path] ?? [] } }

    private func handle(_ path: String) throws(FileSystemFailure) -> FileHandleID {
        guard let index = Self.paths.firstIndex(of: path) else { throw FileSystemFailure(operation: "open", path: path, errno: 2) }
        return FileHandleID(rawValue: Int32(3 + index))
    }
    private func path(_ handle: FileHandleID) -> String { Self.paths[Int(handle.rawValue) - 3] }

    func readFile(atPath path: String) throws(FileSystemFailure) -> [UInt8]? { files.withLock { $0[path] } }
    func directoryExists(atPath path: String) -> Bool { path == Self.directory }
    func openForAppend(atPath path: String) throws(FileSystemFailure) -> FileHandleID {
        let handle = try handle(path)
        files.withLock { if $0[path] == nil { $0[path] = [] } }
        return handle
    }
    func truncate(_ handle: FileHandleID, toLength length: Int) throws(FileSystemFailure) {
        let path = path(handle)
        files.withLock { $0[path] = Array(($0[path] ?? []).prefix(length)) }
    }
    func write(_ bytes: [UInt8], to handle: FileHandleID) throws(FileSystemFailure) {
        let path = path(handle)
        files.withLock { $0[path, default: []] += bytes }
    }
    func sync(_ handle: FileHandleID) throws(FileSystemFailure) {}
    func close(_ handle: FileHandleID) throws(FileSystemFailure) {}
    func syncDirectory(atPath path: String) throws(FileSystemFailure) {}
    func createExclusive(atPath path: String) throws(FileSystemFailure) -> FileHandleID {
        let handle = try handle(path)
        try files.withLock { (files: inout [String: [UInt8]]) throws(FileSystemFailure) in
            guard files[path] == nil else { throw FileSystemFailure(operation: "open", path: path, errno: 17) }
            files[path] = []
        }
        return handle
    }
    func rename(_ source: String, to destination: String) throws(FileSystemFailure) {
        try files.withLock { (files: inout [String: [UInt8]]) throws(FileSystemFailure) in
            guard let moved = files.removeValue(forKey: source) else { throw FileSystemFailure(operation: "rename", path: source, errno: 2) }
            files[destination] = moved
        }
    }
    func removeFile(atPath path: String) { files.withLock { $0[path] = nil } }
}
