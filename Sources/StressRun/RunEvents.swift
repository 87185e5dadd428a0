import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// A point of the equity curve: cash plus positions at the latest closes, after a step.
public struct EquityPoint: Hashable, Sendable {
    public let time: SimTime
    public let equity: Cents
}

/// Why the executor stopped trading: it halts the super-state (EMERGENCY_HALT).
public enum EmergencyStopReason: Hashable, Sendable {
    /// The drawdown crossed the configured emergency limit.
    case drawdownLimit(drawdown: BasisPoints)
    /// A symbol's feed delivered this many unusable bars in a row.
    case dataFeedFailure(symbol: Symbol, badBars: Int)
    /// The venue link was down for this many steps in a row.
    case venueUnreachable(steps: Int)
}

public struct EmergencyStop: Hashable, Sendable {
    public let time: SimTime
    public let reason: EmergencyStopReason
}

/// The layer that refused an order before it reached the venue, or the venue itself.
public enum RejectionLayer: String, CaseIterable, Hashable, Sendable {
    case tradingMode, superState, positions, sectorCaps
    /// The executor's order router: an exit held back because the trading mode was not live.
    case router
    /// The venue rejected it on arrival.
    case venue
    /// The executor held it back: the client's quote was older than `maxQuoteAge`.
    case dataFeed
    /// The risk stack threw instead of deciding (a `RiskGovernor`'s own error): the order went
    /// nowhere, and the record says so rather than dropping it.
    case riskStackError
}

/// Why an order was refused, typed by layer.
public enum RejectionReason: Hashable, Sendable {
    case risk(RiskRejection)
    /// The router held an order back: the mode it knows is not LIVE_ACTIVE, or it is halted.
    case routerClosed(mode: TradingModeState, halted: Bool)
    case venue(RejectReason)
    /// The strategy's order was decided on a quote `age` old (beyond `maxQuoteAge`): held back.
    case staleData(age: SimDuration)
    /// `RiskGovernor.submit` threw; the error as the governor describes it (shown, never parsed).
    case stackError(String)

    public var layer: RejectionLayer {
        switch self {
        case .risk(let rejection):
            switch rejection.layer {
            case .tradingMode: .tradingMode
            case .superState: .superState
            case .positions: .positions
            case .sectorCaps: .sectorCaps
            }
        case .routerClosed: .router
        case .venue: .venue
        case .staleData: .dataFeed
        case .stackError: .riskStackError
        }
    }
}

public struct Rejection: Hashable, Sendable {
    public let time: SimTime
    public let symbol: Symbol
    public let side: Side
    public let reason: RejectionReason
    public var layer: RejectionLayer { reason.layer }
}

/// Something that went wrong after the risk stack said yes.
public enum ExecutionFailureKind: Hashable, Sendable {
    /// The client refused to send (e.g. the link was down).
    case notSent(ClientError)
    /// No acknowledgement before the deadline: the order's outcome was UNKNOWN.
    case timedOut
    /// A query found that the submit never reached the venue.
    case neverArrived
    /// An IOC order expired with only part of it filled.
    case partlyFilled(filled: Lots, of: Lots)
}

public struct ExecutionFailure: Hashable, Sendable {
    public let time: SimTime
    public let order: ClientOrderID?
    public let symbol: Symbol
    public let kind: ExecutionFailureKind
}

/// An operation whose drawn latency exceeded the calm bound (base + the largest jitter).
public struct LatencySpike: Hashable, Sendable {
    public let time: SimTime
    public let order: ClientOrderID
    public let latency: LinkLatency
}

/// A bar the executor could not use, and why.
public struct DataQualityFault: Hashable, Sendable {
    public let time: SimTime
    public let symbol: Symbol
    public let barIndex: Int
    public let kind: DataFaultKind
}

/// An order sent to the venue.
public struct SentOrder: Hashable, Sendable {
    public let time: SimTime
    public let order: NewOrder
    /// What the risk stack booked for it (buys) or 0 (sells).
    public let amount: Cents
    /// The decision that made it (numbered from 0 in the run): a buy the risk stack accepted or a
    /// sell the router let through. One decision is one order: two sent orders with the same
    /// decision are the same order sent twice, whatever their ids.
    public let decision: Int
}

/// One sector's exposure in the risk stack at a step, with its health.
public struct SectorExposure: Hashable, Sendable {
    public let sector: Sector
    public let exposure: Cents
    public let health: SectorHealth
}

public struct SectorExposureSample: Hashable, Sendable {
    public let time: SimTime
    public let portfolioValue: Cents
    public let sectors: [SectorExposure]
}

/// A state change with the virtual time it happened at.
public struct Timed<Value: Hashable & Sendable>: Hashable, Sendable {
    public let time: SimTime
    public let value: Value
}

/// A closed round trip of one symbol: from flat to flat.
public struct RoundTrip: Hashable, Sendable {
    public let symbol: Symbol
    public let opened: SimTime
    public let closed: SimTime
    /// Realized PnL over the trip minus the fees paid on its fills.
    public let pnl: Cents
}
