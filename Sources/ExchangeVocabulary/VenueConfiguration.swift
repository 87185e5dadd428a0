import MarketSim
import TradingVocabulary

/// Fees in basis points of each fill's notional. A negative maker rate is a rebate.
public struct FeeSchedule: Hashable, Sendable {
    public var maker: BasisPoints
    public var taker: BasisPoints
    public init(maker: BasisPoints, taker: BasisPoints) {
        self.maker = maker
        self.taker = taker
    }
}

/// How far a market order or a triggered stop trading on a bar slips from the path's price.
public enum SlippageModel: Hashable, Sendable {
    case none
    /// A fixed number of basis points.
    case fixed(BasisPoints)
    /// `percent`% of the bar's σ (in basis points).
    case volatility(percent: Int64)
    /// Square-root impact: (k/100) · σ · √(quantity / bar volume), σ in basis points.
    case squareRoot(kPercent: Int64)
}

/// Everything fixed for one venue run.
public struct VenueConfiguration: Hashable, Sendable {
    public var instruments: [Instrument]
    public var initialCash: Cents
    public var fees: FeeSchedule
    public var slippage: SlippageModel
    /// The share of each bar point's volume (a quarter of the bar's) one order may take.
    public var participation: BasisPoints
    /// How long the client waits for an acknowledgement; also the venue's receive window (a
    /// request arriving later than sent + timeout is dropped unseen).
    public var timeout: SimDuration
    /// Cancel every open order when the client's link drops.
    public var cancelOnDisconnect: Bool
    /// When the run starts.
    public var start: SimTime

    public init(
        instruments: [Instrument], initialCash: Cents, fees: FeeSchedule, slippage: SlippageModel, participation: BasisPoints,
        timeout: SimDuration, cancelOnDisconnect: Bool, start: SimTime = .simulationEpoch
    ) {
        self.instruments = instruments
        self.initialCash = initialCash
        self.fees = fees
        self.slippage = slippage
        self.participation = participation
        self.timeout = timeout
        self.cancelOnDisconnect = cancelOnDisconnect
        self.start = start
    }

    public func instrument(_ symbol: Symbol) -> Instrument? { instruments.first { $0.symbol == symbol } }
}
