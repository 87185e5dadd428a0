import ExchangeVocabulary
import MarketSim
import TradingVocabulary

extension SimulatedExchange {
    /// Delivers every message due at or before now + `duration`, earliest first (ties in the
    /// order they were scheduled), the clock at each message's time; then sets the clock to the
    /// target.
    ///
    /// A negative duration is clamped to zero: the messages due now are delivered and the clock
    /// never moves backward. A target past the clock's end (`VenueLimits.maxTime`) stops there.
    public mutating func advance(by duration: SimDuration) {
        defer { checkInvariantsIfEnabled() }
        let step = max(duration.nanoseconds, 0)
        let (sum, overflow) = now.nanoseconds.addingReportingOverflow(step)
        let target = SimTime(nanoseconds: overflow ? VenueLimits.maxTime : min(sum, VenueLimits.maxTime))
        while let entry = queue.popDue(notAfter: target) {
            now = entry.time
            messagesDelivered += 1
            deliver(entry.message)
        }
        now = target
    }

    /// Delivers one message at the current time.
    mutating func deliver(_ message: ScheduledMessage) {
        if message.travelsToVenue || message.travelsToClient, !connected { return }  // lost on a dead link
        switch message {
        case .submitArrives(let slot, let sentAt, let randomReject, let back):
            submitArrives(client: slot, sentAt: sentAt, randomReject: randomReject, back: back)
        case .cancelArrives(let slot, let hold, let refuse, let back):
            cancelArrives(client: slot, hold: hold, refuse: refuse, back: back)
        case .queryArrives(let slot, let back):
            queryArrives(client: slot, back: back)
        case .cancelDecision(let order, let refuse, let back):
            cancelDecided(order: order, refuse: refuse, back: back)
        case .report(let slot, let state, let filled, let fillPriceTotal, let sequence):
            receiveReport(client: slot, state: state, filled: filled, fillPriceTotal: fillPriceTotal, sequence: sequence)
        case .notFound(let slot, let answeredAt):
            receiveNotFound(client: slot, answeredAt: answeredAt)
        case .deadline(let slot, let deadline):
            deadlinePassed(client: slot, deadline: deadline)
        }
    }

    /// Sends a report of the order's current state `back` from now, under a new sequence number
    /// (every state change and every fill is one report).
    @inline(__always)
    mutating func report(_ order: Int32, back: SimDuration) {
        venue[Int(order)].sequence += 1
        let current = venue[Int(order)]
        queue.schedule(
            .report(
                client: current.client, state: current.state, filled: current.filled, fillPriceTotal: current.fillPriceTotal,
                sequence: current.sequence), at: now + back)
    }

    /// Sends the order's current state under its current sequence number (a query's answer or a
    /// cancel refusal: nothing changed, so the same number carries the same content).
    mutating func restate(_ order: Int32, back: SimDuration) {
        let current = venue[Int(order)]
        queue.schedule(
            .report(
                client: current.client, state: current.state, filled: current.filled, fillPriceTotal: current.fillPriceTotal,
                sequence: current.sequence), at: now + back)
    }

    /// A query reaching the venue: the order's state, or NOT_FOUND with the time it answered.
    mutating func queryArrives(client slot: Int32, back: SimDuration) {
        let order = client[Int(slot)].venueSlot
        if order >= 0 {
            restate(order, back: back)
        } else {
            queue.schedule(.notFound(client: slot, answeredAt: now), at: now + back)
        }
    }
}
