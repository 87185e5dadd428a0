/// An order's state at the venue (`docs/exchange.md`, the lifecycle table).
public enum VenueOrderState: String, Hashable, Sendable, CaseIterable {
    case accepted, partiallyFilled, pendingCancel, filled, canceled, rejected, expired

    /// FILLED, CANCELED, REJECTED, EXPIRED: nothing more happens to the order.
    @inlinable public var isTerminal: Bool {
        switch self {
        case .filled, .canceled, .rejected, .expired: true
        case .accepted, .partiallyFilled, .pendingCancel: false
        }
    }
}

/// An order's state as the client knows it: the venue's states as last reported, plus what
/// only the client can be in.
public enum ClientOrderState: Hashable, Sendable, CustomStringConvertible {
    /// Sent, not yet acknowledged.
    case sent
    /// No acknowledgement before the deadline: the outcome is unknown until queried.
    case unknown
    /// A query answered after the deadline found no such order: the submit never arrived, and
    /// never will (the venue drops requests older than the deadline). The id may be resubmitted.
    case notFound
    /// The venue's state as last reported.
    case venue(VenueOrderState)

    public var description: String {
        switch self {
        case .sent: "SENT"
        case .unknown: "UNKNOWN"
        case .notFound: "NOT_FOUND"
        case .venue(let state): state.rawValue
        }
    }
}

/// Whether a fill added liquidity (a limit order not marketable on arrival) or took it.
public enum Liquidity: String, Hashable, Sendable {
    case maker, taker
}
