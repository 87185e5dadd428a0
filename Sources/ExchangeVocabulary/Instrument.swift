import MarketSim
import TradingVocabulary

/// Spot or futures. A futures contract carries its expiry: orders reaching the venue at or after
/// it are rejected (`RejectReason.instrumentExpired`).
public enum InstrumentKind: Hashable, Sendable {
    case spot
    case futures(expiry: SimTime)
}

/// One tradable instrument: its symbol, kind, and what a tick of one lot is worth.
public struct Instrument: Hashable, Sendable {
    public var symbol: Symbol
    public var kind: InstrumentKind
    /// Minor units per lot per tick: notional = price × quantity × tickValue.
    public var tickValue: Cents
    /// The futures initial margin as a share of notional (ignored for spot).
    public var initialMargin: BasisPoints

    public init(symbol: Symbol, kind: InstrumentKind, tickValue: Cents, initialMargin: BasisPoints = 1_000) {
        self.symbol = symbol
        self.kind = kind
        self.tickValue = tickValue
        self.initialMargin = initialMargin
    }

    public var isSpot: Bool { if case .spot = kind { true } else { false } }
}
