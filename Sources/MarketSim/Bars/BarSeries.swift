import TradingVocabulary

/// The bars of one symbol, in time order.
public struct BarSeries: Hashable, Sendable {
    public var symbol: Symbol
    public var bars: [Bar]

    public init(symbol: Symbol, bars: [Bar]) {
        self.symbol = symbol
        self.bars = bars
    }

    /// The closes, in order.
    public var closes: [Double] { bars.map(\.close) }

    /// The log returns close to close (one fewer than the bars).
    public var logReturns: [Double] {
        guard bars.count > 1 else { return [] }
        return (1..<bars.count).map { bars[$0].logReturn(from: bars[$0 - 1]) }
    }
}
