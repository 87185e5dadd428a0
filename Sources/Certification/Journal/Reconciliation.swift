import ExchangeSim
import ExchangeVocabulary
import TradingVocabulary

/// One field on which the three records of the portfolio disagree, with the three values
/// (nil: that record has no row for the symbol).
public struct BooksDifference: Hashable, Sendable, CustomStringConvertible {
    public enum Field: String, Hashable, Sendable, CaseIterable {
        case cash, fees, position, cost, realized, mark
        /// position × mark × tick value, in minor units: what a mark is worth in money (a mark
        /// differing on a flat holding is worth nothing; on a large one, much).
        case marketValue = "market value"
        /// What one tick of one lot is worth, in minor units, as each record lists the
        /// instrument: records that disagree value every holding and fill differently.
        case tickValue = "tick value"
    }

    /// The symbol, or nil for an account-wide field (cash, fees).
    public var symbol: Symbol?
    public var field: Field
    public var live: Int64?
    public var journal: Int64?
    public var venue: Int64?

    public init(symbol: Symbol?, field: Field, live: Int64?, journal: Int64?, venue: Int64?) {
        self.symbol = symbol
        self.field = field
        self.live = live
        self.journal = journal
        self.venue = venue
    }

    /// The largest absolute difference between two present values (a missing row counts as 0).
    public var delta: Int64 {
        let values = [live ?? 0, journal ?? 0, venue ?? 0]
        let spread = Int128(values.max() ?? 0) - Int128(values.min() ?? 0)
        return Int64(clamping: spread)
    }

    public var description: String {
        func show(_ value: Int64?) -> String { value.map(String.init) ?? "none" }
        return "\(symbol.map { "\($0) " } ?? "")\(field.rawValue): live \(show(live)), journal \(show(journal)), venue \(show(venue))"
    }
}

/// A disagreement found by `Reconciliation`.
public enum ReconciliationDifference: Hashable, Sendable, CustomStringConvertible {
    /// A money or quantity field differs between the live state, the journal and the venue.
    case books(BooksDifference)
    /// The venue booked this fill; the journal has no record of it.
    case fillMissingFromJournal(Fill)
    /// The journal has this fill; the venue never booked it.
    case fillUnknownToVenue(Fill)
    /// A compacted journal's checkpoint folds in `journal` fills, and the venue booked `venue`
    /// before the first fill journaled after the checkpoint: the fills before a checkpoint are
    /// compared by count (the checkpoint keeps books, not fills), so which one is missing or
    /// extra cannot be named.
    case fillCountBeforeCheckpoint(journal: Int, venue: Int)

    public var description: String {
        switch self {
        case .books(let difference): difference.description
        case .fillMissingFromJournal(let fill): "fill missing from the journal: \(fill.symbol) \(fill)"
        case .fillUnknownToVenue(let fill): "fill the venue never booked: \(fill.symbol) \(fill)"
        case .fillCountBeforeCheckpoint(let journal, let venue):
            "fills before the journal's checkpoint: \(journal) in the journal, \(venue) at the venue"
        }
    }
}

/// What a reconciliation found.
public struct ReconciliationReport: Hashable, Sendable {
    public var differences: [ReconciliationDifference]
    /// Whether the fills were compared one by one (the venue kept its fill log).
    public var comparedFills: Bool

    /// No difference at all, to the minor unit.
    public var isExact: Bool { differences.isEmpty }

    /// The largest disagreement on a money field (cash, fees, cost, realized, market value), in
    /// minor units: what the integrity gate (source: ≤ $1) compares.
    public var largestMoneyDelta: Int64 {
        differences.reduce(0) { largest, difference in
            guard case .books(let books) = difference, [.cash, .fees, .cost, .realized, .marketValue].contains(books.field) else {
                return largest
            }
            return max(largest, books.delta)
        }
    }

    /// The symbols whose position (in lots) differs between the records: quantities must agree
    /// exactly, whatever the money (a lot is not within a dollar of another).
    public var positionDifferences: [BooksDifference] {
        differences.compactMap { if case .books(let books) = $0, books.field == .position { books } else { nil } }
    }

    /// The instruments whose tick value differs between the records that list them: the
    /// records disagree on what the instrument is, whatever the money shows today.
    public var tickValueDifferences: [BooksDifference] {
        differences.compactMap { if case .books(let books) = $0, books.field == .tickValue { books } else { nil } }
    }
}

/// Reconciles the three records of the same truth: the live state the bot keeps, the state
/// rebuilt from the journal, and the venue's books — exactly, to the minor unit.
public enum Reconciliation {
    /// Compares cash, fees and every symbol's position, cost, realized PnL, mark and market value
    /// (position × mark × tick value, for a symbol either book has listed); and, when
    /// the venue keeps its fill log, every fill the venue booked with the journal's fills (for a
    /// compacted journal, those before its checkpoint by count: they are in its books, not as
    /// records).
    public static func check(live: PortfolioBooks, journal: JournalReplay, venue: SimulatedExchange) -> ReconciliationReport {
        check(
            live: live, journal: journal, venueAccount: venue.account, venueFills: venue.keepsFillLog ? venue.fills : nil,
            venueInstruments: venue.listedInstruments)
    }

    /// The same, from the venue's account snapshot, (optionally) its fill log, and
    /// (optionally) the instruments it lists; without them the venue's holdings are valued at
    /// the tick values the live books (else the journal) list.
    public static func check(
        live: PortfolioBooks, journal: JournalReplay, venueAccount: AccountSnapshot,
        venueFills: [Fill]?, venueInstruments: [Instrument]? = nil
    ) -> ReconciliationReport {
        var differences: [ReconciliationDifference] = []
        let liveAccount = live.account
        let journalAccount = journal.books.account
        func compare(_ symbol: Symbol?, _ field: BooksDifference.Field, _ values: (Int64?, Int64?, Int64?)) {
            if values.0 != values.1 || values.1 != values.2 {
                differences.append(.books(BooksDifference(symbol: symbol, field: field, live: values.0, journal: values.1, venue: values.2)))
            }
        }
        compare(nil, .cash, (liveAccount.cash.value, journalAccount.cash.value, venueAccount.cash.value))
        compare(nil, .fees, (liveAccount.feesPaid.value, journalAccount.feesPaid.value, venueAccount.feesPaid.value))
        let rows = [liveAccount, journalAccount, venueAccount].map { account in
            Dictionary(account.holdings.map { ($0.symbol, $0) }, uniquingKeysWith: { first, _ in first })
        }
        // Tick values, record by record, for every instrument any record lists.
        let venueTicks = venueInstruments.map { Dictionary($0.map { ($0.symbol, $0.tickValue.value) }, uniquingKeysWith: { first, _ in first }) }
        func ticks(_ symbol: Symbol) -> (Int64?, Int64?, Int64?) {
            (live.instruments[symbol]?.tickValue.value, journal.books.instruments[symbol]?.tickValue.value, venueTicks?[symbol])
        }
        let listed = Set(live.instruments.keys).union(journal.books.instruments.keys).union(venueTicks.map { Array($0.keys) } ?? []).sorted()
        for symbol in listed {
            let (l, j, v) = ticks(symbol)
            // Only the records that list it are compared: one that does not is missing the
            // instrument, which its holdings (or their absence) show.
            if Set([l, j, v].compactMap { $0 }).count > 1 {
                differences.append(.books(BooksDifference(symbol: symbol, field: .tickValue, live: l, journal: j, venue: v)))
            }
        }
        let symbols = Set(rows.flatMap(\.keys)).sorted()
        for symbol in symbols {
            let (l, j, v) = (rows[0][symbol], rows[1][symbol], rows[2][symbol])
            compare(symbol, .position, (l?.position, j?.position, v?.position))
            compare(symbol, .cost, (l?.cost.value, j?.cost.value, v?.cost.value))
            compare(symbol, .realized, (l?.realized.value, j?.realized.value, v?.realized.value))
            compare(symbol, .mark, (l?.mark.value, j?.mark.value, v?.mark.value))
            // Each record values its holding at its own tick value (another record's, if it
            // does not list the instrument).
            let listedTicks = ticks(symbol)
            if let fallback = listedTicks.0 ?? listedTicks.1 ?? listedTicks.2 {
                // Held to ±Int64.max: a crafted journal's position × mark × tick can pass 128 bits.
                func value(_ row: HoldingSnapshot?, _ tick: Int64?) -> Int64? {
                    row.map {
                        let tick = tick ?? fallback
                        let (value, overflow) = (Int128($0.position) * Int128($0.mark.value)).multipliedReportingOverflow(by: Int128(tick))
                        return overflow ? ($0.position < 0 ? .min : .max) : Int64(clamping: value)
                    }
                }
                compare(symbol, .marketValue, (value(l, listedTicks.0), value(j, listedTicks.1), value(v, listedTicks.2)))
            }
        }
        if let venueFills {
            let journaled = journal.records.compactMap(\.fill)
            if let checkpoint = journal.checkpoint {
                differences += compareFills(journaled: journaled, after: checkpoint.books.fillCount, booked: venueFills)
            } else {
                differences += compareFills(journaled: journaled, booked: venueFills)
            }
        }
        return ReconciliationReport(differences: differences, comparedFills: venueFills != nil)
    }

    /// Every fill booked but not journaled, and journaled but not booked (as multisets: two
    /// identical fills must appear twice in both), in the order they were booked or journaled.
    static func compareFills(journaled: [Fill], booked: [Fill]) -> [ReconciliationDifference] {
        var unmatched: [Fill: Int] = [:]
        for fill in journaled { unmatched[fill, default: 0] += 1 }
        var differences: [ReconciliationDifference] = []
        for fill in booked {
            if let count = unmatched[fill], count > 0 {
                unmatched[fill] = count - 1
            } else {
                differences.append(.fillMissingFromJournal(fill))
            }
        }
        for fill in journaled {
            if let count = unmatched[fill], count > 0 {
                unmatched[fill] = count - 1
                differences.append(.fillUnknownToVenue(fill))
            }
        }
        return differences
    }
}

extension Reconciliation {
    /// The fills of a compacted journal — `folded` fills in its checkpoint, then `journaled` —
    /// against the venue's log, in the order booked (and so journaled). The venue's fills from
    /// the first one journaled after the checkpoint on are compared one by one; those before it
    /// can only be counted against `folded`.
    static func compareFills(journaled: [Fill], after folded: Int, booked: [Fill]) -> [ReconciliationDifference] {
        var unmatched: [Fill: Int] = [:]
        for fill in journaled { unmatched[fill, default: 0] += 1 }
        var missing: [Int] = []
        var firstMatched: Int?
        for (index, fill) in booked.enumerated() {
            if let count = unmatched[fill], count > 0 {
                unmatched[fill] = count - 1
                if firstMatched == nil { firstMatched = index }
            } else {
                missing.append(index)
            }
        }
        let boundary = firstMatched ?? booked.count
        let before = missing.count { $0 < boundary }
        var differences: [ReconciliationDifference] = []
        if before != folded { differences.append(.fillCountBeforeCheckpoint(journal: folded, venue: before)) }
        differences += missing.filter { $0 >= boundary }.map { .fillMissingFromJournal(booked[$0]) }
        for fill in journaled {
            if let count = unmatched[fill], count > 0 {
                unmatched[fill] = count - 1
                differences.append(.fillUnknownToVenue(fill))
            }
        }
        return differences
    }
}

extension JournalRecord {
    /// The fill this record books, if it is one.
    var fill: Fill? {
        if case .fillBooked(let fill) = transaction { fill } else { nil }
    }
}
