import TradingVocabulary

/// A price in integer ticks of its instrument. Doubles never enter the venue: a market model's
/// price is converted once, at the boundary, by `Ticks.converting(_:tickSize:)`.
public struct Ticks: Hashable, Comparable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public var value: Int64
    @inlinable public init(_ value: Int64) { self.value = value }
    @inlinable public init(integerLiteral value: Int64) { self.value = value }
    @inlinable public static func < (lhs: Ticks, rhs: Ticks) -> Bool { lhs.value < rhs.value }
    public var description: String { "\(value)t" }

    /// The average price of fills whose price × quantity add up to `priceTotal` over `quantity`
    /// lots, rounded down; nil for no lot (nothing filled yet).
    public static func average(_ priceTotal: Int64, over quantity: Lots) -> Ticks? {
        quantity.value > 0 ? Ticks(priceTotal / quantity.value) : nil
    }
}

/// A quantity in integer lots of its instrument.
public struct Lots: Hashable, Comparable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public var value: Int64
    @inlinable public init(_ value: Int64) { self.value = value }
    @inlinable public init(integerLiteral value: Int64) { self.value = value }
    @inlinable public static func < (lhs: Lots, rhs: Lots) -> Bool { lhs.value < rhs.value }
    public static let zero = Lots(0)
    public var description: String { "\(value)L" }
}

/// The bounds every order and market event must respect. They keep every product the venue
/// forms (price × quantity × tick value × basis points) inside `Int128` intermediates and every
/// notional inside `Int64`: 10⁸ ticks × 10⁶ lots × 100 ¢ = 10¹⁶ ¢.
public enum VenueLimits {
    /// The largest price, in ticks.
    public static let maxPrice = Ticks(100_000_000)
    /// The largest order quantity, in lots.
    public static let maxQuantity = Lots(1_000_000)
    /// The largest tick value of an instrument (minor units per lot per tick).
    public static let maxTickValue = Cents(100)
    /// The largest bar volume, in lots.
    public static let maxVolume = Lots(1_000_000_000)
    /// The largest displayed quote size, in lots.
    public static let maxQuoteSize = Lots(1_000_000)
    /// How many price levels the synthetic book behind a quote shows on each side (the touch
    /// included): what an order cannot take there rests until the next quote. It bounds the
    /// fills one order makes on one quote.
    public static let bookDepth: Int64 = 100
    /// The largest fee or slippage rate, in basis points (10%).
    public static let maxRate = BasisPoints(1_000)
    /// The largest starting cash: 10¹⁵ ¢ ($10 trillion). The books stay exact `Int64` with room
    /// for hundreds of fills of the largest notional (~10¹⁶ ¢) above it; cash near `Int64.max`
    /// would overflow on the first sale.
    public static let maxCash = Cents(1_000_000_000_000_000)
    /// The longest timeout (receive window) of a venue: one day. Deadlines are sent + timeout
    /// on the virtual clock; a timeout meant as "never" (`Int64.max` ns) would wrap them into
    /// the past.
    public static let maxTimeout: Int64 = 86_400 * 1_000_000_000
    /// The longest latency leg of one operation, and the longest cancel hold: one day. Every
    /// message is scheduled at now + its delay on the virtual clock; a delay meant as "never"
    /// (`Int64.max` ns) would overflow it.
    public static let maxLatency: Int64 = 86_400 * 1_000_000_000
    /// The end of the venue's virtual clock: four days short of `Int64.max` ns, so that every
    /// time it schedules from now — a message out and its report back (two legs), a cancel's
    /// hold, a deadline — still fits. An advance past it stops there (an advance to the end of
    /// `Int64` was taken, and the next submit overflowed the clock).
    public static let maxTime: Int64 = .max - 4 * 86_400 * 1_000_000_000
}

/// Why a price given as a `Double` cannot become ticks.
public enum PriceConversionError: Error, Hashable, Sendable {
    case notANumber
    case nonPositive(Double)
    case offGrid(Double, tickSize: Double)
    case tooLarge(Double)
}

extension Ticks {
    /// The price `price` on the grid of `tickSize`: exact multiples only (within 1e-9 of a
    /// tick, to absorb decimal representation), positive, at most `VenueLimits.maxPrice`.
    public static func converting(_ price: Double, tickSize: Double) throws(PriceConversionError) -> Ticks {
        guard !price.isNaN, !tickSize.isNaN else { throw .notANumber }
        guard price > 0, tickSize > 0 else { throw .nonPositive(price) }
        let ticks = price / tickSize
        guard ticks <= Double(VenueLimits.maxPrice.value) else { throw .tooLarge(price) }
        let rounded = ticks.rounded()
        guard abs(ticks - rounded) <= 1e-9 * max(1, rounded), rounded >= 1 else { throw .offGrid(price, tickSize: tickSize) }
        return Ticks(Int64(rounded))
    }
}
