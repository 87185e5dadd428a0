import ExchangeVocabulary
import TradingVocabulary

/// The books at one point of a journal, written as records: what a compacted journal starts
/// with instead of every transaction before that point (`TransactionJournal.compact()`).
///
/// A journal otherwise grows with every transaction for as long as the account lives, and every
/// open replays all of it. A checkpoint holds what the books hold — instruments, the ids ever
/// acknowledged (as ranges), each symbol's books, the open orders, cash, fees and the counts —
/// so its size follows the state, not the history. Replaying it gives the books exactly as they
/// were (`PortfolioBooks` is compared whole, counts included).
///
/// The records (each an ordinary record: length, sequence, type, checksums):
///
///     checkpoint (6)           cash Int64, fees Int64, transactions UInt64, fills UInt64, and the
///                              number of entries that follow of each kind: instruments UInt32,
///                              id ranges UInt32, holdings UInt32, open orders UInt32
///     instrumentListed (1) ×n  the `instrumentListed` payload, by symbol
///     checkpointOrderIDs (9)   lower UInt64, upper UInt64: one range, ascending, not touching
///     checkpointHolding (7)    symbol, position Int64, cost Int64, realized Int64, mark Int64,
///                              by symbol
///     checkpointOpenOrder (8)  the `orderAcknowledged` payload, then filled Int64, by id
///
/// A compacted journal's file header has `JournalFormat.compactedFlag` set, and its first record
/// is the checkpoint record, which may carry any sequence number from 1 to
/// `JournalFormat.maxCheckpointSequence` (the one after the last transaction it folds in); the entries and the transactions after them
/// follow at +1 each, so sequence numbers keep rising across a compaction. The entries are in a
/// canonical order, so equal books give equal bytes. A checkpoint cut short is corruption, never
/// a torn tail (from a whole file header on): it is written whole to a temporary file and
/// renamed into place only once synced.
public struct JournalCheckpoint: Hashable, Sendable {
    /// The checkpoint record's sequence number (the file's first record).
    public var sequence: UInt64
    /// The sequence number of its last entry: transactions continue after it.
    public var lastSequence: UInt64
    /// The books it restores.
    public var books: PortfolioBooks

    /// The records of a checkpoint of `books`, starting at `sequence`.
    public static func records(of books: PortfolioBooks, sequence: UInt64) -> [UInt8] {
        var payloads: [(JournalRecordType, [UInt8])] = []
        var header: [UInt8] = []
        header.appendLittleEndian(books.cash)
        header.appendLittleEndian(books.fees)
        header.appendLittleEndian(UInt64(books.transactionCount))
        header.appendLittleEndian(UInt64(books.fillCount))
        header.appendLittleEndian(UInt32(books.instruments.count))
        header.appendLittleEndian(UInt32(books.knownOrders.ranges.count))
        header.appendLittleEndian(UInt32(books.holdings.count))
        header.appendLittleEndian(UInt32(books.openOrders.count))
        payloads.append((.checkpoint, header))
        for (_, instrument) in books.instruments.sorted(by: { $0.key < $1.key }) {
            payloads.append((.instrumentListed, JournalFormat.encodePayload(.instrumentListed(instrument))))
        }
        for range in books.knownOrders.ranges {
            var bytes: [UInt8] = []
            bytes.appendLittleEndian(range.lowerBound)
            bytes.appendLittleEndian(range.upperBound)
            payloads.append((.checkpointOrderIDs, bytes))
        }
        for (symbol, holding) in books.holdings.sorted(by: { $0.key < $1.key }) {
            var bytes: [UInt8] = []
            bytes.appendSymbol(symbol)
            for field in [holding.position, holding.cost, holding.realized, holding.mark] { bytes.appendLittleEndian(field) }
            payloads.append((.checkpointHolding, bytes))
        }
        for (_, open) in books.openOrders.sorted(by: { $0.key < $1.key }) {
            var bytes = JournalFormat.encodePayload(.orderAcknowledged(open.order))
            bytes.appendLittleEndian(open.filled)
            payloads.append((.checkpointOpenOrder, bytes))
        }
        var bytes: [UInt8] = []
        for (index, (type, payload)) in payloads.enumerated() {
            bytes += JournalFormat.frame(sequence: sequence + UInt64(index), type: type, payload: payload)
        }
        return bytes
    }
}

/// A checkpoint being read back, entry by entry, into books; every entry is checked (a value
/// out of range, an entry out of canonical order, an order for an unlisted instrument), so the
/// books it gives are books that transactions could have made.
struct CheckpointReader {
    private(set) var books = PortfolioBooks()
    /// Entries still due, by kind, in the order they must come.
    private var due: [(JournalRecordType, Int)]
    /// The last entry of each keyed kind, for the canonical order (a scan of the books for
    /// their largest key at every entry would make a long checkpoint quadratic).
    private var lastInstrument: Symbol?
    private var lastHolding: Symbol?
    private var lastOpenOrder: ClientOrderID?

    /// Reads the checkpoint record's payload.
    init(header payload: ArraySlice<UInt8>) throws(JournalPayloadError) {
        var reader = PayloadReader(bytes: payload)
        let cash = try reader.int64()
        let fees = try reader.int64()
        let transactions = try reader.uint64()
        let fills = try reader.uint64()
        guard transactions <= UInt64(Int.max), fills <= transactions else {
            throw JournalPayloadError("\(fills) fills among \(transactions) transactions")
        }
        books.restore(cash: cash, fees: fees, transactionCount: Int(transactions), fillCount: Int(fills))
        due = []
        for type in [JournalRecordType.instrumentListed, .checkpointOrderIDs, .checkpointHolding, .checkpointOpenOrder] {
            due.append((type, Int(UInt32(littleEndian: try reader.take(4, "an entry count")))))
        }
        guard reader.isAtEnd else { throw JournalPayloadError("\(reader.remaining) bytes after the last field") }
        dropFinishedKinds()
        if due.isEmpty { try checkCounts() }
    }

    /// Entries still to come.
    var remaining: Int { due.reduce(0) { $0 + $1.1 } }

    private mutating func dropFinishedKinds() {
        while let first = due.first, first.1 == 0 { due.removeFirst() }
    }

    /// Reads the next entry, which must be of the kind due.
    mutating func read(_ type: JournalRecordType, _ payload: ArraySlice<UInt8>) throws(JournalPayloadError) {
        guard let expected = due.first?.0 else { throw JournalPayloadError("an entry after the checkpoint's last") }
        guard type == expected else {
            throw JournalPayloadError("a record of type \(type.rawValue) where a checkpoint entry of type \(expected.rawValue) is due")
        }
        var reader = PayloadReader(bytes: payload)
        switch type {
        case .instrumentListed:
            let instrument = try reader.instrument()
            if let last = lastInstrument, !(last < instrument.symbol) {
                throw JournalPayloadError("instrument \(instrument.symbol) after \(last)")
            }
            books.restore(instrument)
            lastInstrument = instrument.symbol
        case .checkpointOrderIDs:
            let lower = try reader.uint64()
            let upper = try reader.uint64()
            guard lower <= upper else { throw JournalPayloadError("order ids \(lower)…\(upper)") }
            if let last = books.knownOrders.ranges.last, last.upperBound == .max || lower <= last.upperBound + 1 {
                throw JournalPayloadError("order ids \(lower)…\(upper) overlap or touch \(last.lowerBound)…\(last.upperBound)")
            }
            books.restoreOrderIDs(lower...upper)
        case .checkpointHolding:
            let symbol = try reader.symbol()
            var holding = PortfolioBooks.Holding()
            holding.position = try reader.int64()
            holding.cost = try reader.int64()
            holding.realized = try reader.int64()
            holding.mark = try reader.int64()
            guard books.instruments[symbol] != nil else { throw JournalPayloadError("a holding of unlisted \(symbol)") }
            if let last = lastHolding, !(last < symbol) { throw JournalPayloadError("holding \(symbol) after \(last)") }
            guard holding.mark > 0 else { throw JournalPayloadError("holding \(symbol) marked at \(holding.mark)") }
            // Fills make the cost: on the position's side, never 0 while a position is held
            // (a partial close leaves part of it), 0 when flat.
            guard holding.cost.signum() == holding.position.signum() else {
                throw JournalPayloadError("holding \(symbol): position \(holding.position) with cost \(holding.cost)")
            }
            guard books.fillCount > 0 else { throw JournalPayloadError("holding \(symbol) with no fill booked") }
            books.restore(holding, of: symbol)
            lastHolding = symbol
        case .checkpointOpenOrder:
            let order = try reader.newOrder()
            let filled = try reader.int64()
            guard books.instruments[order.symbol] != nil else { throw JournalPayloadError("an open order for unlisted \(order.symbol)") }
            guard books.knownOrders.contains(order.id) else { throw JournalPayloadError("open order \(order.id) among no acknowledged ids") }
            if let last = lastOpenOrder, !(last < order.id) { throw JournalPayloadError("open order \(order.id) after \(last)") }
            guard 0 <= filled, filled < order.quantity.value else {
                throw JournalPayloadError("open order \(order.id): \(filled) of \(order.quantity.value) filled")
            }
            books.restore(PortfolioBooks.OpenOrder(order: order, filled: filled))
            lastOpenOrder = order.id
        case .cashAdjusted, .orderAcknowledged, .fillBooked, .orderCancelled, .checkpoint:
            preconditionFailure("checkpoint entry of type \(type) was due")
        }
        guard reader.isAtEnd else { throw JournalPayloadError("\(reader.remaining) bytes after the last field") }
        due[0].1 -= 1
        dropFinishedKinds()
        if due.isEmpty { try checkCounts() }
    }

    /// Every listing, acknowledgement and fill was a transaction of its own.
    private func checkCounts() throws(JournalPayloadError) {
        var made = UInt64(books.instruments.count) + UInt64(books.fillCount)
        for range in books.knownOrders.ranges {
            let (ids, overflow) = (range.upperBound - range.lowerBound).addingReportingOverflow(1)
            let (sum, beyond) = made.addingReportingOverflow(ids)
            guard !overflow, !beyond else { throw JournalPayloadError("more acknowledged ids than transactions") }
            made = sum
        }
        guard made <= UInt64(books.transactionCount) else {
            throw JournalPayloadError("\(made) listings, acknowledgements and fills among \(books.transactionCount) transactions")
        }
    }
}
