import ExchangeVocabulary
import StrategyVocabulary
import TradingModels

/// The invariants of the two hedges (`docs/strategies.md`, invariants) as named predicates.
public enum HedgeInvariants {
    static func working(_ order: TrackedOrder) -> Bool { order.state == .sent || order.state == .open }

    public static let state: [Invariant<HedgeObservation>] = [
        Invariant("nothing held past the roll point", "From the nearer expiry less the buffer on, the machine is closing or done.") { o in
            o.now < o.parameters.rollAt || ![.idle, .analyzing, .executing, .monitoring].contains(o.phase)
        },
        Invariant("legs balanced", "Held with nothing working (outside a rebalancing window), |A + B| is within the band.") { o in
            !(o.phase == .monitoring && o.live.isEmpty) || abs(o.net) <= o.parameters.tolerance.value
        },
        Invariant(
            "no orphaned leg", "A leg held with nothing working only while hedged (MONITORING), alerted in ERROR (the next event unwinds it), or after STOPPED."
        ) { o in
            (o.positionA == 0 && o.positionB == 0) || !o.live.isEmpty || [.monitoring, .error, .stopped].contains(o.phase)
        },
        Invariant("COMPLETED ⇒ flat, nothing working", "A completed hedge holds nothing and has no order working.") { o in
            o.phase != .completed || (o.positionA == 0 && o.positionB == 0 && o.live.isEmpty)
        },
        Invariant("orders out == orders in", "Every order placed is working or finished, once: placed = finished + working.") { o in
            o.placed == o.finished + o.live.count
        },
        Invariant("working orders tracked until terminal", "Working orders are listed by id, once, none terminal, none filled past its size.") { o in
            zip(o.live, o.live.dropFirst()).allSatisfy { $0.order.id < $1.order.id }
                && o.live.allSatisfy { !$0.state.isTerminal && $0.filled.value >= 0 && $0.filled < $0.order.quantity }
        },
        Invariant("STOPPED ⇒ every leg being cancelled", "After an emergency stop only the flattening orders work without a cancel.") { o in
            o.phase != .stopped || o.live.allSatisfy { $0.order.purpose == .flatten || !working($0) }
        },
    ]

    public static let steps: [StepInvariant<StrategyEvent, StrategyStep, HedgeObservation>] = [
        StepInvariant("no order after COMPLETED or STOPPED", "A terminal machine places nothing.") { before, _, step, _ in
            !before.phase.isTerminal || step.placed.isEmpty
        },
        StepInvariant("every transition is in the table", "Each phase change is in the table and the path runs from the phase before to the phase after.") {
            before, _, step, after in
            var phase = before.phase
            for transition in step.transitions {
                guard transition.from == phase, HedgeTable.allowed.contains(transition) else { return false }
                phase = transition.to
            }
            return phase == after.phase
        },
        StepInvariant("rebalance moves the lagging leg toward its target", "A rebalance trades a leg short of its target, toward it, no further.") {
            before, _, step, after in
            step.placed.filter { $0.purpose == .rebalance }.allSatisfy { order in
                let held = order.venue == .a ? before.positionA : before.positionB
                let target = (order.venue == .a ? after.direction : -after.direction) * after.parameters.quantity.value
                let gap = target - held
                return order.side.sign * gap > 0 && order.quantity.value <= abs(gap)
            }
        },
        StepInvariant("legs open only on the signal", "Legs are placed only when the spread strays from fair by the entry or more (cash and carry: rich only).")
        {
            _, _, step, after in
            guard step.placed.contains(where: { $0.purpose == .leg }) else { return true }
            guard let a = after.bookA, let b = after.bookB else { return false }
            let deviation = b.mid.value - a.mid.value - after.parameters.fairSpread.value
            return after.direction != 0 && after.parameters.direction(for: deviation) == after.direction
        },
    ]
}
