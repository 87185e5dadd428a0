import Certification
import ExchangeVocabulary
import MarketSim
import Testing
import TradingVocabulary

@Suite struct JournalFormatTests {
    @Test func crc32cMatchesTheCastagnoliCheckValue() {
        // The standard check value of CRC-32C ("123456789"), and RFC 3720's 32 zero bytes.
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        // A record header of zeros does not check: a zero-filled tail is never a record.
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 16)) != 0)
    }

    @Test func theFileHeaderIsMagicVersionFlagsAndItsChecksum() {
        let header = JournalFormat.fileHeader
        #expect(header.count == JournalFormat.fileHeaderSize)
        #expect(Array(header[0..<8]) == Array("SCJRNL\r\n".utf8))
        #expect(Array(header[8..<12]) == [1, 0, 0, 0])
        #expect(header[12..<16].elementsEqual(littleEndian(CRC32C.checksum(header[0..<12]))))
    }

    @Test func aRecordIsLengthSequenceTypeHeaderChecksumPayloadAndRecordChecksum() throws {
        let record = try JournalFormat.record(sequence: 7, .cashAdjusted(Cents(-5), reason: "x"))
        // Payload: amount (8) + reason length (2) + "x" (1).
        #expect(record.count == JournalFormat.recordHeaderSize + 11 + JournalFormat.trailerSize)
        #expect(Array(record[0..<4]) == [11, 0, 0, 0])
        #expect(Array(record[4..<12]) == [7, 0, 0, 0, 0, 0, 0, 0])
        #expect(Array(record[12..<16]) == [2, 0, 0, 0])
        #expect(record[16..<20].elementsEqual(littleEndian(CRC32C.checksum(record[0..<16]))))
        #expect(Array(record[20..<31]) == [0xFB, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 1, 0, UInt8(ascii: "x")])
        #expect(record[31..<35].elementsEqual(littleEndian(CRC32C.checksum(Array(record[0..<16]) + Array(record[20..<31])))))
    }

    @Test func everyKindOfTransactionRoundTrips() throws {
        let bytes = try JournalFixture.journalBytes()
        let replay = try JournalReader.replay(bytes)
        #expect(replay.transactions == JournalFixture.transactions)
        #expect(replay.records.map(\.sequence) == Array(1...UInt64(JournalFixture.transactions.count)))
        #expect(replay.end == .clean)
        #expect(replay.validLength == bytes.count)
        #expect(replay.lastSequence == UInt64(JournalFixture.transactions.count))
    }

    @Test func theBooksAreExactToTheMinorUnit() throws {
        let books = try JournalReader.replay(try JournalFixture.journalBytes()).books
        // Worked by hand: docs/certification.md's cost rule on the fixture's fills.
        #expect(books.cash == 999_434)
        #expect(books.fees == 10)
        #expect(books.realized == 197)
        #expect(
            books.account.holdings == [
                HoldingSnapshot(symbol: JournalFixture.spot, position: 5, cost: 503, realized: 47, mark: 110),
                HoldingSnapshot(symbol: JournalFixture.future, position: 2, cost: 1_900, realized: 150, mark: 95),
            ])
        #expect(books.openOrders.isEmpty)
        #expect(books == (try JournalFixture.books()))
    }

    @Test func aTransactionTheReaderWouldRefuseIsNotEncoded() {
        let tooLong = String(repeating: "a", count: JournalTransaction.maxReasonLength + 1)
        #expect(throws: JournalError.self) { try JournalFormat.record(sequence: 1, .cashAdjusted(Cents(1), reason: tooLong)) }
        #expect(throws: JournalError.self) { try JournalFormat.record(sequence: 1, JournalFixture.fill(1, JournalFixture.spot, .buy, 0, at: 100)) }
        #expect(throws: JournalError.self) { try JournalFormat.record(sequence: 1, JournalFixture.fill(1, JournalFixture.spot, .buy, 1, at: -1)) }
        #expect(throws: JournalError.self) {
            try JournalFormat.record(sequence: 1, .instrumentListed(Instrument(symbol: JournalFixture.spot, kind: .spot, tickValue: 101)))
        }
    }

    @Test func theBooksRefuseWhatDoesNotAddUpAndChangeNothing() throws {
        var books = try JournalFixture.books(Array(JournalFixture.transactions.prefix(4)))
        let before = books
        let refusals: [(JournalTransaction, BooksError)] = [
            (JournalFixture.fill(9, JournalFixture.spot, .buy, 1, at: 100), .unknownOrder(9)),
            (JournalFixture.fill(1, JournalFixture.spot, .sell, 1, at: 100), .fillDoesNotMatchOrder(1)),
            (JournalFixture.fill(1, JournalFixture.spot, .buy, 11, at: 100), .overfill(1, filled: 0, fill: 11, ordered: 10)),
            (JournalFixture.ack(1, JournalFixture.spot, .buy, 1), .duplicateOrder(1)),
            (JournalFixture.ack(2, JournalFixture.symbol("ZZZ"), .buy, 1), .unknownInstrument(JournalFixture.symbol("ZZZ"))),
            (.orderCancelled(ClientOrderID(8), reason: ""), .unknownOrder(8)),
            (.cashAdjusted(Cents(Int64.max), reason: ""), .overflow("cash")),
            (JournalFixture.transactions[0], .duplicateInstrument(JournalFixture.spot)),
        ]
        for (transaction, error) in refusals {
            #expect(throws: error) { try books.apply(transaction) }
            #expect(books == before)
        }
        try books.apply(JournalFixture.fill(1, JournalFixture.spot, .buy, 10, at: 100))
        #expect(throws: BooksError.orderNotOpen(1)) { try books.apply(JournalFixture.fill(1, JournalFixture.spot, .buy, 1, at: 100)) }
    }

    private func littleEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
}
