import Certification
import Foundation
import Testing
import TradingMachines

/// The journal on the real file system: appends survive a reopen, and a torn tail left on disk
/// is named and cut off.
@Suite struct POSIXJournalTests {
    func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stresscheck-journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    @Test func aTornTailOnDiskIsCutAndAppendingGoesOn() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/transactions.journal"
        let transactions = JournalFixture.transactions
        let first = try TransactionJournal(path: path)
        for transaction in transactions.prefix(8) {
            let receipt = try first.append(transaction)
            #expect(receipt.durable)
        }
        try first.close()
        #expect(throws: JournalError.unusable) { try first.append(transactions[8]) }
        let whole = try #require(try POSIXFileSystem().readFile(atPath: path))
        // A crash in the middle of the ninth append: half its record reached the file.
        let ninth = try JournalFormat.record(sequence: 9, transactions[8])
        let handle = try POSIXFileSystem().openForAppend(atPath: path)
        try POSIXFileSystem().write(Array(ninth.prefix(ninth.count / 2)), to: handle)
        try POSIXFileSystem().close(handle)
        let second = try TransactionJournal(path: path, policy: .batched(maxRecords: 3))
        #expect(
            second.recoveredTail
                == TornTail(
                    offset: whole.count, length: ninth.count / 2, sequence: 9,
                    kind: .incompleteRecord(expectedLength: ninth.count)))
        #expect(try POSIXFileSystem().readFile(atPath: path) == whole)
        for transaction in transactions.dropFirst(8) { try second.append(transaction) }
        try second.close()
        let replay = try JournalReader.replay(try #require(try POSIXFileSystem().readFile(atPath: path)))
        #expect(replay.transactions == transactions)
        #expect(replay.books == (try JournalFixture.books()))
    }

    @Test func aFileThatIsNotAJournalIsLeftAlone() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/state.json"
        try Data("{\"format\":\"stresscheck\"}".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: JournalError.notAJournal) { try TransactionJournal(path: path) }
        #expect(try POSIXFileSystem().readFile(atPath: path) == Array("{\"format\":\"stresscheck\"}".utf8))
    }
}
