import ExchangeSim
import ExchangeVocabulary
import Foundation
import MarketSim
import TradingMachines
import TradingVocabulary

/// The portfolio-integrity test (`docs/certification.md`): a seeded trading session on the
/// simulated venue, journaled as a bot must — every listing, deposit, acknowledgement, fill and
/// cancellation appended to the durable journal before the live books take it — then the journal
/// replayed from disk and the three records of the truth reconciled: live books, journal, venue.
public struct IntegrityTest: Sendable {
    /// Orders the session sends.
    public var orders = 40
    /// The journal's fsync policy (every append durable by default, as in production).
    public var policy: TransactionJournal.SyncPolicy = .everyAppend
    public var gates = CertificationGates()
    /// A deliberate bug for the bug zoo: the bot forgets to journal its n-th fill (the live books
    /// still take it). nil in production.
    @_spi(BugZoo) public var dropsFill: Int?

    public init() {}

    /// Runs the session of `seed`, its journal in `directory` (a fresh file, removed afterwards).
    /// - Throws: ``IntegrityError`` when the journal cannot be written or read back, or the
    ///   session refuses a transaction; a reconciliation difference is a result, not an error.
    public func run(seed: UInt64, directory: String) throws(IntegrityError) -> IntegrityResult {
        let path = directory + "/integrity-\(seed).journal"
        POSIXFileSystem().removeFile(atPath: path)
        defer { POSIXFileSystem().removeFile(atPath: path) }
        var session: JournaledSession
        do {
            session = try JournaledSession(journal: try TransactionJournal(path: path, policy: policy), dropsFill: dropsFill)
            var choices = SeededChoices(seed: seed)
            try session.trade(orders: orders, choices: &choices)
            try session.journal.close()
        } catch let error as JournalError {
            throw .journal(error)
        } catch let error as BooksError {
            throw .books(error)
        } catch {
            throw .venue(String(describing: error))
        }
        let replay: JournalReplay
        do {
            guard let bytes = try POSIXFileSystem().readFile(atPath: path) else { throw IntegrityError.journalMissing(path) }
            replay = try JournalReader.replay(bytes)  // with its records: reconciliation compares the fills
        } catch let error as IntegrityError {
            throw error
        } catch let error as JournalError {
            throw .journal(error)
        } catch {
            throw .venue(String(describing: error))
        }
        let report = Reconciliation.check(live: session.live, journal: replay, venue: session.venue)
        return IntegrityResult(seed: seed, report: report, fills: session.venue.fills.count, journalEnd: replay.end)
    }
}

/// What one integrity run found.
public struct IntegrityResult: Hashable, Sendable {
    public let seed: UInt64
    public let report: ReconciliationReport
    /// Fills the venue booked in the session (the test measured something only if some).
    public let fills: Int
    /// How the journal ended when read back (clean after an orderly close).
    public let journalEnd: JournalEnd

    /// Every transaction logged and the three records within the gate's delta.
    public func passed(_ gates: CertificationGates) -> Bool {
        journalEnd == .clean && !report.differences.contains { if case .books = $0 { false } else { true } }
            && report.largestMoneyDelta <= gates.integrityDeltaMinorUnits
    }
}

/// Why an integrity run could not be completed.
public enum IntegrityError: Error, Hashable, Sendable {
    case journal(JournalError)
    case books(BooksError)
    case journalMissing(String)
    /// The simulated venue refused an input of the session (a bug in the session itself).
    case venue(String)
}

/// A trading session on the simulated venue, journaled before the live books take anything.
struct JournaledSession {
    /// Three valid constant symbols (checked by the test suite's count).
    static let symbols: [Symbol] = ["AAA-USD", "BBB-USD", "CCC-USD"].compactMap { try? Symbol($0) }
    static let configuration = VenueConfiguration(
        instruments: symbols.map { Instrument(symbol: $0, kind: .spot, tickValue: 1) },
        initialCash: Cents(100_000_000), fees: FeeSchedule(maker: BasisPoints(-1), taker: BasisPoints(5)), slippage: .none,
        participation: BasisPoints(10_000), timeout: .seconds(1), cancelOnDisconnect: false, start: .simulationEpoch)

    var venue: SimulatedExchange
    let journal: TransactionJournal
    var live = PortfolioBooks()
    var sent: [ClientOrderID: NewOrder] = [:]
    var fillsSeen = 0
    var nextID: UInt64 = 1
    let dropsFill: Int?

    init(journal: TransactionJournal, dropsFill: Int?) throws {
        precondition(Self.symbols.count == 3, "the session's constant symbols are valid")
        venue = try SimulatedExchange(configuration: Self.configuration)
        self.journal = journal
        self.dropsFill = dropsFill
        for instrument in Self.configuration.instruments { try record(.instrumentListed(instrument)) }
        try record(.cashAdjusted(Self.configuration.initialCash, reason: "initial deposit"))
    }

    /// Journal first (durable), then the live books.
    mutating func record(_ transaction: JournalTransaction) throws {
        try journal.append(transaction)
        try live.apply(transaction)
    }

    /// `orders` orders drawn from `choices`: a quote move per symbol, then a market order or a
    /// resting limit a few ticks away, either side, sells never beyond what is held; every fifth
    /// resting order cancelled.
    mutating func trade(orders: Int, choices: inout some ChoiceSource) throws {
        var prices: [Int64] = Self.symbols.map { _ in 10_000 }
        var resting: [ClientOrderID] = []
        for n in 0..<orders {
            for i in prices.indices {
                prices[i] = max(100, prices[i] + Int64(choices.choose(upTo: 40)) - 20)
                try venue.apply(QuoteUpdate(symbol: Self.symbols[i], bid: Ticks(prices[i]), ask: Ticks(prices[i] + 2), bidSize: 500, askSize: 500))
                try settle()
            }
            let i = Int(choices.choose(upTo: UInt64(Self.symbols.count - 1)))
            let held = venue.holding(of: Self.symbols[i])?.position ?? 0
            let sell = held > 0 && choices.choose(upTo: 1) == 1
            let quantity = 1 + Int64(choices.choose(upTo: 20))
            let limit = choices.choose(upTo: 2) == 0
            let type: OrderType = limit ? .limit(Ticks(sell ? prices[i] + 3 : prices[i] - 1)) : .market
            let order = NewOrder(id: ClientOrderID(nextID), symbol: Self.symbols[i], side: sell ? .sell : .buy, type: type,
                                 quantity: Lots(sell ? min(quantity, held) : quantity))
            nextID += 1
            try venue.submit(order, latency: .zero, randomReject: false)
            sent[order.id] = order
            try settle()
            if limit { resting.append(order.id) }
            resting.removeAll { id in
                if case .venue(let state)? = venue.clientOrder(withID: id)?.state { state.isTerminal } else { false }
            }
            if n % 5 == 4, let id = resting.popLast() {
                try venue.cancel(id, latency: .zero, hold: .zero, refuse: false)
                try settle()
            }
        }
    }

    /// Delivers what is due and journals what the venue reported: acknowledgements, then the new
    /// fills, then orders that ended unfilled.
    mutating func settle() throws {
        venue.advance(by: .milliseconds(1))
        for order in venue.clientOrders {
            guard let request = sent[order.id], case .venue(let state) = order.state, state != .rejected else { continue }
            sent[order.id] = nil
            try record(.orderAcknowledged(request))
        }
        let fills = venue.fills
        while fillsSeen < fills.count {
            let fill = fills[fillsSeen]
            if fillsSeen == dropsFill {
                try live.apply(.fillBooked(fill))  // the bug: the live books take it, the journal never hears of it
            } else {
                try record(.fillBooked(fill))
            }
            fillsSeen += 1
        }
        for order in venue.clientOrders {
            guard live.openOrders[order.id] != nil, case .venue(let state) = order.state, state == .canceled || state == .expired else { continue }
            try record(.orderCancelled(order.id, reason: state.rawValue))
        }
    }
}
