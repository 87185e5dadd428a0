import ExchangeVocabulary

/// What a strategy asks the outside world to do. The driver carries actions out; the checks
/// compare them with the model's.
public enum StrategyAction: Hashable, Sendable, CustomStringConvertible {
    /// Place an order (the driver passes it through the risk stack first).
    case place(StrategyOrder)
    /// Cancel a working order.
    case cancel(ClientOrderID, VenueID)
    /// Tell the operator.
    case alert(StrategyAlert)

    public var description: String {
        switch self {
        case .place(let order): "place \(order)"
        case .cancel(let id, let venue): "cancel \(id) @\(venue)"
        case .alert(let alert): "alert \(alert)"
        }
    }
}

/// Why a strategy calls for a person.
public enum StrategyAlert: Hashable, Sendable {
    /// A book no strategy may act on (bid ≥ ask, a non-positive price, an empty side): ERROR.
    case badBook(VenueID, [BookProblem])
    /// A report about an order the strategy never placed, or no longer tracks: ERROR.
    case unknownOrder(ClientOrderID)
    /// A fill larger than the order's remainder: ERROR.
    case overfill(ClientOrderID, Lots)
    /// After STOPPED a fill raced a cancel, or the stop's flatten ended short (refused by the
    /// risk stack in EMERGENCY_HALT, rejected, cancelled): inventory is not flat and the strategy
    /// may not place the order that would flatten it.
    case exposedAfterStop(inventory: Lots)
    /// A leg is filled and its partner cannot be completed or unwound.
    case orphanedLeg(ClientOrderID)
}
