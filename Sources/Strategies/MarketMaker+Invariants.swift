import ExchangeVocabulary
import StrategyVocabulary

extension MarketMaker {
    /// The names of the rules this machine breaks now (`docs/strategies.md`, invariants): the
    /// production machine's own copy, checked after every event under `STRESSCHECK_INVARIANT_CHECKS`.
    public func checkInvariants() -> [String] {
        var broken: [String] = []
        let limit = parameters.inventoryLimit.value
        if abs(inventory) > limit { broken.append("inventory within ±limit") }
        var bids: Int64 = 0
        var asks: Int64 = 0
        var bestBid = Int64.min
        var bestAsk = Int64.max
        for order in live where order.order.purpose == .quote {
            let price = order.order.limit?.value ?? 0
            if order.order.side == .buy {
                bids += order.remaining.value
                bestBid = max(bestBid, price)
            } else {
                asks += order.remaining.value
                bestAsk = min(bestAsk, price)
            }
        }
        if bestBid >= bestAsk { broken.append("quotes never cross") }
        if inventory + bids > limit || inventory - asks < -limit { broken.append("no quote can push inventory past the limit") }
        if placed != finished + live.count { broken.append("orders out == orders in") }
        if !zip(live, live.dropFirst()).allSatisfy({ $0.order.id < $1.order.id }) { broken.append("working orders by id, once each") }
        if live.contains(where: { $0.state.isTerminal || $0.filled >= $0.order.quantity }) { broken.append("working orders not terminal") }
        if phase == .stopped, live.contains(where: { $0.order.purpose == .quote && ($0.state == .sent || $0.state == .open) }) {
            broken.append("STOPPED ⇒ every quote being cancelled")
        }
        return broken
    }

    /// `checkInvariants()` after an event, under `STRESSCHECK_INVARIANT_CHECKS`; a mutant breaks
    /// them on purpose and is not checked.
    @inline(__always) func checkInvariantsIfEnabled() {
        guard mutation == .none else { return }
        trapOnBrokenInvariants(of: "MarketMaker", checkInvariants())
    }
}
