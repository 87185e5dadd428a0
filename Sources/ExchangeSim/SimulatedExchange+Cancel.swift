import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// Cancels at the venue (`docs/exchange.md`, the lifecycle: PENDING_CANCEL and its exits).
extension SimulatedExchange {
    /// A cancel reaching the venue: refused at once (reported, the order unchanged) for an
    /// unknown, terminal or already pending order; otherwise PENDING_CANCEL, decided `hold` later.
    mutating func cancelArrives(client slot: Int32, hold: SimDuration, refuse: Bool, back: SimDuration) {
        // An unknown order: the refusal carries no order state, so the client learns nothing.
        let order = client[Int(slot)].venueSlot
        guard order >= 0 else { return }
        switch venue[Int(order)].state {
        case .filled, .canceled, .rejected, .expired, .pendingCancel:
            restate(order, back: back)
        case .accepted, .partiallyFilled:
            venue[Int(order)].state = .pendingCancel
            report(order, back: back)
            assert(hold >= .zero, "the client refuses a negative hold (invalidHold)")
            queue.schedule(.cancelDecision(order: order, refuse: refuse, back: back), at: now + hold)
        }
    }

    /// The decision on a pending cancel: nothing if the order is terminal by now (filled
    /// meanwhile, or canceled on disconnect), else refused (back to ACCEPTED or PARTIALLY_FILLED)
    /// or confirmed (CANCELED).
    mutating func cancelDecided(order: Int32, refuse: Bool, back: SimDuration) {
        let held = venue[Int(order)]
        guard !held.state.isTerminal else { return }
        assert(held.state == .pendingCancel, "a cancel decision for an order that is not PENDING_CANCEL")
        if refuse {
            venue[Int(order)].state = held.filled == 0 ? .accepted : .partiallyFilled
        } else {
            close(order, as: .canceled)
        }
        report(order, back: back)
    }
}
