import Certification
import MarketSim
import Testing
import TradingMachines
import TradingVocabulary

/// Compaction (`TransactionJournal.compact()`, `JournalCheckpoint`): the journal rewritten as
/// its books changes no books, keeps numbering on, survives a kill or a failure at every one of
/// its write points, and the reader refuses a checkpoint that is cut short, misplaced or holds
/// what no books could.
@Suite struct JournalCompactionTests {
    let transactions = JournalFixture.transactions
    static let temporary = TransactionJournal.compactionPath(for: CrashingDisk.path)

    @Test func aCompactedJournalReplaysAsTheWholeOneAndGoesOn() throws {
        for count in 0...transactions.count {
            let disk = CrashingDisk()
            let journal = try TransactionJournal(path: CrashingDisk.path, fileSystem: disk)
            for transaction in transactions.prefix(count) { try journal.append(transaction) }
            let before = journal.length
            let compaction = try journal.compact()
            let prefix = try JournalFixture.books(Array(transactions.prefix(count)))
            #expect(compaction.checkpoint.lowerBound == UInt64(count + 1), "numbering goes on")
            #expect(compaction.bytesBefore == before && compaction.bytesAfter == disk.contents()?.count)
            #expect(journal.lastSequence == compaction.checkpoint.upperBound && journal.durableSequence == journal.lastSequence)
            #expect(journal.books == prefix)
            #expect(disk.contents(Self.temporary) == nil)
            for transaction in transactions.dropFirst(count) { try journal.append(transaction) }
            try journal.close()
            let bytes = try #require(disk.contents())
            let replay = try JournalReader.replay(bytes)
            #expect(replay.end == .clean)
            #expect(replay.books == (try JournalFixture.books()), "after \(count)")
            #expect(replay.checkpoint?.books == prefix)
            #expect(replay.checkpoint?.sequence == compaction.checkpoint.lowerBound)
            #expect(replay.transactions == Array(transactions.dropFirst(count)))
            #expect(bytes == (try JournalFixture.compactedBytes(after: count)), "canonical bytes")
            let reopened = try TransactionJournal(path: CrashingDisk.path, fileSystem: disk)
            #expect(reopened.books == replay.books && reopened.lastSequence == replay.lastSequence)
            #expect(reopened.discardedCompaction == nil && reopened.recoveredTail == nil)
        }
    }

    @Test func aCompactedJournalIsTheSizeOfItsStateNotItsHistory() throws {
        let disk = CrashingDisk()
        let journal = try TransactionJournal(path: CrashingDisk.path, fileSystem: disk, policy: .batched(maxRecords: 64))
        let symbol = JournalFixture.spot
        try journal.append(transactions[0])
        try journal.append(.cashAdjusted(Cents(1_000_000_000), reason: "deposit"))
        var sizes: [Int] = []
        for round in 0..<5 {
            // 200 orders, each bought and sold back: the state stays one flat holding.
            for n in 0..<100 {
                let id = UInt64(round * 200 + 2 * n + 1)
                try journal.append(JournalFixture.ack(id, symbol, .buy, 5))
                try journal.append(JournalFixture.fill(id, symbol, .buy, 5, at: 100 + Int64(n % 7), fee: 1))
                try journal.append(JournalFixture.ack(id + 1, symbol, .sell, 5))
                try journal.append(JournalFixture.fill(id + 1, symbol, .sell, 5, at: 101, fee: 1))
            }
            let books = journal.books
            let compaction = try journal.compact()
            #expect(compaction.bytesAfter < compaction.bytesBefore / 20)
            #expect(journal.books == books && books.transactionCount == 2 + 400 * (round + 1))
            sizes.append(compaction.bytesAfter)
        }
        // File header 16, checkpoint 72, instrument 53, id range 40, holding 60.
        #expect(sizes == [Int](repeating: 241, count: 5), "the same state, the same size, round after round")
        #expect(journal.books.knownOrders.ranges == [1...1_000], "a thousand ids, one range")
    }

    /// Journaled sessions on the simulated venue, compacted every few orders: the books, the
    /// reopened journal and the reconciliation with the venue (fills included) are those of the
    /// session, as without compaction.
    @Test(arguments: 0..<12)
    func compactingASessionChangesNothing(seed: UInt64) throws {
        let disk = CrashingDisk()
        var session = try JournaledSession(journal: try TransactionJournal(path: CrashingDisk.path, fileSystem: disk))
        var choices = SeededChoices(seed: seed)
        for _ in 0..<6 {
            try session.trade(orders: 1 + Int(choices.choose(upTo: 9)), choices: &choices)
            try session.journal.compact()
        }
        try session.trade(orders: 5, choices: &choices)
        try session.journal.close()
        let replay = try JournalReader.replay(try #require(disk.contents()))
        #expect(replay.checkpoint != nil && replay.end == .clean)
        #expect(replay.books == session.live)
        let report = Reconciliation.check(live: session.live, journal: replay, venue: session.venue)
        #expect(report.differences == [] && report.comparedFills, "seed \(seed)")
        #expect(try TransactionJournal(path: CrashingDisk.path, fileSystem: disk).books == session.live)
    }

    // MARK: Crashes and failures at every write point

    /// Journals the first `compactAfter` transactions, compacts, journals the rest, until the
    /// disk kills the process or fails; returns the transactions acknowledged and the failure.
    func journalAndCompact(_ disk: CrashingDisk, after compactAfter: Int) -> (acknowledged: Int, journal: TransactionJournal?, failure: JournalError?) {
        var acknowledged = 0
        var journal: TransactionJournal?
        do {
            let opened = try TransactionJournal(path: CrashingDisk.path, fileSystem: disk)
            journal = opened
            for transaction in transactions.prefix(compactAfter) {
                try opened.append(transaction)
                acknowledged += 1
            }
            try opened.compact()
            for transaction in transactions.dropFirst(compactAfter) {
                try opened.append(transaction)
                acknowledged += 1
            }
            try opened.close()
        } catch {
            return (acknowledged, journal, error)
        }
        return (acknowledged, journal, nil)
    }

    /// Reopens the journal: it holds the books of a prefix of the transactions with at least
    /// `mustHave` of them and no unfinished compaction file; appending the rest gives the books
    /// of a run without a fault.
    func recoverAndFinish(_ disk: CrashingDisk, mustHave: Int, context: String) throws {
        let leftover = disk.contents(Self.temporary)
        let journal = try TransactionJournal(path: CrashingDisk.path, fileSystem: disk)
        #expect(journal.discardedCompaction == leftover?.count, "\(context): the unfinished file is reported")
        #expect(disk.contents(Self.temporary) == nil, "\(context): and removed")
        let present = journal.books.transactionCount
        #expect(present >= mustHave, "\(context): \(mustHave) acknowledged, \(present) present")
        #expect(journal.books == (try JournalFixture.books(Array(transactions.prefix(present)))), "\(context): not a prefix")
        for transaction in transactions.dropFirst(present) { try journal.append(transaction) }
        try journal.close()
        let final = try JournalReader.replay(disk.contents() ?? [])
        let expected = try JournalFixture.books()
        #expect(final.end == .clean && final.books == expected, "\(context)")
        // Everything acknowledged since the restart is durable too: the open synced the
        // directory, so a compaction's rename cannot be undone by a power loss now.
        disk.crash(losing: .unsynced)
        #expect(try JournalReader.replay(disk.contents() ?? []).books == expected, "\(context), then a power loss")
    }

    @Test func aKillAtEveryWritePointOfACompactionLosesNothing() throws {
        let compactAfter = 9
        let clean = CrashingDisk()
        #expect(journalAndCompact(clean, after: compactAfter).failure == nil)
        let operations = clean.operations
        // Open 4, each append 2, compaction 8 (create, write, fsync, close; close, rename,
        // directory fsync, open), close 1.
        #expect(operations == 4 + 2 * transactions.count + 8 + 1)
        for operation in 0..<operations {
            for loss in CrashingDisk.Loss.allCases {
                let disk = CrashingDisk()
                disk.kill(at: operation)
                let (acknowledged, _, _) = journalAndCompact(disk, after: compactAfter)
                #expect(disk.isDead)
                disk.crash(losing: loss)
                try recoverAndFinish(disk, mustHave: acknowledged, context: "killed at operation \(operation), \(loss)")
            }
        }
    }

    @Test func aFailedStepBeforeTheRenameLeavesTheJournalUsableAndAfterItReopens() throws {
        let compactAfter = 9
        let first = 4 + 2 * compactAfter  // the compaction's first operation
        for step in 0..<8 {
            let disk = CrashingDisk()
            disk.fail(at: first + step)
            let (acknowledged, journal, failure) = journalAndCompact(disk, after: compactAfter)
            guard case .fileSystem? = failure, let journal else {
                Issue.record("step \(step): \(String(describing: failure))")
                continue
            }
            #expect(acknowledged == compactAfter)
            #expect(disk.contents(Self.temporary) == nil, "step \(step): no file left beside the journal")
            // Writing the new file (create, write, fsync, close): the journal is as it was.
            let usable = step < 4
            if usable {
                for transaction in transactions.dropFirst(compactAfter) { try journal.append(transaction) }
                try journal.close()
                #expect(try JournalReader.replay(disk.contents() ?? []).books == (try JournalFixture.books()), "step \(step)")
            } else {
                #expect(throws: JournalError.unusable) { try journal.append(transactions[compactAfter]) }
                try recoverAndFinish(disk, mustHave: acknowledged, context: "failed step \(step)")
            }
        }
    }

    @Test func anUnfinishedCompactionIsRemovedAndSaidAtOpenButKeptBesideAJournalThatDoesNotOpen() throws {
        let disk = CrashingDisk()
        disk.replace(with: try JournalFixture.journalBytes())
        disk.replace(Self.temporary, with: Array(try JournalFixture.compactedBytes(after: 4).prefix(40)))
        let journal = try TransactionJournal(path: CrashingDisk.path, fileSystem: disk)
        #expect(journal.discardedCompaction == 40)
        #expect(disk.contents(Self.temporary) == nil)
        #expect(journal.books == (try JournalFixture.books()))

        var damaged = try JournalFixture.journalBytes()
        damaged[JournalFormat.fileHeaderSize + 2] ^= 1
        disk.replace(with: damaged)
        disk.replace(Self.temporary, with: [1, 2, 3])
        #expect(throws: JournalError.self) { try TransactionJournal(path: CrashingDisk.path, fileSystem: disk) }
        #expect(disk.contents(Self.temporary) == [1, 2, 3])
    }

    @Test func aCompactionFileWithoutAJournalIsNeitherRemovedNorTakenForANewJournal() throws {
        let disk = CrashingDisk()
        let compacted = try JournalFixture.compactedBytes(after: 15)
        disk.replace(Self.temporary, with: compacted)
        #expect(throws: JournalError.compactionWithoutJournal(Self.temporary, length: compacted.count)) {
            try TransactionJournal(path: CrashingDisk.path, fileSystem: disk)
        }
        #expect(disk.contents(Self.temporary) == compacted && disk.contents() == nil)
    }

    @Test func noCheckpointStartsBeyondTheLastSequenceNumberAllowed() throws {
        let disk = CrashingDisk()
        let books = try JournalFixture.books()
        disk.replace(with: JournalFormat.compactedFileHeader + JournalCheckpoint.records(of: books, sequence: JournalFormat.maxCheckpointSequence))
        let journal = try TransactionJournal(path: CrashingDisk.path, fileSystem: disk)
        #expect(journal.books == books && journal.lastSequence > JournalFormat.maxCheckpointSequence)
        #expect(throws: JournalError.sequenceExhausted(journal.lastSequence)) { try journal.compact() }
        try journal.append(.cashAdjusted(Cents(1), reason: "still usable"))
        #expect(try JournalReader.replay(disk.contents() ?? []).books.cash == books.cash + 1)
        // One past the limit does not open a checkpoint: a sequence gap.
        disk.replace(with: JournalFormat.compactedFileHeader + JournalCheckpoint.records(of: books, sequence: JournalFormat.maxCheckpointSequence + 1))
        #expect({ if case .sequenceGap? = corruption(disk.contents() ?? [])?.kind { true } else { false } }())
    }

    // MARK: The reader

    func corruption(_ bytes: [UInt8]) -> JournalCorruption? { JournalFixture.corruption(bytes) }

    @Test func aCheckpointCutAnywhereIsCorruptionNotATornTail() throws {
        let bytes = try JournalFixture.compactedBytes(after: 12)
        let replay = try JournalReader.replay(bytes)
        let checkpointEnd = try #require(replay.records.first?.offset)
        // The file header's flag says a checkpoint follows: from the header on, a cut anywhere
        // before the checkpoint's end is damage.
        for length in JournalFormat.fileHeaderSize..<checkpointEnd {
            let found = corruption(Array(bytes.prefix(length)))
            guard case .incompleteCheckpoint(let missing)? = found?.kind else {
                Issue.record("cut at \(length): \(String(describing: found))")
                continue
            }
            #expect(missing >= 1)
        }
        // Zeros after a checkpoint cut short: still corruption (at a record boundary, the
        // checkpoint incomplete; inside a record, its checksum).
        let lastEntry = try #require(try recordOffsets(bytes).last { $0.offset < checkpointEnd })
        let zeroed = Array(bytes.prefix(lastEntry.offset)) + [UInt8](repeating: 0, count: 64)
        #expect({ if case .incompleteCheckpoint(1)? = corruption(zeroed)?.kind { true } else { false } }())
        #expect(corruption(Array(bytes.prefix(checkpointEnd - 3)) + [UInt8](repeating: 0, count: 64)) != nil)
        // After the checkpoint, a torn transaction is a torn tail as ever.
        #expect({ if case .tornTail = (try? JournalReader.replay(Array(bytes.dropLast(3))))?.end { true } else { false } }())
    }

    @Test func aCheckpointAnywhereButFirstIsCorruption() throws {
        let compacted = try JournalFixture.compactedBytes(after: 5)
        let checkpointEnd = try #require(try JournalReader.replay(compacted).records.first?.offset)
        let all = try JournalFixture.journalBytes()
        // Numbered on from the transactions, so that only its place is wrong.
        let misplaced =
            all + JournalCheckpoint.records(of: try JournalFixture.books(Array(transactions.prefix(5))), sequence: UInt64(transactions.count + 1))
        let found = corruption(misplaced)
        #expect(found?.offset == all.count && found?.sequence == UInt64(transactions.count + 1))
        #expect({ if case .malformedPayload? = found?.kind { true } else { false } }())
        #expect(corruption(all + Array(compacted[JournalFormat.fileHeaderSize..<checkpointEnd])) != nil)
        // A compacted journal that does not start with its checkpoint.
        let first = try JournalFormat.record(sequence: 1, transactions[0])
        #expect({ if case .invalidCheckpoint? = corruption(JournalFormat.compactedFileHeader + first)?.kind { true } else { false } }())
    }

    /// Books no transactions could make, each written as a checkpoint: refused, and said why.
    @Test func aCheckpointOfImpossibleBooksIsRefused() throws {
        let books = try JournalFixture.books(Array(transactions.prefix(13)))  // order 5 open, holdings in both symbols
        let valid = JournalFormat.compactedFileHeader + JournalCheckpoint.records(of: books, sequence: 14)
        #expect(try JournalReader.replay(valid).books == books)
        let records = try recordOffsets(valid)
        // The last record is the open order: its `filled` (the payload's last 8 bytes) set to
        // its quantity (7).
        var overfilled = valid
        let open = try #require(records.last)
        overfilled.replaceSubrange(open.end - 8..<open.end, with: littleEndian(Int64(7)))
        // A flat holding with a cost: the first holding's position (after the symbol) set to 0.
        var flat = valid
        let holding = try #require(records.first { $0.type == 7 })
        flat.replaceSubrange(holding.start + 4..<holding.start + 12, with: littleEndian(Int64(0)))
        // The first holding's cost on the other side of its position.
        var flipped = valid
        let cost = (0..<8).reduce(Int64(0)) { $0 | Int64(flipped[holding.start + 12 + $1]) << (8 * $1) }
        flipped.replaceSubrange(holding.start + 12..<holding.start + 20, with: littleEndian(-cost))
        // The only id range (1…5) with its upper bound set below its lower one.
        var ranges = valid
        let range = try #require(records.first { $0.type == 9 })
        ranges.replaceSubrange(range.start + 8..<range.start + 16, with: littleEndian(UInt64(0)))
        // The second instrument (FUT) renamed AAA: listed twice, out of the canonical order.
        var twice = valid
        let instruments = records.filter { $0.type == 1 }
        #expect(instruments.count == 2)
        twice.replaceSubrange(instruments[1].start + 1..<instruments[1].start + 4, with: Array("AAA".utf8))
        // Fewer transactions than the listings, acknowledgements and fills it holds.
        var few = valid
        let header = try #require(records.first)
        few.replaceSubrange(header.start + 16..<header.start + 24, with: littleEndian(UInt64(11)))
        for (name, bytes, detail) in [
            ("overfilled open order", overfilled, "7 of 7 filled"), ("flat holding with a cost", flat, "position 0 with cost"),
            ("cost against the position", flipped, "with cost -"), ("inverted id range", ranges, "order ids 1…0"),
            ("an instrument listed twice", twice, "instrument AAA after AAA"), ("too few transactions", few, "among 11 transactions"),
        ] {
            let found = corruption(fixChecksums(bytes, records))
            guard case .invalidCheckpoint(let text)? = found?.kind else {
                Issue.record("\(name): \(String(describing: found))")
                continue
            }
            #expect(text.contains(detail), "\(name): \(text)")
        }
    }

    struct RecordSpan {
        var offset: Int
        var type: UInt16
        /// The payload's first byte and the byte after it.
        var start: Int
        var end: Int
    }

    func recordOffsets(_ bytes: [UInt8]) throws -> [RecordSpan] {
        var spans: [RecordSpan] = []
        var offset = JournalFormat.fileHeaderSize
        while offset < bytes.count {
            let length = (0..<4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
            let type = UInt16(bytes[offset + 12]) | UInt16(bytes[offset + 13]) << 8
            let start = offset + JournalFormat.recordHeaderSize
            spans.append(RecordSpan(offset: offset, type: type, start: start, end: start + length))
            offset = start + length + JournalFormat.trailerSize
        }
        return spans
    }

    func fixChecksums(_ bytes: [UInt8], _ spans: [RecordSpan]) -> [UInt8] {
        var fixed = bytes
        for span in spans {
            let checksum = CRC32C.checksum(Array(fixed[span.offset..<span.offset + 16]) + Array(fixed[span.start..<span.end]))
            fixed.replaceSubrange(span.end..<span.end + 4, with: littleEndian(checksum))
        }
        return fixed
    }

    func littleEndian<Value: FixedWidthInteger>(_ value: Value) -> [UInt8] {
        (0..<(Value.bitWidth / 8)).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
}
