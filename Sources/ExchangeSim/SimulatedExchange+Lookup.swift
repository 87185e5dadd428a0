import ExchangeVocabulary

/// One order by id, without building the sorted views: what a driver polls at every step for
/// the few orders it has in flight (the views allocate and sort the whole run's orders).
extension SimulatedExchange {
    /// The order `id` as the client knows it; `nil` if the client never created it.
    public func clientOrder(withID id: ClientOrderID) -> ClientOrderSnapshot? {
        guard let slot = clientIndex[id] else { return nil }
        return client[Int(slot)].snapshot
    }

    /// The order `id` as the venue holds it; `nil` if its submit has not reached the venue.
    public func venueOrder(withID id: ClientOrderID) -> VenueOrderSnapshot? {
        guard let slot = clientIndex[id] else { return nil }
        let order = client[Int(slot)].venueSlot
        return order >= 0 ? venue[Int(order)].snapshot : nil
    }
}
