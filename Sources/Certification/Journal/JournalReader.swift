/// How a replayed journal ends.
public enum JournalEnd: Hashable, Sendable {
    /// After the last record, nothing.
    case clean
    /// An incomplete record (or zero fill) after the last whole one: what a crash during an
    /// append leaves. Recovery cuts it off; it can only hold a write never acknowledged.
    case tornTail(TornTail)
}

/// A journal read back: the books its transactions rebuild, and exactly what was found.
public struct JournalReplay: Hashable, Sendable {
    /// The state the transactions rebuild.
    public var books: PortfolioBooks
    /// The checkpoint a compacted journal starts with (nil: the journal starts from nothing).
    public var checkpoint: JournalCheckpoint?
    /// The transactions' records in order, after the checkpoint if there is one (empty when
    /// replayed with `keepRecords: false`).
    public var records: [JournalRecord]
    /// The number of whole transaction records (a checkpoint's records are not counted).
    public var recordCount: Int
    /// The last record's sequence number (0: none).
    public var lastSequence: UInt64
    /// The bytes of the file header and the whole records: where appending continues.
    public var validLength: Int
    public var end: JournalEnd

    /// The transactions, in order.
    public var transactions: [JournalTransaction] { records.map(\.transaction) }
}

/// Replays a journal's bytes into `PortfolioBooks`, and says precisely what it found: a clean
/// end, a torn tail (named, with its offset), or a typed error for anything damaged before the
/// end — never a record skipped.
///
/// It only reads inside the input, allocates nothing in proportion to a length field (a length
/// is checked against `JournalFormat.maxPayloadLength` before its bytes are looked at), and
/// never traps on any bytes.
public enum JournalReader {
    public static func replay(_ bytes: [UInt8], keepRecords: Bool = true) throws(JournalError) -> JournalReplay {
        var replay = JournalReplay(
            books: PortfolioBooks(), checkpoint: nil, records: [], recordCount: 0, lastSequence: 0, validLength: 0, end: .clean)
        let compacted: Bool
        switch try readFileHeader(bytes) {
        case .torn(let tail):
            replay.end = .tornTail(tail)
            return replay
        case .whole(let flags):
            compacted = flags == JournalFormat.compactedFlag
        }
        var offset = JournalFormat.fileHeaderSize
        var sequence: UInt64 = 1
        // A checkpoint being read (a compacted journal's first records), and where it began.
        var checkpoint: CheckpointReader?
        var checkpointSequence: UInt64 = 0
        // Past this, only zeros: found once, so that a long journal is read in linear time.
        let zerosFrom = (bytes.lastIndex { $0 != 0 } ?? -1) + 1
        while offset < bytes.count {
            let remaining = bytes.count - offset
            func corrupted(_ kind: JournalCorruption.Kind) -> JournalError {
                .corrupted(JournalCorruption(offset: offset, sequence: sequence, kind: kind))
            }
            // A compacted journal is renamed into place whole: its checkpoint cut short is
            // damage, not a crash's tail, named where the checkpoint starts.
            func torn(_ kind: TornTail.Kind) throws(JournalError) -> JournalEnd {
                if compacted, replay.checkpoint == nil {
                    throw incomplete(checkpoint?.remaining ?? 1, checkpoint == nil ? sequence : checkpointSequence)
                }
                return .tornTail(TornTail(offset: offset, length: remaining, sequence: sequence, kind: kind))
            }
            if offset >= zerosFrom {
                replay.end = try torn(.zeroFilled)
                break
            }
            guard remaining >= JournalFormat.recordHeaderSize else {
                replay.end = try torn(.incompleteRecordHeader)
                break
            }
            let header = bytes[offset..<offset + 16]
            let storedHeaderChecksum = UInt32(littleEndian: bytes[offset + 16..<offset + 20])
            let headerChecksum = CRC32C.checksum(header)
            guard storedHeaderChecksum == headerChecksum else {
                throw corrupted(.headerChecksumMismatch(stored: storedHeaderChecksum, computed: headerChecksum))
            }
            let length = UInt32(littleEndian: bytes[offset..<offset + 4])
            let found = UInt64(littleEndian: bytes[offset + 4..<offset + 12])
            let rawType = UInt16(littleEndian: bytes[offset + 12..<offset + 14])
            let reserved = UInt16(littleEndian: bytes[offset + 14..<offset + 16])
            guard length <= JournalFormat.maxPayloadLength else { throw corrupted(.badLength(length)) }
            guard reserved == 0 else { throw corrupted(.reservedBitsSet(reserved)) }
            let total = JournalFormat.recordHeaderSize + Int(length) + JournalFormat.trailerSize
            guard remaining >= total else {
                replay.end = try torn(.incompleteRecord(expectedLength: total))
                break
            }
            let payloadStart = offset + JournalFormat.recordHeaderSize
            let payload = bytes[payloadStart..<payloadStart + Int(length)]
            let trailerStart = payloadStart + Int(length)
            let storedChecksum = UInt32(littleEndian: bytes[trailerStart..<trailerStart + 4])
            let checksum = JournalFormat.recordChecksum(header: header, payload: payload)
            guard storedChecksum == checksum else { throw corrupted(.recordChecksumMismatch(stored: storedChecksum, computed: checksum)) }
            // A compacted journal's first record, its checkpoint, carries the sequence number the
            // journal had reached: the numbering goes on from there.
            let opensCheckpoint = compacted && offset == JournalFormat.fileHeaderSize
            if opensCheckpoint {
                guard rawType == JournalRecordType.checkpoint.rawValue else {
                    throw corrupted(.invalidCheckpoint("a compacted journal whose first record is of type \(rawType)"))
                }
                if (1...JournalFormat.maxCheckpointSequence).contains(found) { sequence = found }
            }
            guard found == sequence else { throw corrupted(.sequenceGap(expected: sequence, found: found)) }
            guard let type = JournalRecordType(rawValue: rawType) else { throw corrupted(.unknownType(rawType)) }
            if opensCheckpoint || checkpoint != nil {
                do throws(JournalPayloadError) {
                    if opensCheckpoint {
                        checkpoint = try CheckpointReader(header: payload)
                        checkpointSequence = sequence
                    } else {
                        try checkpoint?.read(type, payload)
                    }
                } catch {
                    throw corrupted(.invalidCheckpoint(error.detail))
                }
                if let done = checkpoint, done.remaining == 0 {
                    replay.books = done.books
                    replay.checkpoint = JournalCheckpoint(sequence: checkpointSequence, lastSequence: sequence, books: done.books)
                    checkpoint = nil
                }
                replay.lastSequence = sequence
                offset += total
                sequence += 1
                continue
            }
            let transaction: JournalTransaction
            do throws(JournalPayloadError) {
                transaction = try JournalFormat.decodePayload(payload, type: type)
            } catch {
                throw corrupted(.malformedPayload(error.detail))
            }
            do throws(BooksError) {
                try replay.books.apply(transaction)
            } catch {
                throw corrupted(.refusedByBooks(error))
            }
            if keepRecords { replay.records.append(JournalRecord(sequence: sequence, offset: offset, transaction: transaction)) }
            replay.recordCount += 1
            replay.lastSequence = sequence
            offset += total
            sequence += 1
        }
        if compacted, replay.checkpoint == nil {
            throw incomplete(checkpoint?.remaining ?? 1, checkpoint == nil ? sequence : checkpointSequence)
        }
        replay.validLength = offset
        if case .tornTail(let tail) = replay.end { replay.validLength = tail.offset }
        return replay
    }

    /// A checkpoint cut short, `missing` entries before its end: named at its first record.
    private static func incomplete(_ missing: Int, _ sequence: UInt64) -> JournalError {
        .corrupted(JournalCorruption(offset: JournalFormat.fileHeaderSize, sequence: sequence, kind: .incompleteCheckpoint(missingEntries: missing)))
    }

    enum FileHeader {
        case whole(flags: UInt16)
        case torn(TornTail)
    }

    /// Checks the file header: its flags when whole and valid, a torn tail at 0 when the file
    /// stops inside it (a prefix of the header, or zeros), else a typed error. (A compacted
    /// journal cut inside its header cannot be told from a new one cut there: a torn tail.)
    static func readFileHeader(_ bytes: [UInt8]) throws(JournalError) -> FileHeader {
        let size = JournalFormat.fileHeaderSize
        if bytes.allSatisfy({ $0 == 0 }) {
            return .torn(TornTail(offset: 0, length: bytes.count, sequence: 1, kind: bytes.count < size ? .incompleteFileHeader : .zeroFilled))
        }
        guard bytes.count >= size else {
            guard JournalFormat.fileHeader.starts(with: bytes) || JournalFormat.compactedFileHeader.starts(with: bytes) else {
                throw .notAJournal
            }
            return .torn(TornTail(offset: 0, length: bytes.count, sequence: 1, kind: .incompleteFileHeader))
        }
        guard bytes.starts(with: JournalFormat.magic) else { throw .notAJournal }
        let stored = UInt32(littleEndian: bytes[12..<16])
        let computed = CRC32C.checksum(bytes[0..<12])
        guard stored == computed else { throw .corruptHeader(stored: stored, computed: computed) }
        let version = UInt16(littleEndian: bytes[8..<10])
        guard version == JournalFormat.version else { throw .unsupportedVersion(version) }
        let flags = UInt16(littleEndian: bytes[10..<12])
        guard flags == 0 || flags == JournalFormat.compactedFlag else { throw .unsupportedFlags(flags) }
        return .whole(flags: flags)
    }
}
