import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// How one symbol's `Double` prices and volumes become the venue's integer ticks and lots: the
/// boundary where simulation numbers enter the exact world.
///
/// The start price is put at 100 000 ticks and a tick of one lot is worth 1 minor unit, so one
/// lot is worth 1 000.00 at the start price, whatever the symbol: sizes have 0.1% resolution on
/// a 1 000 000.00 account, and prices 0.001% resolution.
struct SymbolScale: Sendable {
    static let startTicks = 100_000.0
    static let tickValue = Cents(1)
    let ticksPerUnit: Double
    let lotsPerUnit: Double
    /// The venue's price and bar-volume ranges as `Double`s, read once: `ticks` runs four times a
    /// bar, and each read of another module's static constant is a call.
    private let maxTicks = Double(VenueLimits.maxPrice.value)
    private let maxLots = Double(VenueLimits.maxVolume.value)

    init?(startPrice: Double) {
        guard startPrice.isFinite, startPrice > 0 else { return nil }
        ticksPerUnit = Self.startTicks / startPrice
        lotsPerUnit = startPrice / 1_000
    }

    /// The price in ticks, or nil if it is not a usable venue price (NaN, ≤ 0, beyond the range).
    @inline(__always)
    func ticks(_ price: Double) -> Int64? {
        let t = Self.roundedHalfAway(price * ticksPerUnit)
        guard t.isFinite, t >= 1, t <= maxTicks else { return nil }
        return Int64(t)
    }

    /// `x.rounded()` (to nearest, halves away from zero), to the bit, through `floor`: glibc
    /// runs `floor` as one SSE4.1 instruction but `round` as generic C code, and this runs four
    /// times per bar. For x ≥ 0, x − ⌊x⌋ is exact (x and ⌊x⌋ are within a factor of two, or ⌊x⌋
    /// is 0), and so is ⌊x⌋ + 1 below 2⁵³ (above, x is whole and the difference 0).
    @inline(__always)
    static func roundedHalfAway(_ x: Double) -> Double {
        guard x >= 0 else { return x.rounded() }
        let down = x.rounded(.down)
        return x - down >= 0.5 ? down + 1 : down
    }

    /// The volume in lots, clamped to the venue's bar-volume range.
    func lots(volume: Double) -> Int64 {
        let l = (volume * lotsPerUnit).rounded(.down)
        guard l.isFinite, l > 0 else { return 0 }
        return Int64(min(l, maxLots))
    }
}

/// What the executor makes of one bar: usable (converted for the venue), or faulty.
enum BarCheck: Sendable {
    case usable(VenueBar)
    case faulty(DataFaultKind)
}

/// A bar checked and converted for the venue (the `Bar` itself stays with the caller: this is
/// returned for every bar of every symbol, and small enough to move without a `memcpy`).
struct VenueBar: Sendable {
    let update: BarUpdate
    /// The spread in ticks around the close (at least one tick each side).
    let halfSpread: Int64
}

extension SymbolScale {
    /// Checks `bar` (after `previous`, the last usable bar's time) and converts it; a bar the
    /// executor cannot use is the data-quality fault it shows, and is skipped.
    func convert(_ bar: Bar, symbol: Symbol, previous: SimTime?) -> BarCheck {
        // Tuples, not arrays: this runs for every bar of every symbol, and must not allocate.
        let (open, high, low, close, volume) = (bar.open, bar.high, bar.low, bar.close, bar.volume)
        if open.isNaN || high.isNaN || low.isNaN || close.isNaN || volume.isNaN || bar.spreadBps.isNaN || bar.liquidity.isNaN {
            return .faulty(.notANumber)
        }
        if open.isInfinite || high.isInfinite || low.isInfinite || close.isInfinite || volume.isInfinite { return .faulty(.infinite) }
        if volume < 0 { return .faulty(.negativeVolume) }
        if volume == 0 { return .faulty(.zeroVolume) }
        if let previous, bar.time == previous { return .faulty(.duplicateTimestamp) }
        if let previous, bar.time < previous { return .faulty(.outOfOrderTimestamp) }
        if open <= 0 || high <= 0 || low <= 0 || close <= 0 { return .faulty(.nonPositivePrice) }
        // Positive but off the venue's price range: an outlier the venue cannot take.
        guard let open = ticks(open), let high = ticks(high), let low = ticks(low), let close = ticks(close) else {
            return .faulty(.spike)
        }
        if high < low { return .faulty(.highBelowLow) }
        if open < low || open > high || close < low || close > high { return .faulty(.priceOutsideRange) }
        let spread = bar.spreadBps.isFinite ? max(bar.spreadBps, 0) : 0
        let half = max(1, Int64((Double(close) * spread / 20_000).rounded(.up)))
        let update = BarUpdate(
            symbol: symbol, open: Ticks(open), high: Ticks(high), low: Ticks(low), close: Ticks(close),
            volume: Lots(lots(volume: bar.volume)))
        return .usable(VenueBar(update: update, halfSpread: min(half, max(close - 1, 1))))
    }
}
