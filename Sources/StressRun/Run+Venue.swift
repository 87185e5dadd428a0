import ExchangeSim
import ExchangeVocabulary
import MarketSim
import TradingMachines
import TradingVocabulary

extension Run {
    /// Sends one order to the venue with this operation's drawn latency (scaled by the phase's
    /// latency multiplier) and reject flag (the run's rate, the storm's, or the phase's
    /// probability), and checks `noOrderWhileOffOrHalted` against the stack's true state.
    /// `decision` is the number of the decision that made it; nil: a new decision.
    mutating func send(_ order: NewOrder, symbol i: Int, amount: Int64, decision: Int? = nil, choices: inout some ChoiceSource) {
        nextOrderID += 1
        let decision = decision ?? nextDecision
        if decision == nextDecision { nextDecision += 1 }
        let conditions = stepConditions[i]
        let drawn = faults.latency(from: &choices)
        let latency = LinkLatency(
            out: Self.scaled(drawn.out, by: conditions.latencyMultiplier),
            back: Self.scaled(drawn.back, by: conditions.latencyMultiplier))
        let flagged = faults.rejects(inStorm: exchange.isRejectStorm, from: &choices)
        let phaseReject = choices.happens(probability: conditions.rejectProbability)
        do {
            try exchange.submit(order, latency: latency, randomReject: flagged || phaseReject)
        } catch {
            failure(order.id, symbols[i], .notSent(error))
            return
        }
        let mode = stack.tradingModeState
        let halted = stack.isTradingHalted || stack.portfolioState == .emergencyHalt
        if mode != .liveActive || halted { violate(.orderWhileBlocked(time: now, order: order.id, mode: mode, halted: halted)) }
        events.append(.sent(SentOrder(time: now, order: order, amount: Cents(amount), decision: decision)))
        let calm = faults.bounds.baseLatency + faults.bounds.maxJitter
        if latency.out > calm || latency.back > calm { events.append(.latencySpike(LatencySpike(time: now, order: order.id, latency: latency))) }
        tracked.append(TrackedOrder(id: order.id, symbol: i, side: order.side, quantity: order.quantity.value, decision: decision))
    }

    /// `duration` × `multiplier` (≥ 1), in whole nanoseconds, saturating at the client's longest
    /// leg (`VenueLimits.maxLatency`, one day): a leg that long is lost to any timeout, and one
    /// longer would be refused as `invalidLatency` (the order not sent, where it should be late).
    static func scaled(_ duration: SimDuration, by multiplier: Double) -> SimDuration {
        let ns = (Double(duration.nanoseconds) * max(multiplier, 1)).rounded()
        return SimDuration(nanoseconds: ns < Double(VenueLimits.maxLatency) ? Int64(ns) : VenueLimits.maxLatency)
    }

    /// The `sectorHardCap` property for a buy the stack just accepted: the sector's exposure as
    /// the executor reconciled it this step, plus every amount accepted since (this one
    /// included), within the hard cap of the portfolio value.
    mutating func checkSectorCap(afterAdding amount: Int64, to i: Int, order: ClientOrderID) {
        accepted[i] += amount
        let sector = symbolSectors[i]
        var exposure: Int64 = 0
        for j in symbols.indices where symbolSectors[j] == sector { exposure += reconciled[j] + accepted[j] }
        let hard = stack.hardCap(of: sector).value
        let cap = Int128(hard) * Int128(portfolioValue) / 10_000
        if Int128(exposure) * 10_000 > Int128(hard) * Int128(portfolioValue) {
            violate(.sectorAboveHardCap(time: now, order: order, sector: sector, exposure: Cents(exposure), cap: Cents(Int64(cap))))
        }
    }
}
