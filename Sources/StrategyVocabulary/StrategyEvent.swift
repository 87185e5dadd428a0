import ExchangeVocabulary

/// Why an order never reached the book.
public enum RejectionCause: String, Hashable, Sendable, CaseIterable {
    /// The venue refused it (funds, a random reject, a storm).
    case venue
    /// The risk stack refused it (its verdict, before it was sent).
    case riskStack
    /// The link was down: the submit failed with a typed error, nothing was created.
    case disconnected
}

/// What the exchange (or the risk stack) says about one of the strategy's orders.
public enum OrderReport: Hashable, Sendable, CustomStringConvertible {
    /// The venue acknowledged the order.
    case accepted(ClientOrderID)
    /// Part or all of the remainder traded: `quantity` is this fill's size, not the total, and
    /// `price` its price (for several fills reported at once, their average, rounded down, when
    /// the exchange reports price totals; otherwise the order's average price).
    case filled(ClientOrderID, quantity: Lots, price: Ticks)
    /// The cancel was confirmed: the remainder is gone.
    case canceled(ClientOrderID)
    case rejected(ClientOrderID, RejectionCause)
    /// A cancel request failed to reach the venue: the order is still working.
    case cancelFailed(ClientOrderID)

    /// The order the report is about.
    @inlinable public var id: ClientOrderID {
        switch self {
        case .accepted(let id), .filled(let id, _, _), .canceled(let id), .rejected(let id, _), .cancelFailed(let id): id
        }
    }

    /// The report as the Swift expression that makes it (a counterexample pastes as code).
    public var description: String {
        switch self {
        case .accepted(let id): ".accepted(\(id.value))"
        case .filled(let id, let quantity, let price): ".filled(\(id.value), quantity: \(quantity.value), price: \(price.value))"
        case .canceled(let id): ".canceled(\(id.value))"
        case .rejected(let id, let cause): ".rejected(\(id.value), .\(cause.rawValue))"
        case .cancelFailed(let id): ".cancelFailed(\(id.value))"
        }
    }
}

/// Everything a strategy reacts to. The machine is pure: it sees only these, in order.
public enum StrategyEvent: Hashable, Sendable, CustomStringConvertible {
    /// A new book ticker from a venue.
    case book(VenueID, BookTicker)
    /// A report about one of the strategy's orders (the risk stack's verdict included).
    case order(OrderReport)
    /// The clock: virtual time in the strategy's units (monotone; an earlier time is ignored).
    case timer(Int64)
    /// The super-state's EMERGENCY_HALT, or an operator's stop: STOPPED.
    case emergencyStop

    /// The event as the Swift expression that makes it (a counterexample pastes as code).
    public var description: String {
        switch self {
        case .book(let venue, let book):
            ".book(.\(venue == .a ? "a" : "b"), BookTicker(bid: \(book.bid.value), bidSize: \(book.bidSize.value), ask: \(book.ask.value), askSize: \(book.askSize.value)))"
        case .order(let report): ".order(\(report))"
        case .timer(let now): ".timer(\(now))"
        case .emergencyStop: ".emergencyStop"
        }
    }
}
