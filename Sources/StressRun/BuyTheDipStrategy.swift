import TradingVocabulary

/// The reckless strategy: whenever a close is more than `dip` below the highest close of the last
/// `window` bars it buys more, every bar, and it never sells.
///
/// It keeps buying all the way down a crash, so a run with it shows the risk stack doing its job:
/// the super-state refusing new exposure once conditions turn, the sector caps bounding the
/// position, the exit enforcer unwinding it in CRISIS.
public struct BuyTheDipStrategy: Strategy {
    public let name = "buy-the-dip"
    public var window: Int
    /// The fall from the recent high that counts as a dip, as a fraction (0.02 = 2%).
    public var dip: Double
    /// The size of each purchase, as a share of equity.
    public var size: BasisPoints
    private var windows: [CloseWindow] = []

    public init(window: Int = 120, dip: Double = 0.02, size: BasisPoints = 500) {
        self.window = max(window, 1)
        self.dip = dip
        self.size = size
    }

    public mutating func prepare(symbols: [Symbol]) {
        windows = symbols.map { _ in CloseWindow(capacity: window) }
    }

    public mutating func decide(_ market: MarketStep, portfolio: PortfolioView, into intents: inout [OrderIntent]) {
        for index in windows.indices {
            guard let bar = market.bars[index] else { continue }
            windows[index].append(bar.close)
            if bar.close <= windows[index].maximum * (1 - dip) {
                intents.append(.buy(index, notional: portfolio.fraction(size)))
            }
        }
    }
}
