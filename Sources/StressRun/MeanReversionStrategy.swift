import TradingVocabulary

/// Mean reversion: buys a symbol whose close fell more than `band` below its moving average,
/// exits once the close is back at or above the average.
public struct MeanReversionStrategy: Strategy {
    public let name = "mean-reversion"
    /// The bars of the moving average.
    public var window: Int
    /// How far below the average counts as stretched, as a fraction (0.02 = 2%).
    public var band: Double
    /// The size of one entry, as a share of equity.
    public var size: BasisPoints
    private var windows: [CloseWindow] = []

    public init(window: Int = 60, band: Double = 0.02, size: BasisPoints = 1_000) {
        self.window = max(window, 2)
        self.band = band
        self.size = size
    }

    public mutating func prepare(symbols: [Symbol]) {
        windows = symbols.map { _ in CloseWindow(capacity: window) }
    }

    public mutating func decide(_ market: MarketStep, portfolio: PortfolioView, into intents: inout [OrderIntent]) {
        for index in windows.indices {
            guard let bar = market.bars[index] else { continue }
            windows[index].append(bar.close)
            guard windows[index].isFull else { continue }
            let deviation = bar.close / windows[index].mean - 1
            if deviation < -band, !portfolio.holds(index) {
                intents.append(.buy(index, notional: portfolio.fraction(size)))
            } else if deviation >= 0, portfolio.holds(index) {
                intents.append(.exit(index))
            }
        }
    }
}
