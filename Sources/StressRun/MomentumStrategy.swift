import TradingVocabulary

/// Trend following: buys a symbol whose close rose more than `threshold` over `lookback` bars,
/// exits it once the close fell as much.
public struct MomentumStrategy: Strategy {
    public let name = "momentum"
    public var lookback: Int
    /// The move that counts as a trend, as a fraction (0.01 = 1%).
    public var threshold: Double
    /// The size of one entry, as a share of equity.
    public var size: BasisPoints
    private var windows: [CloseWindow] = []

    public init(lookback: Int = 30, threshold: Double = 0.01, size: BasisPoints = 1_000) {
        self.lookback = max(lookback, 1)
        self.threshold = threshold
        self.size = size
    }

    public mutating func prepare(symbols: [Symbol]) {
        windows = symbols.map { _ in CloseWindow(capacity: lookback + 1) }
    }

    public mutating func decide(_ market: MarketStep, portfolio: PortfolioView, into intents: inout [OrderIntent]) {
        for index in windows.indices {
            guard let bar = market.bars[index] else { continue }
            windows[index].append(bar.close)
            guard windows[index].isFull else { continue }
            let move = windows[index].newest / windows[index].oldest - 1
            if move > threshold, !portfolio.holds(index) {
                intents.append(.buy(index, notional: portfolio.fraction(size)))
            } else if move < -threshold, portfolio.holds(index) {
                intents.append(.exit(index))
            }
        }
    }
}
