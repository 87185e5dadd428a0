import Certification
import Synchronization
import TradingMachines

/// The transaction journal's reader (`JournalReader.replay`), fuzzed: any bytes give a replay
/// or a typed `JournalError`, never a trap. Its promises:
///
/// - it never reads past the input: the valid length, a torn tail's offset and length, every
///   record's offset and a corruption's offset lie inside it;
/// - a clean end covers the whole input; a torn tail runs from the valid length to the end;
/// - a corruption is named at a record boundary: the bytes before it replay cleanly with
///   exactly `sequence − 1` records;
/// - what replays round-trips: re-encoding the records gives the valid bytes, and the writer
///   (`TransactionJournal`, on an in-memory disk) writes exactly those bytes from the
///   transactions, whose books are the replay's.
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
            guard corruption.offset >= JournalFormat.fileHeaderSize, corruption.offset < bytes.count, corruption.sequence >= 1 else {
                return ("a corruption outside the input", "\(corruption) in \(bytes.count) bytes")
            }
            do {
                let before = try JournalReader.replay(Array(bytes.prefix(corruption.offset)))
                guard before.end == .clean, UInt64(before.recordCount) == corruption.sequence - 1 else {
                    return ("a corruption not at a record boundary", "\(corruption); before it: \(before.recordCount) records, \(before.end)")
                }
            } catch {
                return ("the bytes before a corruption do not replay", "\(corruption); before it: \(error)")
            }
            return nil
        }
        guard replay.validLength <= bytes.count, replay.recordCount == replay.records.count,
            replay.lastSequence == UInt64(replay.recordCount),
            replay.records.enumerated().allSatisfy({ $0.element.sequence == UInt64($0.offset + 1) && $0.element.offset < replay.validLength })
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
        var encoded = JournalFormat.fileHeader
        for record in replay.records {
            do { encoded += try JournalFormat.record(sequence: record.sequence, record.transaction) } catch {
                return ("a record read does not encode", "\(record.transaction): \(error)")
            }
        }
        guard encoded == valid else { return ("the records re-encode to other bytes", "\(encoded.count) bytes for \(valid.count)") }
        // The writer, from the transactions alone.
        let disk = MemoryJournalDisk()
        do {
            let journal = try TransactionJournal(path: MemoryJournalDisk.path, fileSystem: disk)
            for transaction in replay.transactions { try journal.append(transaction) }
            try journal.close()
            guard journal.books == replay.books else { return ("the writer's books differ from the replay's", "") }
        } catch {
            return ("the writer refuses what the reader read", "\(error)")
        }
        guard disk.contents == valid else { return ("the writer writes other bytes", "\(disk.contents.count) bytes for \(valid.count)") }
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

/// One journal file in memory, for the writer's round trip: no faults, immediately durable.
final class MemoryJournalDisk: JournalFileSystem {
    static let directory = "/fuzz"
    static let path = directory + "/journal"
    private let file = Mutex<[UInt8]?>(nil)

    var contents: [UInt8] { file.withLock { $0 ?? [] } }

    func readFile(atPath path: String) throws(FileSystemFailure) -> [UInt8]? { file.withLock { $0 } }
    func directoryExists(atPath path: String) -> Bool { path == Self.directory }
    func openForAppend(atPath path: String) throws(FileSystemFailure) -> FileHandleID {
        file.withLock { if $0 == nil { $0 = [] } }
        return FileHandleID(rawValue: 3)
    }
    func truncate(_ handle: FileHandleID, toLength length: Int) throws(FileSystemFailure) {
        file.withLock { $0 = Array(($0 ?? []).prefix(length)) }
    }
    func write(_ bytes: [UInt8], to handle: FileHandleID) throws(FileSystemFailure) { file.withLock { $0 = ($0 ?? []) + bytes } }
    func sync(_ handle: FileHandleID) throws(FileSystemFailure) {}
    func close(_ handle: FileHandleID) throws(FileSystemFailure) {}
    func syncDirectory(atPath path: String) throws(FileSystemFailure) {}
    func createExclusive(atPath path: String) throws(FileSystemFailure) -> FileHandleID {
        throw FileSystemFailure(operation: "open", path: path, errno: 95)
    }
    func rename(_ source: String, to destination: String) throws(FileSystemFailure) {
        throw FileSystemFailure(operation: "rename", path: source, errno: 95)
    }
    func removeFile(atPath path: String) { file.withLock { $0 = nil } }
}
