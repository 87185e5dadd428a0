import Foundation

/// One bar of market data for one symbol, stamped on the virtual clock.
///
/// Prices are Doubles (simulations are continuous); the machines take them only after conversion
/// to integer cents at the boundary, where NaN and infinity are rejected.
public struct Bar: Hashable, Sendable {
    /// The bar's opening instant.
    public var time: SimTime
    public var open: Double
    public var high: Double
    public var low: Double
    public var close: Double
    /// Traded volume in units of the asset.
    public var volume: Double
    /// The bid/ask spread in basis points of the mid price.
    public var spreadBps: Double
    /// Top-of-book depth relative to the calm market's, in `0…1` (1 = normal depth, 0.01 = 1%):
    /// the super-state's liquidity input.
    public var liquidity: Double

    @inlinable
    public init(
        time: SimTime, open: Double, high: Double, low: Double, close: Double,
        volume: Double, spreadBps: Double = 0, liquidity: Double = 1
    ) {
        self.time = time
        (self.open, self.high, self.low, self.close) = (open, high, low, close)
        self.volume = volume
        self.spreadBps = spreadBps
        self.liquidity = liquidity
    }

    /// The log return from `previous` close to this bar's close.
    @inlinable
    public func logReturn(from previous: Bar) -> Double { log(close / previous.close) }
}
