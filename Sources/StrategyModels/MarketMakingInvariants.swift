import ExchangeVocabulary
import StrategyVocabulary
import TradingModels

/// The invariants of market making (`docs/strategies.md`, invariants) as named predicates over
/// an observation, evaluated after every event against production's observation.
public enum MarketMakingInvariants {
    public static let state: [Invariant<MarketMakingObservation>] = [
        Invariant("inventory within ±limit", "|inventory| ≤ the inventory limit, always.") { o in
            abs(o.inventory) <= o.parameters.inventoryLimit.value
        },
        Invariant("quotes never cross", "Every working bid is below every working ask (cancels in flight included).") { o in
            let bids = o.live.filter { $0.order.purpose == .quote && $0.order.side == .buy }.compactMap { $0.order.limit?.value }
            let asks = o.live.filter { $0.order.purpose == .quote && $0.order.side == .sell }.compactMap { $0.order.limit?.value }
            return (bids.max() ?? .min) < (asks.min() ?? .max)
        },
        Invariant("no quote can push inventory past the limit", "Inventory plus every working bid, minus every working ask, stays in ±limit.") { o in
            let limit = o.parameters.inventoryLimit.value
            let bids = o.live.filter { $0.order.purpose == .quote && $0.order.side == .buy }.reduce(Int64(0)) { $0 + $1.remaining.value }
            let asks = o.live.filter { $0.order.purpose == .quote && $0.order.side == .sell }.reduce(Int64(0)) { $0 + $1.remaining.value }
            return o.inventory + bids <= limit && o.inventory - asks >= -limit
        },
        Invariant("orders out == orders in", "Every order placed is working or finished, once: placed = finished + working.") { o in
            o.placed == o.finished + o.live.count
        },
        Invariant("working orders tracked until terminal", "Working orders are listed by id, once, none terminal, none filled past its size.") { o in
            zip(o.live, o.live.dropFirst()).allSatisfy { $0.order.id < $1.order.id }
                && o.live.allSatisfy { !$0.state.isTerminal && $0.filled.value >= 0 && $0.filled < $0.order.quantity }
        },
        Invariant("STOPPED ⇒ every quote being cancelled", "After an emergency stop no quote is left working without a cancel.") { o in
            o.phase != .stopped || o.live.allSatisfy { $0.order.purpose != .quote || $0.state == .cancelRequested || $0.state == .cancelFailed }
        },
        Invariant("ERROR ⇒ every quote being cancelled", "A machine in ERROR has asked to cancel every quote.") { o in
            o.phase != .error || o.live.allSatisfy { $0.order.purpose != .quote || $0.state == .cancelRequested || $0.state == .cancelFailed }
        },
        Invariant("COMPLETED ⇒ flat", "A completed maker holds nothing.") { o in
            o.phase != .completed || o.inventory == 0
        },
    ]

    public static let steps: [StepInvariant<StrategyEvent, StrategyStep, MarketMakingObservation>] = [
        StepInvariant("no order after COMPLETED or STOPPED", "A terminal machine places nothing.") { before, _, step, _ in
            !before.phase.isTerminal || step.placed.isEmpty
        },
        StepInvariant(
            "COMPLETED ⇒ nothing working", "A maker completes only with every order terminal (after the rule above, which names an order placed after it)."
        ) {
            _, _, _, after in
            after.phase != .completed || after.live.isEmpty
        },
        StepInvariant("every transition is in the table", "Each phase change is in the table and the path runs from the phase before to the phase after.") {
            before, _, step, after in
            var phase = before.phase
            for transition in step.transitions {
                guard transition.from == phase, MarketMakingTable.allowed.contains(transition) else { return false }
                phase = transition.to
            }
            return phase == after.phase
        },
        StepInvariant("a tick after STOPPED resends every failed cancel", "No quote survives the stop's deadline: the next tick cancels again.") {
            _, event, _, after in
            guard case .timer = event, after.phase == .stopped else { return true }
            return !after.live.contains { $0.state == .cancelFailed }
        },
        StepInvariant("every order placed is tracked", "The orders a step places are counted and working.") { before, _, step, after in
            let placed = step.placed
            return after.placed == before.placed + placed.count && placed.allSatisfy { order in after.live.contains { $0.order == order } }
        },
    ]
}
