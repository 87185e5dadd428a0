import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// Everything the venue and its client expose, as one comparable snapshot.
public struct ExchangeObservation: Hashable, Sendable, CustomStringConvertible {
    public var now: SimTime
    public var isConnected: Bool
    public var isRejectStorm: Bool
    public var isBookStale: Bool
    /// Sorted by id.
    public var venueOrders: [VenueOrderSnapshot]
    /// Sorted by id.
    public var clientOrders: [ClientOrderSnapshot]
    /// In booking order.
    public var fills: [Fill]
    public var account: AccountSnapshot
    /// Sorted by symbol.
    public var clientQuotes: [ClientQuote]
    /// The run's constants the invariants need.
    public var initialCash: Cents
    public var fees: FeeSchedule

    public init(
        now: SimTime, isConnected: Bool, isRejectStorm: Bool, isBookStale: Bool, venueOrders: [VenueOrderSnapshot],
        clientOrders: [ClientOrderSnapshot], fills: [Fill], account: AccountSnapshot, clientQuotes: [ClientQuote],
        initialCash: Cents, fees: FeeSchedule
    ) {
        self.now = now
        self.isConnected = isConnected
        self.isRejectStorm = isRejectStorm
        self.isBookStale = isBookStale
        self.venueOrders = venueOrders
        self.clientOrders = clientOrders
        self.fills = fills
        self.account = account
        self.clientQuotes = clientQuotes
        self.initialCash = initialCash
        self.fees = fees
    }

    /// The venue's order `id` (binary search: `venueOrders` is sorted by id, and the invariants
    /// look an order up for every fill after every step).
    public func venueOrder(_ id: ClientOrderID) -> VenueOrderSnapshot? { venueOrderIndex(id).map { venueOrders[$0] } }

    /// Where the venue's order `id` is in `venueOrders`.
    public func venueOrderIndex(_ id: ClientOrderID) -> Int? {
        var low = 0
        var high = venueOrders.count
        while low < high {
            let mid = (low + high) / 2
            if venueOrders[mid].request.id < id { low = mid + 1 } else { high = mid }
        }
        return low < venueOrders.count && venueOrders[low].request.id == id ? low : nil
    }

    public var description: String {
        var lines = [
            "t+\((now - SimTime.simulationEpoch).nanoseconds / 1_000_000)ms\(isConnected ? "" : " DISCONNECTED")"
                + "\(isRejectStorm ? " STORM" : "")\(isBookStale ? " STALE" : "")"
        ]
        lines.append("venue: [\(venueOrders.map(\.description).joined(separator: "; "))]")
        lines.append("client: [\(clientOrders.map(\.description).joined(separator: "; "))]")
        lines.append("fills: [\(fills.map(\.description).joined(separator: "; "))]")
        lines.append("books: \(account)")
        return lines.joined(separator: "\n")
    }
}
