import Certification
import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// Transactions and journals shared by the journal's tests.
enum JournalFixture {
    static let spot = symbol("AAA")
    static let future = symbol("FUT")

    static func symbol(_ text: String) -> Symbol {
        do { return try Symbol(text) } catch { fatalError("fixture symbol \(text): \(error)") }
    }

    static func fill(
        _ id: UInt64, _ symbol: Symbol, _ side: Side, _ quantity: Int64, at price: Int64, fee: Int64 = 0,
        time: Int64 = 0
    ) -> JournalTransaction {
        .fillBooked(
            Fill(
                orderID: ClientOrderID(id), symbol: symbol, side: side, price: Ticks(price), quantity: Lots(quantity), fee: Cents(fee),
                liquidity: fee < 0 ? .maker : .taker, time: SimTime(nanoseconds: time)))
    }

    static func ack(_ id: UInt64, _ symbol: Symbol, _ side: Side, _ quantity: Int64, _ type: OrderType = .market) -> JournalTransaction {
        .orderAcknowledged(NewOrder(id: ClientOrderID(id), symbol: symbol, side: side, type: type, quantity: Lots(quantity)))
    }

    /// Every kind of transaction: two instruments, a deposit, orders filled in parts, a short
    /// through flat on the future, a maker rebate, a cancel and a withdrawal.
    static let transactions: [JournalTransaction] = [
        .instrumentListed(Instrument(symbol: spot, kind: .spot, tickValue: 1)),
        .instrumentListed(
            Instrument(
                symbol: future, kind: .futures(expiry: SimTime(nanoseconds: 3_600_000_000_000)), tickValue: 10,
                initialMargin: 1_000)),
        .cashAdjusted(Cents(1_000_000), reason: "initial deposit"),
        ack(1, spot, .buy, 10, .limit(101)),
        fill(1, spot, .buy, 4, at: 100, fee: 1, time: 1_000),
        fill(1, spot, .buy, 6, at: 101, fee: -1, time: 2_000),
        ack(2, spot, .sell, 5),
        fill(2, spot, .sell, 5, at: 110, fee: 2, time: 3_000),
        ack(3, future, .sell, 3, .stop(trigger: 95)),
        fill(3, future, .sell, 3, at: 100, fee: 3, time: 4_000),
        ack(4, future, .buy, 5, .limit(96)),
        fill(4, future, .buy, 5, at: 95, fee: 5, time: 5_000),
        ack(5, spot, .buy, 7, .limit(90)),
        .orderCancelled(ClientOrderID(5), reason: "canceled by the client: é ✓"),
        .cashAdjusted(Cents(-250), reason: "withdrawal"),
    ]

    /// The books of `transactions` (applied directly, no journal).
    static func books(_ transactions: [JournalTransaction] = transactions) throws -> PortfolioBooks {
        var books = PortfolioBooks()
        for transaction in transactions { try books.apply(transaction) }
        return books
    }

    /// The bytes of a compacted journal: a checkpoint of the first `count` transactions (at the
    /// sequence number after them), then the rest.
    static func compactedBytes(after count: Int, _ transactions: [JournalTransaction] = transactions) throws -> [UInt8] {
        var bytes = JournalFormat.compactedFileHeader
        bytes += JournalCheckpoint.records(of: try books(Array(transactions.prefix(count))), sequence: UInt64(count + 1))
        var sequence = try JournalReader.replay(bytes).lastSequence
        for transaction in transactions.dropFirst(count) {
            sequence += 1
            bytes += try JournalFormat.record(sequence: sequence, transaction)
        }
        return bytes
    }

    /// The corruption the reader names in `bytes`, or nil if it names none (a replay, or
    /// another error).
    static func corruption(_ bytes: [UInt8]) -> JournalCorruption? {
        do {
            _ = try JournalReader.replay(bytes)
            return nil
        } catch {
            if case .corrupted(let corruption) = error { return corruption }
            return nil
        }
    }

    /// The bytes of a journal of `transactions`, as the writer writes them.
    static func journalBytes(_ transactions: [JournalTransaction] = transactions) throws -> [UInt8] {
        var bytes = JournalFormat.fileHeader
        for (index, transaction) in transactions.enumerated() {
            bytes += try JournalFormat.record(sequence: UInt64(index + 1), transaction)
        }
        return bytes
    }
}
