@_spi(BugZoo) import Certification
import ExchangeSim
import ExchangeVocabulary
import Foundation
import MarketSim
import Testing
import TradingMachines
import TradingVocabulary

/// The reconciliation tests' session: three instruments of different kinds and tick values (a
/// future among them), and a deterministic path.
extension JournaledSession {
    static let mixedSymbols = [JournalFixture.symbol("AAA"), JournalFixture.symbol("BBB"), JournalFixture.symbol("FUT")]
    static let mixedConfiguration = VenueConfiguration(
        instruments: [
            Instrument(symbol: mixedSymbols[0], kind: .spot, tickValue: 1),
            Instrument(symbol: mixedSymbols[1], kind: .spot, tickValue: 3),
            Instrument(symbol: mixedSymbols[2], kind: .futures(expiry: SimTime.simulationEpoch + .hours(1)), tickValue: 10, initialMargin: 1_000),
        ],
        initialCash: Cents(5_000_000), fees: FeeSchedule(maker: BasisPoints(-2), taker: BasisPoints(7)), slippage: .none,
        participation: BasisPoints(10_000), timeout: .seconds(1), cancelOnDisconnect: false, start: .simulationEpoch)

    init(journal: TransactionJournal) throws { try self.init(configuration: Self.mixedConfiguration, journal: journal) }

    /// A deterministic session: market orders both ways on all three instruments (the future
    /// through flat), resting limits filled as makers, and one order cancelled.
    mutating func trade() throws {
        let path: [Int64] = [100, 102, 99, 97, 103, 108, 104, 101, 96, 98, 105, 110]
        for (step, price) in path.enumerated() {
            for symbol in 0..<3 { try quote(symbol, bid: price + Int64(symbol) * 7) }
            try send(step % 3, step % 2 == 0 ? .buy : .sell, Int64(1 + step % 4) * 3)
            try send((step + 1) % 3, step % 3 == 0 ? .sell : .buy, Int64(2 + step % 5))
            if step % 4 == 1 {
                // A resting buy one tick under the bid: filled as a maker when the market falls to it.
                try send(0, .buy, 4, .limit(Ticks(price - 1)))
            }
        }
        let far = try send(1, .buy, 9, .limit(Ticks(10)))
        try cancel(far)
        for symbol in 0..<3 { try quote(symbol, bid: 90) }
    }
}

@Suite struct ReconciliationTests {
    func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stresscheck-journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    @Test func aJournaledSessionReconcilesToTheMinorUnit() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/transactions.journal"
        var session = try JournaledSession(journal: try TransactionJournal(path: path))
        try session.trade()
        try session.journal.close()
        #expect(session.venue.fills.count >= 20)
        #expect(session.venue.fills.contains { $0.liquidity == .maker })
        #expect(session.live.fees != 0)
        #expect(session.venue.account.holdings.contains { $0.position < 0 } || session.venue.account.holdings.contains { $0.realized != 0 })
        let bytes = try #require(try POSIXFileSystem().readFile(atPath: path))
        let replay = try JournalReader.replay(bytes)
        #expect(replay.end == .clean)
        #expect(replay.books == session.live)
        #expect(replay.transactions.contains { if case .orderCancelled(_, "canceled") = $0 { true } else { false } })
        let report = Reconciliation.check(live: session.live, journal: replay, venue: session.venue)
        #expect(report.differences == [])
        #expect(report.isExact && report.comparedFills && report.largestMoneyDelta == 0)
        #expect(replay.books.account == session.venue.account)
        // The journal reopens where it ended, with the same books.
        let reopened = try TransactionJournal(path: path)
        #expect(reopened.recoveredTail == nil)
        #expect(reopened.books == session.live)
        #expect(reopened.lastSequence == UInt64(replay.recordCount))
    }

    @Test func aFillDroppedFromTheJournalIsNamed() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/transactions.journal"
        var session = try JournaledSession(journal: try TransactionJournal(path: path))
        session.dropsFill = 5
        try session.trade()
        try session.journal.close()
        let dropped = try #require(session.dropped)
        let replay = try JournalReader.replay(try #require(try POSIXFileSystem().readFile(atPath: path)))
        let report = Reconciliation.check(live: session.live, journal: replay, venue: session.venue)
        #expect(!report.isExact)
        let missing = report.differences.filter { if case .fillMissingFromJournal = $0 { true } else { false } }
        #expect(missing == [.fillMissingFromJournal(dropped)])
        // The books differ where the fill went: the journal alone disagrees, live and venue agree.
        let books = report.differences.compactMap { if case .books(let difference) = $0 { difference } else { nil } }
        #expect(books.contains { $0.symbol == dropped.symbol && $0.field == .position })
        #expect(books.allSatisfy { $0.live == $0.venue && $0.journal != $0.live })
        #expect(books.allSatisfy { $0.symbol == dropped.symbol || $0.symbol == nil })
        #expect(report.largestMoneyDelta > 0)
    }

    @Test func differencesNameTheSymbolFieldAndTheThreeValues() throws {
        let journal = try JournalReader.replay(try JournalFixture.journalBytes())
        var live = journal.books
        try live.apply(.cashAdjusted(Cents(1), reason: "a stray cent"))
        var venue = journal.books.account
        venue.holdings[0].cost = Cents(venue.holdings[0].cost.value + 2)
        venue.holdings.removeLast()
        let report = Reconciliation.check(live: live, journal: journal, venueAccount: venue, venueFills: nil)
        #expect(
            report.differences == [
                .books(BooksDifference(symbol: nil, field: .cash, live: 999_435, journal: 999_434, venue: 999_434)),
                .books(BooksDifference(symbol: JournalFixture.spot, field: .cost, live: 503, journal: 503, venue: 505)),
                .books(BooksDifference(symbol: JournalFixture.future, field: .position, live: 2, journal: 2, venue: nil)),
                .books(BooksDifference(symbol: JournalFixture.future, field: .cost, live: 1_900, journal: 1_900, venue: nil)),
                .books(BooksDifference(symbol: JournalFixture.future, field: .realized, live: 150, journal: 150, venue: nil)),
                .books(BooksDifference(symbol: JournalFixture.future, field: .mark, live: 95, journal: 95, venue: nil)),
                .books(BooksDifference(symbol: JournalFixture.future, field: .marketValue, live: 1_900, journal: 1_900, venue: nil)),
            ])
        #expect(!report.comparedFills)
        #expect(report.largestMoneyDelta == 1_900)
    }
}
