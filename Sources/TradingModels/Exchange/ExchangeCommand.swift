import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// The instruments and parameters of one venue run in the differential check.
public struct VenueSetup: Hashable, Sendable, CustomStringConvertible {
    public var fees: FeeSchedule
    public var slippage: SlippageModel
    public var participation: BasisPoints
    public var timeout: SimDuration
    public var cancelOnDisconnect: Bool
    public var initialCash: Cents

    public init(
        fees: FeeSchedule = FeeSchedule(maker: 2, taker: 5), slippage: SlippageModel = .none, participation: BasisPoints = 10_000,
        timeout: SimDuration = .seconds(1), cancelOnDisconnect: Bool = false, initialCash: Cents = 100_000_000
    ) {
        self.fees = fees
        self.slippage = slippage
        self.participation = participation
        self.timeout = timeout
        self.cancelOnDisconnect = cancelOnDisconnect
        self.initialCash = initialCash
    }

    /// The check's instruments: two spot symbols (tick values 1 ¢ and the largest, 100 ¢) and a
    /// futures contract expiring ten minutes into the run.
    public static let instruments: [Instrument] = [
        Instrument(symbol: "AAA", kind: .spot, tickValue: 1),
        Instrument(symbol: "BBB", kind: .spot, tickValue: VenueLimits.maxTickValue),
        Instrument(symbol: "FUT", kind: .futures(expiry: SimTime.simulationEpoch + .minutes(10)), tickValue: 10, initialMargin: 1_000),
    ]

    /// The venue configuration this setup describes.
    public var configuration: VenueConfiguration {
        VenueConfiguration(
            instruments: VenueSetup.instruments, initialCash: initialCash, fees: fees, slippage: slippage,
            participation: participation, timeout: timeout, cancelOnDisconnect: cancelOnDisconnect)
    }

    public var description: String {
        "fees maker \(fees.maker.value)bp taker \(fees.taker.value)bp, slippage \(slippage), participation \(participation.value)bp, "
            + "timeout \(timeout), cancel-on-disconnect \(cancelOnDisconnect), cash \(initialCash.value)"
    }
}

/// One input of the exchange's differential check: a client operation (with the latencies and
/// random outcomes a driver would draw), the passage of virtual time, a market event, or a fault.
public enum ExchangeCommand: Hashable, Sendable, CustomStringConvertible {
    /// Starts the run over with another setup (only before the client has sent anything).
    case configure(VenueSetup)
    case submit(NewOrder, LinkLatency, randomReject: Bool)
    case resubmit(ClientOrderID, LinkLatency, randomReject: Bool)
    case cancel(ClientOrderID, LinkLatency, hold: SimDuration, refuse: Bool)
    case query(ClientOrderID, LinkLatency)
    case advance(SimDuration)
    case quote(QuoteUpdate)
    case bar(BarUpdate)
    case disconnect
    case reconnect
    case rejectStorm(Bool)
    case staleBook(Bool)

    public var description: String {
        switch self {
        case .configure(let setup): "configure(\(setup))"
        case .submit(let request, let latency, let reject): "submit(\(request), \(latency)\(reject ? ", randomReject" : ""))"
        case .resubmit(let id, let latency, let reject): "resubmit(\(id), \(latency)\(reject ? ", randomReject" : ""))"
        case .cancel(let id, let latency, let hold, let refuse):
            "cancel(\(id), \(latency), hold \(hold.nanoseconds / 1_000_000)ms\(refuse ? ", refuse" : ""))"
        case .query(let id, let latency): "query(\(id), \(latency))"
        case .advance(let duration): "advance(\(duration.nanoseconds / 1_000_000)ms)"
        case .quote(let q): "quote(\(q.symbol) \(q.bid.value)x\(q.bidSize.value) / \(q.ask.value)x\(q.askSize.value)\(q.thin ? " thin" : ""))"
        case .bar(let b):
            "bar(\(b.symbol) o\(b.open.value) h\(b.high.value) l\(b.low.value) c\(b.close.value) v\(b.volume.value) σ\(b.sigma.value)\(b.thin ? " thin" : ""))"
        case .disconnect: "disconnect"
        case .reconnect: "reconnect"
        case .rejectStorm(let on): "rejectStorm(\(on))"
        case .staleBook(let on): "staleBook(\(on))"
        }
    }
}

/// What a command produced.
public enum ExchangeOutcome: Hashable, Sendable {
    case done
    /// The client refused the request; nothing changed.
    case refused(ClientError)
    /// The market event was refused; nothing changed.
    case badMarketData(MarketDataError)
}
