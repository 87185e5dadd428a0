import Certification
import Testing
import TradingMachines

/// Crash safety at every write point (as SQLite tests its journal): each numbered operation of
/// journaling the fixture's transactions — open, header write, fsync, directory fsync, each
/// record's write and fsync — is the one the process dies at, under each kind of loss.
@Suite struct JournalCrashTests {
    let transactions = JournalFixture.transactions

    /// Journals `transactions` until the disk kills the process; returns those acknowledged.
    func journalUntilKilled(_ disk: CrashingDisk, policy: TransactionJournal.SyncPolicy = .everyAppend)
        -> (acknowledged: Int, durable: UInt64)
    {
        var acknowledged = 0
        var durable: UInt64 = 0
        do {
            let journal = try TransactionJournal(path: CrashingDisk.path, fileSystem: disk, policy: policy)
            for transaction in transactions {
                try journal.append(transaction)
                acknowledged += 1
                durable = journal.durableSequence
            }
            try journal.close()
        } catch {
            // The process died here.
        }
        return (acknowledged, durable)
    }

    /// The operations of a run without faults.
    func operationCount(policy: TransactionJournal.SyncPolicy = .everyAppend) -> Int {
        let disk = CrashingDisk()
        _ = journalUntilKilled(disk, policy: policy)
        return disk.operations
    }

    /// After the restart: the journal opens, holds a prefix of the transactions with at least
    /// `mustHave` of them, replays cleanly once recovered, and appending the rest gives the
    /// whole sequence and the books of a run without a crash.
    func recoverAndFinish(_ disk: CrashingDisk, mustHave: Int, context: String) throws {
        let journal = try TransactionJournal(path: CrashingDisk.path, fileSystem: disk)
        let recovered = try JournalReader.replay(disk.contents() ?? [])
        #expect(recovered.end == .clean, "\(context): not clean after recovery")
        let present = recovered.recordCount
        #expect(present >= mustHave, "\(context): \(mustHave) acknowledged, \(present) present")
        #expect(recovered.transactions == Array(transactions.prefix(present)), "\(context): not a prefix")
        #expect(journal.lastSequence == UInt64(present))
        #expect(journal.books == recovered.books)
        for transaction in transactions.dropFirst(present) { try journal.append(transaction) }
        try journal.close()
        let final = try JournalReader.replay(disk.contents() ?? [])
        #expect(final.transactions == transactions, "\(context): after appending the rest")
        #expect(final.end == .clean)
        #expect(final.books == (try JournalFixture.books()), "\(context): books")
    }

    @Test func aKillAtEveryWritePointLosesNoAcknowledgedTransaction() throws {
        let operations = operationCount()
        // Open: open, header write, fsync, directory fsync; each record: write, fsync; close.
        #expect(operations == 4 + 2 * transactions.count + 1)
        for operation in 0..<operations {
            for loss in CrashingDisk.Loss.allCases {
                let disk = CrashingDisk()
                disk.kill(at: operation)
                let (acknowledged, _) = journalUntilKilled(disk)
                #expect(disk.isDead)
                disk.crash(losing: loss)
                try recoverAndFinish(disk, mustHave: acknowledged, context: "killed at operation \(operation), \(loss)")
            }
        }
    }

    @Test func aSecondKillDuringRecoveryIsSurvivedToo() throws {
        let operations = operationCount()
        for first in stride(from: 0, to: operations, by: 3) {
            for loss in CrashingDisk.Loss.allCases {
                /// A disk as the first kill and the crash leave it, and what was acknowledged.
                func killedOnce() -> (disk: CrashingDisk, acknowledged: Int) {
                    let disk = CrashingDisk()
                    disk.kill(at: first)
                    let (acknowledged, _) = journalUntilKilled(disk)
                    disk.crash(losing: loss)
                    return (disk, acknowledged)
                }
                // Recovery's own operations (open, truncate, header, fsyncs) are write points
                // too: counted on a recovery without faults, then each is the second kill's.
                let probe = killedOnce().disk
                let base = probe.operations
                _ = try TransactionJournal(path: CrashingDisk.path, fileSystem: probe)
                let recovery = probe.operations - base
                #expect(recovery >= 1, "killed at \(first), \(loss): recovery did nothing")
                for second in 0..<recovery {
                    let (disk, acknowledged) = killedOnce()
                    disk.kill(at: disk.operations + second)
                    _ = try? TransactionJournal(path: CrashingDisk.path, fileSystem: disk)
                    #expect(disk.isDead, "killed at \(first), \(loss): recovery's operation \(second) was never reached")
                    disk.crash(losing: loss)
                    try recoverAndFinish(
                        disk, mustHave: acknowledged, context: "killed at \(first) then at recovery's operation \(second), \(loss)")
                }
            }
        }
    }

    @Test func theBatchedPolicyLosesOnlyWhatFollowsTheLastFsync() throws {
        let batch = 4
        let policy = TransactionJournal.SyncPolicy.batched(maxRecords: batch)
        let operations = operationCount(policy: policy)
        for operation in 0..<operations {
            for loss in CrashingDisk.Loss.allCases {
                let disk = CrashingDisk()
                disk.kill(at: operation)
                let (acknowledged, durable) = journalUntilKilled(disk, policy: policy)
                disk.crash(losing: loss)
                // Everything up to the last fsync survives; at most batch − 1 acknowledged after it.
                #expect(acknowledged - Int(durable) <= batch - 1)
                try recoverAndFinish(
                    disk, mustHave: loss == .nothing ? acknowledged : Int(durable),
                    context: "batched, killed at \(operation), \(loss)")
            }
        }
    }

    @Test func aFailedWriteOrFsyncMakesTheJournalUnusableUntilReopened() throws {
        let operations = operationCount()
        for operation in 0..<operations {
            let disk = CrashingDisk()
            disk.fail(at: operation)
            var acknowledged = 0
            var failure: JournalError?
            var journal: TransactionJournal?
            do {
                let opened = try TransactionJournal(path: CrashingDisk.path, fileSystem: disk)
                journal = opened
                for transaction in transactions {
                    try opened.append(transaction)
                    acknowledged += 1
                }
                try opened.close()
            } catch {
                failure = error
            }
            guard case .fileSystem? = failure else {
                Issue.record("operation \(operation): \(String(describing: failure))")
                continue
            }
            if let journal, acknowledged < transactions.count {
                // No retry after a failed write or fsync: the tail is unknown.
                #expect(throws: JournalError.unusable) { try journal.append(transactions[acknowledged]) }
            }
            // The same process reopens it: the torn tail is cut, and it goes on.
            try recoverAndFinish(disk, mustHave: acknowledged, context: "failed operation \(operation)")
        }
    }

    @Test func aRefusedTransactionWritesNothingAndTheJournalGoesOn() throws {
        let disk = CrashingDisk()
        let journal = try TransactionJournal(path: CrashingDisk.path, fileSystem: disk)
        for transaction in transactions.prefix(3) { try journal.append(transaction) }
        let length = disk.contents()?.count
        let unknown = JournalFixture.fill(42, JournalFixture.spot, .buy, 1, at: 100)
        #expect(throws: JournalError.refused(unknown, .unknownOrder(42))) { try journal.append(unknown) }
        #expect(disk.contents()?.count == length)
        for transaction in transactions.dropFirst(3) { try journal.append(transaction) }
        #expect(try JournalReader.replay(disk.contents() ?? []).transactions == transactions)
    }

    @Test func aCorruptedJournalDoesNotOpenAndSaysWhere() throws {
        let disk = CrashingDisk()
        var bytes = try JournalFixture.journalBytes()
        let records = try JournalReader.replay(bytes).records
        bytes[records[5].offset + 25] ^= 0x40
        disk.replace(with: bytes)
        do {
            _ = try TransactionJournal(path: CrashingDisk.path, fileSystem: disk)
            Issue.record("a corrupted journal opened")
        } catch {
            guard case .corrupted(let corruption) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(corruption.offset == records[5].offset && corruption.sequence == 6)
            #expect(corruption.description.contains("offset \(records[5].offset) (record 6)"))
        }
        #expect(disk.contents() == bytes, "the file is left as found")
    }

    @Test func aMissingDirectoryIsAnErrorNotAFreshJournal() {
        #expect(throws: JournalError.missingDirectory("/elsewhere")) {
            try TransactionJournal(path: "/elsewhere/j", fileSystem: CrashingDisk())
        }
    }
}
