import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// Everything the scheduler can deliver: requests travelling to the venue, reports travelling
/// back, and the two timers (the client's deadline, the venue's cancel decision).
///
/// Orders are named by their slot indices, so a message is a few machine words and the queue
/// never allocates once reserved.
enum ScheduledMessage: Sendable {
    /// A (re)submit of the client order in slot `client`, sent at `sentAt`.
    case submitArrives(client: Int32, sentAt: SimTime, randomReject: Bool, back: SimDuration)
    case cancelArrives(client: Int32, hold: SimDuration, refuse: Bool, back: SimDuration)
    case queryArrives(client: Int32, back: SimDuration)
    /// The venue's decision on a PENDING_CANCEL order, `hold` after the cancel arrived.
    case cancelDecision(order: Int32, refuse: Bool, back: SimDuration)
    /// A report of an order's state (its filled quantity and their price × quantity total):
    /// applied by the client if `sequence` is new.
    case report(client: Int32, state: VenueOrderState, filled: Int64, fillPriceTotal: Int64, sequence: UInt32)
    /// A query's answer that the venue does not know the order, answered at `answeredAt`.
    case notFound(client: Int32, answeredAt: SimTime)
    /// The client's deadline for the (re)submit whose deadline is `deadline`.
    case deadline(client: Int32, deadline: SimTime)

    /// Whether the message crosses the client's link (and is lost if it is down on arrival).
    var travelsToVenue: Bool {
        switch self {
        case .submitArrives, .cancelArrives, .queryArrives: true
        case .cancelDecision, .report, .notFound, .deadline: false
        }
    }

    var travelsToClient: Bool {
        switch self {
        case .report, .notFound: true
        case .submitArrives, .cancelArrives, .queryArrives, .cancelDecision, .deadline: false
        }
    }
}
