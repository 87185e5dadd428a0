import Certification
import ExchangeVocabulary
import Testing
import TradingVocabulary

@Suite struct JournalReaderTests {
    /// A record with chosen header fields and valid checksums (the reader's later checks).
    func craft(length: UInt32? = nil, sequence: UInt64, type: UInt16, reserved: UInt16 = 0, payload: [UInt8]) -> [UInt8] {
        var header: [UInt8] = []
        append(&header, UInt64(length ?? UInt32(payload.count)), bytes: 4)
        append(&header, sequence, bytes: 8)
        append(&header, UInt64(type), bytes: 2)
        append(&header, UInt64(reserved), bytes: 2)
        var record = header
        append(&record, UInt64(CRC32C.checksum(header)), bytes: 4)
        record += payload
        append(&record, UInt64(CRC32C.checksum(header + payload)), bytes: 4)
        return record
    }

    func append(_ bytes: inout [UInt8], _ value: UInt64, bytes count: Int) {
        for index in 0..<count { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))) }
    }

    func corruption(_ bytes: [UInt8]) -> JournalCorruption? { JournalFixture.corruption(bytes) }

    @Test func everyPrefixReplaysToTheWholeRecordsItHolds() throws {
        let bytes = try JournalFixture.journalBytes()
        let whole = try JournalReader.replay(bytes)
        let boundaries = [JournalFormat.fileHeaderSize] + whole.records.dropFirst().map(\.offset) + [bytes.count]
        for length in 0...bytes.count {
            let replay = try JournalReader.replay(Array(bytes.prefix(length)))
            let complete = boundaries.filter { $0 <= length }.count - 1
            #expect(replay.transactions == Array(JournalFixture.transactions.prefix(max(complete, 0))), "prefix \(length)")
            if boundaries.contains(length) {
                #expect(replay.end == .clean, "prefix \(length)")
            } else {
                guard case .tornTail(let tail) = replay.end else {
                    Issue.record("prefix \(length): no torn tail")
                    continue
                }
                #expect(tail.offset == replay.validLength && tail.offset + tail.length == length)
                #expect(tail.sequence == UInt64(max(complete, 0) + 1))
            }
        }
    }

    @Test func aTornTailIsNamedWithItsOffsetAndKind() throws {
        let bytes = try JournalFixture.journalBytes()
        let last = try #require(try JournalReader.replay(bytes).records.last)
        let count = UInt64(JournalFixture.transactions.count)
        let cutHeader = try JournalReader.replay(Array(bytes.prefix(last.offset + 7)))
        #expect(cutHeader.end == .tornTail(TornTail(offset: last.offset, length: 7, sequence: count, kind: .incompleteRecordHeader)))
        let cutPayload = try JournalReader.replay(Array(bytes.dropLast(1)))
        #expect(
            cutPayload.end
                == .tornTail(
                    TornTail(
                        offset: last.offset, length: bytes.count - 1 - last.offset, sequence: count,
                        kind: .incompleteRecord(expectedLength: bytes.count - last.offset))))
        #expect(cutPayload.lastSequence == count - 1)
        let zeros = try JournalReader.replay(bytes + [UInt8](repeating: 0, count: 4_096))
        #expect(zeros.end == .tornTail(TornTail(offset: bytes.count, length: 4_096, sequence: count + 1, kind: .zeroFilled)))
        #expect(zeros.recordCount == Int(count))
        #expect(try JournalReader.replay([]).end == .tornTail(TornTail(offset: 0, length: 0, sequence: 1, kind: .incompleteFileHeader)))
        #expect(
            try JournalReader.replay(Array(JournalFormat.fileHeader.prefix(9))).end
                == .tornTail(TornTail(offset: 0, length: 9, sequence: 1, kind: .incompleteFileHeader)))
    }

    @Test func aByteFlippedInAnyRecordIsNamedWithItsOffsetAndSequence() throws {
        let bytes = try JournalFixture.journalBytes()
        let records = try JournalReader.replay(bytes).records
        for (index, record) in records.enumerated() {
            let end = index + 1 < records.count ? records[index + 1].offset : bytes.count
            for position in record.offset..<end {
                for mask: UInt8 in [0x01, 0x80, 0xFF] {
                    var damaged = bytes
                    damaged[position] ^= mask
                    let found = corruption(damaged)
                    #expect(
                        found?.offset == record.offset && found?.sequence == record.sequence,
                        "byte \(position) ^ \(mask) in record \(record.sequence): \(String(describing: found))")
                }
            }
        }
    }

    @Test func aDamagedFileHeaderIsTyped() throws {
        let bytes = try JournalFixture.journalBytes()
        for position in 0..<JournalFormat.fileHeaderSize {
            var damaged = bytes
            damaged[position] ^= 0x10
            #expect(throws: JournalError.self) { try JournalReader.replay(damaged) }
            do {
                _ = try JournalReader.replay(damaged)
            } catch {
                switch error {
                case .notAJournal: #expect(position < 8)
                case .corruptHeader: #expect(position >= 8)
                default: Issue.record("byte \(position): \(error)")
                }
            }
        }
        #expect(throws: JournalError.notAJournal) { try JournalReader.replay(Array("{\"format\":1}".utf8)) }
        var version2 = Array(JournalFormat.magic) + [2, 0, 0, 0]
        append(&version2, UInt64(CRC32C.checksum(version2)), bytes: 4)
        #expect(throws: JournalError.unsupportedVersion(2)) { try JournalReader.replay(version2) }
    }

    @Test func aSequenceGapIsCorruption() throws {
        let first = try JournalFormat.record(sequence: 1, JournalFixture.transactions[0])
        let third = try JournalFormat.record(sequence: 3, JournalFixture.transactions[1])
        let bytes = JournalFormat.fileHeader + first + third
        #expect(corruption(bytes) == JournalCorruption(offset: 16 + first.count, sequence: 2, kind: .sequenceGap(expected: 2, found: 3)))
        // Two records swapped: each checks, but not in this order.
        let second = try JournalFormat.record(sequence: 2, JournalFixture.transactions[1])
        #expect(corruption(JournalFormat.fileHeader + second + first)?.kind == .sequenceGap(expected: 1, found: 2))
        // A record repeated.
        #expect(corruption(JournalFormat.fileHeader + first + first)?.kind == .sequenceGap(expected: 2, found: 1))
    }

    @Test func unknownTypesBadLengthsReservedBitsAndMalformedPayloadsAreCorruption() throws {
        let header = JournalFormat.fileHeader
        #expect(corruption(header + craft(sequence: 1, type: 99, payload: [1, 2, 3]))?.kind == .unknownType(99))
        #expect(corruption(header + craft(sequence: 1, type: 0, payload: []))?.kind == .unknownType(0))
        // A length beyond the limit under a valid header checksum: refused before its bytes are read.
        for length: UInt32 in [4_097, 1 << 20, .max] {
            #expect(corruption(header + craft(length: length, sequence: 1, type: 2, payload: []))?.kind == .badLength(length))
        }
        #expect(corruption(header + craft(sequence: 1, type: 2, reserved: 1, payload: []))?.kind == .reservedBitsSet(1))
        // A garbage length without a valid header checksum.
        var garbage = try JournalFormat.record(sequence: 1, JournalFixture.transactions[2])
        garbage[3] = 0xFF
        guard case .headerChecksumMismatch? = corruption(header + garbage)?.kind else {
            Issue.record("a damaged length is not a header checksum mismatch")
            return
        }
        // Payloads that do not decode: a side of 7, bytes left over, a reason that is not UTF-8.
        let instrument = try JournalFormat.record(sequence: 1, JournalFixture.transactions[0])
        let valid = try JournalFormat.record(sequence: 2, JournalFixture.ack(1, JournalFixture.spot, .buy, 1))
        var payload = Array(valid[20..<(valid.count - 4)])
        payload[8 + 4] = 7
        guard case .malformedPayload? = corruption(header + instrument + craft(sequence: 2, type: 3, payload: payload))?.kind else {
            Issue.record("side 7 is not a malformed payload")
            return
        }
        let cash = try JournalFormat.record(sequence: 1, .cashAdjusted(Cents(1), reason: "ok"))
        let cashPayload = Array(cash[20..<(cash.count - 4)])
        guard case .malformedPayload? = corruption(header + craft(sequence: 1, type: 2, payload: cashPayload + [0]))?.kind,
            case .malformedPayload? = corruption(header + craft(sequence: 1, type: 2, payload: Array(cashPayload.dropLast(2)) + [0xC3, 0x28]))?.kind
        else {
            Issue.record("trailing bytes or invalid UTF-8 decoded")
            return
        }
    }

    @Test func aRecordTheBooksRefuseIsCorruptionNamingIt() throws {
        let bytes = JournalFormat.fileHeader + (try JournalFormat.record(sequence: 1, JournalFixture.fill(4, JournalFixture.spot, .buy, 1, at: 10)))
        #expect(corruption(bytes) == JournalCorruption(offset: 16, sequence: 1, kind: .refusedByBooks(.unknownInstrument(JournalFixture.spot))))
    }

    @Test func corruptionFollowedByATornTailIsStillCorruption() throws {
        var bytes = try JournalFixture.journalBytes()
        let records = try JournalReader.replay(bytes).records
        bytes[records[3].offset + 22] ^= 1
        bytes.removeLast(3)
        #expect(corruption(bytes)?.sequence == 4)
    }
}
