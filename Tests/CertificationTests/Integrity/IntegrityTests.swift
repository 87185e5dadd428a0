@_spi(BugZoo) import Certification
import Foundation
import Testing

@Suite struct IntegrityTests {
    func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stresscheck-integrity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    @Test func seededSessionsReconcileToTheMinorUnit() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for seed in UInt64(1)...5 {
            let result = try IntegrityTest().run(seed: seed, directory: directory)
            #expect(result.fills >= 10, "seed \(seed): only \(result.fills) fills, the session measured little")
            #expect(result.report.isExact && result.report.comparedFills, "seed \(seed): \(result.report.differences)")
            #expect(result.compacted, "seed \(seed): reconciled across a checkpoint")
            #expect(result.passed(CertificationGates()))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty, "the journals are removed")
    }

    @Test func aFillDroppedFromTheJournalFailsTheGateWhateverItsSize() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var test = IntegrityTest()
        test.dropsFill = 3
        test.compactions = 0  // every fill a record: the dropped one is named
        let result = try test.run(seed: 1, directory: directory)
        #expect(result.report.differences.contains { if case .fillMissingFromJournal = $0 { true } else { false } })
        #expect(!result.passed(CertificationGates()))
        var lenient = CertificationGates()
        lenient.integrityDeltaMinorUnits = 1_000_000_000
        #expect(!result.passed(lenient), "a transaction missing from the journal fails the gate however small its amount")
    }

    @Test func aFillDroppedBeforeTheCheckpointIsStillCaught() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var test = IntegrityTest()
        test.dropsFill = 0  // the session's first fill, long before the compaction halfway
        let result = try test.run(seed: 1, directory: directory)
        #expect(result.compacted)
        #expect(!result.passed(CertificationGates()))
        #expect(result.report.differences.contains { if case .books = $0 { true } else { false } }, "the checkpoint's books lack it")
        // Counted, not named: the checkpoint keeps books, not fills; and no other fill is blamed.
        let fills = result.report.differences.filter { if case .books = $0 { false } else { true } }
        guard case .fillCountBeforeCheckpoint(let journal, let venue)? = fills.first, fills.count == 1 else {
            Issue.record("\(fills)")
            return
        }
        #expect(venue == journal + 1)
        var uncompacted = test
        uncompacted.compactions = 0
        let named = try uncompacted.run(seed: 1, directory: directory)
        #expect(!named.compacted && !named.passed(CertificationGates()))
    }

    @Test func theSameSeedGivesTheSameSession() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try IntegrityTest().run(seed: 9, directory: directory) == IntegrityTest().run(seed: 9, directory: directory))
    }
}
