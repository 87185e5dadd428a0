import Certification
import Foundation
import Testing

/// The fuzz target's seed corpus (`corpus/journal/`): each seed's name says what the reader
/// must find in it — `valid-*` a clean end, `torn-*` a torn tail, `corrupt-*` a corruption.
/// `STRESSCHECK_WRITE_JOURNAL_SEEDS=1 swift test --filter JournalSeedTests` rewrites them.
@Suite struct JournalSeedTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("corpus/journal")

    /// A record whose header fields are chosen, with valid checksums.
    static func crafted(length: UInt32, sequence: UInt64, type: UInt16, payload: [UInt8]) -> [UInt8] {
        var header: [UInt8] = []
        for index in 0..<4 { header.append(UInt8(truncatingIfNeeded: length >> (8 * UInt32(index)))) }
        for index in 0..<8 { header.append(UInt8(truncatingIfNeeded: sequence >> (8 * UInt64(index)))) }
        header += [UInt8(truncatingIfNeeded: type), UInt8(truncatingIfNeeded: type >> 8), 0, 0]
        let headerChecksum = CRC32C.checksum(header)
        let recordChecksum = CRC32C.checksum(header + payload)
        return header + (0..<4).map { UInt8(truncatingIfNeeded: headerChecksum >> (8 * UInt32($0))) } + payload
            + (0..<4).map { UInt8(truncatingIfNeeded: recordChecksum >> (8 * UInt32($0))) }
    }

    static func seeds() throws -> [String: [UInt8]] {
        let all = try JournalFixture.journalBytes()
        let records = try JournalReader.replay(all).records
        var flipped = all
        flipped[records[5].offset + 24] ^= 0x04
        let first = try JournalFormat.record(sequence: 1, JournalFixture.transactions[0])
        let compacted = try JournalFixture.compactedBytes(after: 10)
        let checkpointEnd = try #require(try JournalReader.replay(compacted).records.first?.offset)
        return [
            "valid-compacted": compacted,
            "corrupt-checkpoint-cut-short": Array(compacted.prefix(checkpointEnd - 1)),
            "corrupt-checkpoint-not-first": all + JournalCheckpoint.records(of: try JournalFixture.books(), sequence: UInt64(records.count + 1)),
            "corrupt-compacted-without-checkpoint": JournalFormat.compactedFileHeader + first,
            "valid-all-kinds": all,
            "valid-header-only": JournalFormat.fileHeader,
            "valid-three-records": try JournalFixture.journalBytes(Array(JournalFixture.transactions.prefix(3))),
            "torn-inside-a-record": Array(all.dropLast(5)),
            "torn-inside-a-header": Array(all.prefix(records[4].offset + 11)),
            "torn-zero-filled": all + [UInt8](repeating: 0, count: 64),
            "torn-file-header": Array(JournalFormat.fileHeader.prefix(9)),
            "corrupt-flipped-byte": flipped,
            "corrupt-sequence-gap": JournalFormat.fileHeader + first + (try JournalFormat.record(sequence: 3, JournalFixture.transactions[1])),
            "corrupt-huge-length": JournalFormat.fileHeader + first + crafted(length: .max, sequence: 2, type: 2, payload: []),
            "corrupt-unknown-type": JournalFormat.fileHeader + first + crafted(length: 3, sequence: 2, type: 77, payload: [1, 2, 3]),
        ]
    }

    @Test func theSeedsAreWhatTheirNamesSay() throws {
        let seeds = try Self.seeds()
        if ProcessInfo.processInfo.environment["STRESSCHECK_WRITE_JOURNAL_SEEDS"] == "1" {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            for (name, bytes) in seeds { try Data(bytes).write(to: Self.directory.appendingPathComponent(name)) }
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).sorted()
        #expect(names == seeds.keys.sorted())
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: Self.directory.appendingPathComponent(name)))
            #expect(bytes == seeds[name], "\(name) differs from its generator")
            do {
                let replay = try JournalReader.replay(bytes)
                if name.hasPrefix("valid-") {
                    #expect(replay.end == .clean, "\(name)")
                } else {
                    guard name.hasPrefix("torn-"), case .tornTail = replay.end else {
                        Issue.record("\(name): \(replay.end)")
                        continue
                    }
                }
            } catch {
                guard name.hasPrefix("corrupt-"), case .corrupted = error else {
                    Issue.record("\(name): \(error)")
                    continue
                }
            }
        }
    }
}
