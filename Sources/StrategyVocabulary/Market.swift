import ExchangeVocabulary

/// Which of a strategy's venues an order or a book belongs to: `a` and `b` for arbitrage, `a`
/// alone for the others. A small value, so that events and actions stay small and copyable.
public enum VenueID: UInt8, Hashable, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    case a = 0
    case b = 1

    @inlinable public static func < (lhs: VenueID, rhs: VenueID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { self == .a ? "A" : "B" }
}

/// The best bid and ask of one symbol at one venue, as the exchange protocol's book ticker gives it.
public struct BookTicker: Hashable, Sendable, CustomStringConvertible {
    public var bid: Ticks
    public var bidSize: Lots
    public var ask: Ticks
    public var askSize: Lots
    /// Venue time of the quote, nanoseconds (the driver's clock; 0 in the checks).
    public var timestamp: Int64

    @inlinable
    public init(bid: Ticks, bidSize: Lots, ask: Ticks, askSize: Lots, timestamp: Int64 = 0) {
        self.bid = bid
        self.bidSize = bidSize
        self.ask = ask
        self.askSize = askSize
        self.timestamp = timestamp
    }

    /// What is wrong with this book, every problem (empty when it can be traded on).
    public var problems: [BookProblem] {
        var found: [BookProblem] = []
        if bid.value <= 0 { found.append(.nonPositiveBid(bid)) }
        if ask.value <= 0 { found.append(.nonPositiveAsk(ask)) }
        if bid >= ask { found.append(.crossed(bid: bid, ask: ask)) }
        if bidSize.value <= 0 || askSize.value <= 0 { found.append(.emptySide(bidSize: bidSize, askSize: askSize)) }
        return found
    }

    /// Positive prices, bid < ask, both sides showing size: a book a strategy may act on.
    @inlinable public var isTradable: Bool { bid.value > 0 && bid < ask && bidSize.value > 0 && askSize.value > 0 }

    /// The mid, rounded down to the tick (for positive prices), summed in 128 bits: a book
    /// near `Int64.max` has a mid too, where `bid + ask` overflowed and trapped.
    @inlinable public var mid: Ticks { Ticks(Int64((Int128(bid.value) + Int128(ask.value)) / 2)) }

    public var description: String { "\(bid.value)x\(bidSize.value)/\(ask.value)x\(askSize.value)" }
}

/// Why a book cannot be acted on.
public enum BookProblem: Hashable, Sendable {
    case nonPositiveBid(Ticks)
    case nonPositiveAsk(Ticks)
    /// bid ≥ ask.
    case crossed(bid: Ticks, ask: Ticks)
    case emptySide(bidSize: Lots, askSize: Lots)
}
