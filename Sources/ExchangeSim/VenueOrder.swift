import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// One order as the venue holds it, in the venue's slot array.
struct VenueOrder: Sendable {
    var request: NewOrder
    /// Index of the order's instrument in the configuration.
    var instrument: Int32
    /// Index of the client's record of the order (reports are addressed to it).
    var client: Int32
    var state: VenueOrderState
    var filled: Int64
    /// Σ price × quantity of its fills, in ticks × lots (at most `VenueLimits.maxPrice` ×
    /// `VenueLimits.maxQuantity`, far inside `Int64`).
    var fillPriceTotal: Int64 = 0
    var rejectReason: RejectReason?
    var liquidity: Liquidity
    var triggered: Bool
    /// The last report sequence number sent about the order (0: none yet).
    var sequence: UInt32
    /// The reference price fixed at arrival (limit, trigger, or the market's price then): an
    /// open order reserves remainder × it.
    var reference: Int64
    /// The `back` latency of the submit: reports caused by market events travel with it.
    var back: SimDuration

    var remainder: Int64 { request.quantity.value - filled }
    var isOpen: Bool { !state.isTerminal }

    var snapshot: VenueOrderSnapshot {
        VenueOrderSnapshot(
            request: request, state: state, filled: Lots(filled), fillPriceTotal: fillPriceTotal, rejectReason: rejectReason, liquidity: liquidity,
            triggered: triggered)
    }
}

/// One order as the client knows it.
struct ClientOrder: Sendable {
    var request: NewOrder
    var state: ClientOrderState
    var filled: Int64
    /// Σ price × quantity of the fills the last applied report covered.
    var fillPriceTotal: Int64 = 0
    var deadline: SimTime
    /// The highest report sequence number applied (0: none).
    var lastApplied: UInt32
    /// The venue's slot for this id once a submit of it has arrived (−1: the venue has never
    /// seen the id). Ids and client records are one to one, so this is the venue's id lookup.
    var venueSlot: Int32 = -1

    var snapshot: ClientOrderSnapshot {
        ClientOrderSnapshot(id: request.id, state: state, filled: Lots(filled), fillPriceTotal: fillPriceTotal, deadline: deadline)
    }
}

/// The account's books for one symbol (`docs/exchange.md`, the books).
struct Holding: Sendable {
    var position: Int64 = 0
    var cost: Int64 = 0
    var realized: Int64 = 0
    var mark: Int64 = 0
    /// Whether the symbol has had a fill (only those appear in the account snapshot).
    var hasTraded = false
}
