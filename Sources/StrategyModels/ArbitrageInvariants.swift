import ExchangeVocabulary
import StrategyVocabulary
import TradingModels

/// The invariants of simple arbitrage (`docs/strategies.md`, invariants) as named predicates.
public enum ArbitrageInvariants {
    static func working(_ order: TrackedOrder) -> Bool { order.state == .sent || order.state == .open }

    public static let state: [Invariant<ArbitrageObservation>] = [
        Invariant("no leg left open", "COMPLETED only with both legs filled alike (nothing held together) and no order working.") { o in
            o.phase != .completed || (o.net == 0 && o.live.isEmpty)
        },
        Invariant("legs balanced", "Outside a rebalancing window (no order working, still trading) what A and B hold cancels out.") { o in
            !(o.live.isEmpty && [.analyzing, .executing, .monitoring].contains(o.phase)) || o.net == 0
        },
        Invariant("no orphaned leg", "Unhedged lots with nothing working only after STOPPED (alerted): otherwise an unwind is working.") { o in
            o.net == 0 || o.phase == .stopped || !o.live.isEmpty
        },
        Invariant("at most two legs", "One opportunity, two legs: more legs are a second trade the strategy never decided.") { o in
            o.live.filter { $0.order.purpose == .leg }.count <= 2
        },
        Invariant("orders out == orders in", "Every order placed is working or finished, once: placed = finished + working.") { o in
            o.placed == o.finished + o.live.count
        },
        Invariant("working orders tracked until terminal", "Working orders are listed by id, once, none terminal, none filled past its size.") { o in
            zip(o.live, o.live.dropFirst()).allSatisfy { $0.order.id < $1.order.id }
                && o.live.allSatisfy { !$0.state.isTerminal && $0.filled.value >= 0 && $0.filled < $0.order.quantity }
        },
        Invariant("STOPPED ⇒ every leg being cancelled", "After an emergency stop no leg is left working without a cancel.") { o in
            o.phase != .stopped || o.live.allSatisfy { $0.order.purpose == .flatten || !working($0) }
        },
        Invariant("a failed leg's partner is cancelled", "Once a leg ended short, no other leg works without a cancel.") { o in
            !o.legFailed || o.phase.isTerminal || o.live.allSatisfy { $0.order.purpose != .leg || !working($0) }
        },
    ]

    public static let steps: [StepInvariant<StrategyEvent, StrategyStep, ArbitrageObservation>] = [
        StepInvariant("no order after COMPLETED or STOPPED", "A terminal machine places nothing.") { before, _, step, _ in
            !before.phase.isTerminal || step.placed.isEmpty
        },
        StepInvariant("every transition is in the table", "Each phase change is in the table and the path runs from the phase before to the phase after.") {
            before, _, step, after in
            var phase = before.phase
            for transition in step.transitions {
                guard transition.from == phase, ArbitrageTable.allowed.contains(transition) else { return false }
                phase = transition.to
            }
            return phase == after.phase
        },
        StepInvariant("legs only on an opportunity", "Legs are placed only when a spread beats both fees and the minimum profit.") { _, _, step, after in
            let legs = step.placed.filter { $0.purpose == .leg }
            guard !legs.isEmpty else { return true }
            guard legs.count == 2, let buy = legs.first(where: { $0.side == .buy }), let sell = legs.first(where: { $0.side == .sell }),
                let bought = buy.limit, let sold = sell.limit, buy.venue != sell.venue
            else { return false }
            return sold.value - bought.value > after.parameters.threshold
        },
    ]
}
