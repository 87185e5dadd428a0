import MarketSim

/// Why the venue rejected an order that reached it (the order becomes REJECTED).
public enum RejectReason: Hashable, Sendable {
    /// The client id was used before in this run.
    case duplicateClientID
    /// A futures order at or after the contract's expiry.
    case instrumentExpired
    /// A market order with no reference price yet (no quote, no bar).
    case noReferencePrice
    /// A spot buy beyond the cash not reserved by open buys.
    case insufficientCash
    /// A spot sell beyond the held quantity not reserved by open sells.
    case insufficientPosition
    /// A futures order beyond the initial margin the cash covers.
    case insufficientMargin
    /// The venue's random rejection (its base rate).
    case randomReject
    /// A rejection during a reject storm.
    case rejectStorm
}

/// Why the client refused a request before sending anything (no order is created, no id is
/// taken, nothing changes).
public enum ClientError: Error, Hashable, Sendable {
    case invalidQuantity(Lots)
    case invalidPrice(Ticks)
    case unknownSymbol
    /// The id is already tracked by the client.
    case idInUse(ClientOrderID)
    /// The client tracks no order with this id.
    case unknownOrder(ClientOrderID)
    /// A cancel of an order the client already knows is terminal.
    case alreadyTerminal(ClientOrderID, VenueOrderState)
    /// A cancel of an order the venue never received.
    case notFound(ClientOrderID)
    /// A resubmit of an order that is not NOT_FOUND.
    case notResubmittable(ClientOrderID, ClientOrderState)
    /// The link to the venue is down.
    case disconnected
    /// A latency leg negative or above `VenueLimits.maxLatency` (one day).
    case invalidLatency(LinkLatency)
    /// A cancel hold negative or above `VenueLimits.maxLatency` (one day).
    case invalidHold(SimDuration)
}
