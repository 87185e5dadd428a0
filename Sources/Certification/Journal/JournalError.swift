import TradingMachines

/// Why a journal could not be read, opened or appended to. Every case says what and where.
public enum JournalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file does not start with the journal's magic bytes.
    case notAJournal
    /// The file header's checksum does not match.
    case corruptHeader(stored: UInt32, computed: UInt32)
    /// A format version this build does not read.
    case unsupportedVersion(UInt16)
    /// Header flags this build does not know.
    case unsupportedFlags(UInt16)
    /// A damaged record before the end of the file: never skipped.
    case corrupted(JournalCorruption)
    /// The transaction cannot be written as a valid record (nothing was written).
    case invalidTransaction(String)
    /// The books refuse the transaction (an unknown instrument, an overfill, …): nothing was
    /// written, so the journal stays replayable.
    case refused(JournalTransaction, BooksError)
    /// A file operation failed.
    case fileSystem(FileSystemFailure)
    /// The journal's directory does not exist (a misconfiguration, not a first start).
    case missingDirectory(String)
    /// An earlier write or sync failed, so the file's tail is unknown: reopen the journal,
    /// which finds and cuts a torn tail.
    case unusable
    /// A compaction's file (path, length) with no journal beside it: never removed nor taken
    /// for a new journal, since it may hold the only copy of the books.
    case compactionWithoutJournal(String, length: Int)
    /// The journal's sequence numbers have reached `JournalFormat.maxCheckpointSequence`
    /// (after this sequence number): a checkpoint cannot start beyond it.
    case sequenceExhausted(UInt64)

    public var description: String {
        switch self {
        case .notAJournal: "not a StressCheck transaction journal (magic bytes differ)"
        case .corruptHeader(let stored, let computed): "journal header corrupted: checksum \(hex(stored)), computed \(hex(computed))"
        case .unsupportedVersion(let version): "journal format version \(version) is not supported (this build reads \(JournalFormat.version))"
        case .unsupportedFlags(let flags): "journal header flags \(hex(UInt32(flags))) are not supported"
        case .corrupted(let corruption): corruption.description
        case .invalidTransaction(let detail): "transaction not journaled: \(detail)"
        case .refused(let transaction, let error): "transaction not journaled: \(transaction): \(error)"
        case .fileSystem(let failure): "journal: \(failure)"
        case .missingDirectory(let directory): "journal directory \(directory) does not exist"
        case .unusable: "journal unusable after a failed write or sync: reopen it to recover"
        case .compactionWithoutJournal(let path, let length):
            "a compacted journal (\(path), \(length) bytes) with no journal beside it: rename it into place if it is the journal, or remove it"
        case .sequenceExhausted(let last): "journal sequence numbers exhausted after \(last): no checkpoint can start beyond them"
        }
    }
}

/// A damaged record: where it starts, the sequence number it should carry, and what is wrong.
public struct JournalCorruption: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The record header's checksum fails: its length, sequence and type are not trusted.
        case headerChecksumMismatch(stored: UInt32, computed: UInt32)
        /// The payload (or the header it is bound to) fails the record checksum.
        case recordChecksumMismatch(stored: UInt32, computed: UInt32)
        /// A length beyond `JournalFormat.maxPayloadLength` under a valid header checksum.
        case badLength(UInt32)
        /// Reserved header bits set under a valid header checksum.
        case reservedBitsSet(UInt16)
        /// The record's sequence number is not the previous one plus one.
        case sequenceGap(expected: UInt64, found: UInt64)
        /// A record type this format does not define.
        case unknownType(UInt16)
        /// The payload's fields do not decode (a value out of range, bytes left over, …).
        case malformedPayload(String)
        /// The transaction decodes but the books refuse it (a fill of an unknown order, …).
        case refusedByBooks(BooksError)
        /// A checkpoint record that does not decode, is out of its canonical order, or says
        /// what no books could hold (`JournalCheckpoint`); or a compacted journal whose first
        /// record is not a checkpoint. (A checkpoint record after the first is a malformed
        /// payload.)
        case invalidCheckpoint(String)
        /// A compacted journal ends inside its checkpoint, at least this many entries short
        /// (named at the checkpoint's first record, the file's first).
        case incompleteCheckpoint(missingEntries: Int)
    }

    /// The byte offset of the record's first byte in the file.
    public var offset: Int
    /// The sequence number the record at this place must carry (the previous one plus one).
    public var sequence: UInt64
    public var kind: Kind

    public init(offset: Int, sequence: UInt64, kind: Kind) {
        self.offset = offset
        self.sequence = sequence
        self.kind = kind
    }

    public var description: String {
        let what: String =
            switch kind {
            case .headerChecksumMismatch(let stored, let computed): "header checksum \(hex(stored)), computed \(hex(computed))"
            case .recordChecksumMismatch(let stored, let computed): "record checksum \(hex(stored)), computed \(hex(computed))"
            case .badLength(let length): "length \(length) beyond \(JournalFormat.maxPayloadLength)"
            case .reservedBitsSet(let bits): "reserved bits \(hex(UInt32(bits)))"
            case .sequenceGap(let expected, let found): "sequence \(found) where \(expected) was due"
            case .unknownType(let type): "unknown record type \(type)"
            case .malformedPayload(let detail): "malformed payload: \(detail)"
            case .refusedByBooks(let error): "refused by the books: \(error)"
            case .invalidCheckpoint(let detail): "invalid checkpoint: \(detail)"
            case .incompleteCheckpoint(let missing): "the file ends inside its checkpoint, \(missing) entries short"
            }
        return "journal corrupted at offset \(offset) (record \(sequence)): \(what)"
    }
}

/// The incomplete end a crash leaves: where the valid journal ends and what follows it.
/// Recovery cuts the file at `offset`; only an unacknowledged append can be lost there.
public struct TornTail: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The file is shorter than its header (a crash while creating it).
        case incompleteFileHeader
        /// Fewer bytes than a record header.
        case incompleteRecordHeader
        /// A valid record header whose record runs past the end of the file.
        case incompleteRecord(expectedLength: Int)
        /// Only zero bytes follow (space a file system allocated but never wrote).
        case zeroFilled
    }

    /// Where the valid journal ends (a record boundary, or 0 before the file header).
    public var offset: Int
    /// The bytes from `offset` to the end of the file.
    public var length: Int
    /// The sequence number the torn record would have carried.
    public var sequence: UInt64
    public var kind: Kind

    public init(offset: Int, length: Int, sequence: UInt64, kind: Kind) {
        self.offset = offset
        self.length = length
        self.sequence = sequence
        self.kind = kind
    }

    public var description: String {
        let what: String =
            switch kind {
            case .incompleteFileHeader: "an incomplete file header"
            case .incompleteRecordHeader: "an incomplete record header"
            case .incompleteRecord(let expected): "an incomplete record (\(length) of \(expected) bytes)"
            case .zeroFilled: "zero bytes"
            }
        return "torn tail at offset \(offset) (record \(sequence)): \(length) bytes, \(what)"
    }
}

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
