import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// One transaction of the portfolio, as the journal records it: enough to rebuild positions,
/// average cost, cash, realized PnL, fees and the open orders exactly (`PortfolioBooks`).
public enum JournalTransaction: Hashable, Sendable, CustomStringConvertible {
    /// An instrument the books may hold: its tick value and whether cash pays the notional
    /// (spot) or only realized PnL (futures). Listed once, before its first order.
    case instrumentListed(Instrument)
    /// Cash paid in (positive) or out (negative): the initial deposit, a transfer, a correction.
    case cashAdjusted(Cents, reason: String)
    /// The venue accepted an order.
    case orderAcknowledged(NewOrder)
    /// The venue filled (part of) an acknowledged order: the books move by it.
    case fillBooked(Fill)
    /// An open order ended without filling its remainder, and why (canceled, expired, …).
    case orderCancelled(ClientOrderID, reason: String)

    /// The longest reason text the journal takes, in UTF-8 bytes.
    public static let maxReasonLength = 1_024

    public var description: String {
        switch self {
        case .instrumentListed(let instrument):
            "instrument \(instrument.symbol) tick value \(instrument.tickValue.value) \(instrument.isSpot ? "spot" : "futures")"
        case .cashAdjusted(let amount, let reason): "cash \(amount.value) (\(reason))"
        case .orderAcknowledged(let order): "ack \(order)"
        case .fillBooked(let fill): "fill \(fill.symbol) \(fill)"
        case .orderCancelled(let id, let reason): "cancel \(id) (\(reason))"
        }
    }

    /// The record type of the journal's format.
    var recordType: JournalRecordType {
        switch self {
        case .instrumentListed: .instrumentListed
        case .cashAdjusted: .cashAdjusted
        case .orderAcknowledged: .orderAcknowledged
        case .fillBooked: .fillBooked
        case .orderCancelled: .orderCancelled
        }
    }
}

/// The record types of format version 1. A type the reader does not know is corruption (it
/// never guesses a length's meaning and skips on).
///
/// Types 1–5 are transactions. Types 6–9 make up a checkpoint (`JournalCheckpoint`), which only
/// a compacted journal has, and only as its first records.
public enum JournalRecordType: UInt16, Hashable, Sendable, CaseIterable {
    case instrumentListed = 1
    case cashAdjusted = 2
    case orderAcknowledged = 3
    case fillBooked = 4
    case orderCancelled = 5
    /// A checkpoint's first record: the totals, and how many entries of each kind follow.
    case checkpoint = 6
    /// One symbol's books in a checkpoint.
    case checkpointHolding = 7
    /// One open order in a checkpoint.
    case checkpointOpenOrder = 8
    /// One range of order ids ever acknowledged, in a checkpoint.
    case checkpointOrderIDs = 9
}

/// One record read back: its sequence number, where it starts in the file, and the transaction.
public struct JournalRecord: Hashable, Sendable {
    public var sequence: UInt64
    public var offset: Int
    public var transaction: JournalTransaction

    public init(sequence: UInt64, offset: Int, transaction: JournalTransaction) {
        self.sequence = sequence
        self.offset = offset
        self.transaction = transaction
    }
}
