@testable @_spi(BugZoo) import Certification
import ExchangeVocabulary
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

    /// The fixture journal's books reconciled against a venue account `change` alters, as an
    /// integrity result (the journal clean, every fill in both).
    func gateResult(_ change: (inout AccountSnapshot) -> Void) throws -> IntegrityResult {
        let journal = try JournalReader.replay(try JournalFixture.journalBytes())
        var venue = journal.books.account
        change(&venue)
        let report = Reconciliation.check(live: journal.books, journal: journal, venueAccount: venue, venueFills: nil)
        return IntegrityResult(seed: 1, report: report, fills: 5, journalEnd: .clean, compacted: false)
    }

    @Test func aPositionDifferenceFailsTheGateWhateverTheMoney() throws {
        // The fixture's spot holding: 5 lots marked at 110, tick value 1. The venue holds 10 at 55:
        // the same market value, the same cost; one record is wrong all the same.
        let result = try gateResult {
            $0.holdings[0].position = 10
            $0.holdings[0].mark = Ticks(55)
        }
        #expect(result.report.largestMoneyDelta == 0)
        #expect(result.report.positionDifferences.map(\.field) == [.position])
        var lenient = CertificationGates()
        lenient.integrityDeltaMinorUnits = 1_000_000_000
        #expect(!result.passed(lenient), "a position differing fails the gate however lenient its delta")
        let gate = CertificationRun.integrity([result], gates: lenient)
        #expect(!gate.passed)
        #expect(gate.ruleBreaks.map(\.rule) == ["positions differ: AAA position: live 5, journal 5, venue 10"])
    }

    @Test func aTickValueDifferenceFailsTheGateWhateverTheMoney() throws {
        let journal = try JournalReader.replay(try JournalFixture.journalBytes())
        let listed = journal.books.instruments.values.sorted { $0.symbol < $1.symbol }
        // An instrument nothing was traded in: the live books list it at 5 a tick, the venue at 7.
        let idle = JournalFixture.symbol("ZZZ")
        var live = journal.books
        try live.apply(.instrumentListed(Instrument(symbol: idle, kind: .spot, tickValue: 5)))
        let venueListing = listed + [Instrument(symbol: idle, kind: .spot, tickValue: 7)]
        let idleOnly = Reconciliation.check(
            live: live, journal: journal, venueAccount: journal.books.account, venueFills: nil, venueInstruments: venueListing)
        #expect(idleOnly.differences == [.books(BooksDifference(symbol: idle, field: .tickValue, live: 5, journal: nil, venue: 7))])
        #expect(idleOnly.largestMoneyDelta == 0)
        var lenient = CertificationGates()
        lenient.integrityDeltaMinorUnits = 1_000_000_000
        let result = IntegrityResult(seed: 1, report: idleOnly, fills: 5, journalEnd: .clean, compacted: false)
        #expect(!result.passed(lenient), "records disagreeing on an instrument fail the gate however lenient its delta")
        #expect(
            CertificationRun.integrity([result], gates: lenient).ruleBreaks.map(\.rule) == ["tick values differ: ZZZ tick value: live 5, journal none, venue 7"]
        )

        // The future (2 lots marked at 95, tick value 10) listed by the venue at 20: each record
        // values its holding at its own tick value, so the market values differ by 1 900.
        let doubled = listed.map {
            $0.symbol == JournalFixture.future ? Instrument(symbol: $0.symbol, kind: $0.kind, tickValue: 20, initialMargin: $0.initialMargin) : $0
        }
        let held = Reconciliation.check(
            live: journal.books, journal: journal, venueAccount: journal.books.account, venueFills: nil, venueInstruments: doubled)
        #expect(
            held.differences == [
                .books(BooksDifference(symbol: JournalFixture.future, field: .tickValue, live: 10, journal: 10, venue: 20)),
                .books(BooksDifference(symbol: JournalFixture.future, field: .marketValue, live: 1_900, journal: 1_900, venue: 3_800)),
            ])
        // Without the venue's listing, the three agree (nothing else differs).
        #expect(Reconciliation.check(live: journal.books, journal: journal, venueAccount: journal.books.account, venueFills: nil).isExact)
    }

    @Test func aMarkDifferenceIsMoneyOnTheHoldingItValues() throws {
        // The future: 2 lots marked at 95, tick value 10. A mark 5 ticks off is 100 minor units of
        // market value (the gate's limit, passed); 6 ticks off, 120 (failed).
        let atLimit = try gateResult { $0.holdings[1].mark = Ticks(100) }
        #expect(atLimit.report.largestMoneyDelta == 100 && atLimit.passed(CertificationGates()))
        let over = try gateResult { $0.holdings[1].mark = Ticks(101) }
        #expect(over.report.largestMoneyDelta == 120)
        #expect(!over.passed(CertificationGates()))
        #expect(!CertificationRun.integrity([over], gates: CertificationGates()).passed)
    }

    @Test func aMarketValuePast128BitsIsHeldNotTrapped() throws {
        // A crafted record: Int64.max lots of the future (tick value 10) marked at Int64.max.
        let result = try gateResult {
            $0.holdings[1].position = .max
            $0.holdings[1].mark = Ticks(.max)
        }
        #expect(result.report.largestMoneyDelta == .max - 1_900, "held at Int64.max, less the journal's 1 900")
        #expect(!result.passed(CertificationGates()))
    }

    @Test func theSameSeedGivesTheSameSession() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try IntegrityTest().run(seed: 9, directory: directory) == IntegrityTest().run(seed: 9, directory: directory))
    }
}
