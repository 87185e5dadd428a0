import TradingVocabulary

/// The invariants of position management (`machines.md` §1, `docs/machines.md` §1) as named
/// predicates, evaluated against the model's and the production machine's observations alike.
public enum PositionInvariants {
    /// Rules about one observation.
    public static let state: [Invariant<PositionObservation>] = [
        Invariant("count ≥ 0", "A count of positions is never negative.") { $0.count >= 0 },
        Invariant("count == positions", "count is the number of positions listed.") {
            $0.count == $0.positions.count
        },
        Invariant("cap ≥ 0", "setCap refuses a negative cap, so the cap is never negative.") { $0.cap >= 0 },
        Invariant("excess == count − cap", "excess is derived, never stored apart.") {
            $0.excess == $0.count - $0.cap
        },
        Invariant("DRAIN ⇒ excess > 0", "The original bug: DRAIN at count == cap. DRAIN needs a real excess.") {
            $0.state != .drain || $0.excess > 0
        },
        Invariant("DRAIN ⇒ not forced", "Forced unwind takes precedence over DRAIN.") {
            $0.state != .drain || !$0.isForced
        },
        Invariant("NORMAL ⇒ excess ≤ 0", "Over the cap the machine must drain.") {
            $0.state != .normal || $0.excess <= 0
        },
        Invariant("NORMAL ⇒ not forced", "Forced unwind takes precedence over NORMAL.") {
            $0.state != .normal || !$0.isForced
        },
        Invariant("FORCED_UNWIND ⇔ forced", "The state is FORCED_UNWIND exactly when the flag is set.") {
            ($0.state == .forcedUnwind) == $0.isForced
        },
        Invariant("positions in entry order", "Positions are listed oldest first; entry numbers are unique.") {
            zip($0.positions, $0.positions.dropFirst()).allSatisfy { $0.entry < $1.entry }
        },
        Invariant("symbols unique", "A symbol is held at most once.") {
            let positions = $0.positions
            return positions.indices.allSatisfy { i in !positions[..<i].contains { $0.symbol == positions[i].symbol } }
        },
        Invariant("unmarked ⇒ PnL 0", "A position never marked counts as PnL 0.") {
            $0.positions.allSatisfy { $0.isMarked || $0.unrealizedPnL == 0 }
        },
        Invariant("log chains", "Each log entry's `from` is the previous entry's `to`; the first is from NORMAL.") {
            let log = $0.log
            return log.indices.allSatisfy { i in log[i].from == (i == 0 ? PositionState.normal : log[i - 1].to) }
        },
        Invariant("log: from ≠ to", "Only real state changes are logged.") {
            $0.log.allSatisfy { $0.from != $0.to }
        },
        Invariant("log ends at state", "The last entry's `to` is the current state (empty log ⇒ NORMAL).") {
            ($0.log.last?.to ?? .normal) == $0.state
        },
        Invariant("log entries consistent", "Each entry's excess is count − cap and its `to` is the state those values derive.") {
            $0.log.allSatisfy { entry in
                entry.excess == entry.count - entry.cap
                    && entry.to == (entry.forced ? .forcedUnwind : entry.excess > 0 ? .drain : .normal)
            }
        },
    ]

    /// Rules about one step.
    public static let steps: [StepInvariant<PositionCommand, PositionOutcome, PositionObservation>] = [
        StepInvariant("accepted open had NORMAL and count < cap", "open is accepted only in NORMAL below the cap.") {
            before, _, outcome, _ in
            guard case .decision(.accepted) = outcome else { return true }
            return before.state == .normal && before.count < before.cap
        },
        StepInvariant("accepted open adds one unmarked position", "An accepted open appends the symbol, PnL 0, unmarked, newest entry.") {
            before, command, outcome, after in
            guard case .open(let symbol) = command, case .decision(.accepted) = outcome else { return true }
            guard let added = after.positions.last, after.positions.dropLast() == before.positions[...] else { return false }
            return added.symbol == symbol && added.unrealizedPnL == 0 && !added.isMarked
                && before.positions.allSatisfy { $0.entry < added.entry }
        },
        StepInvariant("open rejection names the state", "forcedUnwind only in FORCED_UNWIND, draining only in DRAIN, atCapacity only in NORMAL at count ≥ cap.")
        {
            before, _, outcome, _ in
            switch outcome {
            case .decision(.rejected(.forcedUnwind)): before.state == .forcedUnwind
            case .decision(.rejected(.draining)): before.state == .drain
            case .decision(.rejected(.atCapacity)): before.state == .normal && before.count >= before.cap
            default: true
            }
        },
        StepInvariant("rejected open changes nothing", "A rejection leaves the machine as it was.") {
            before, _, outcome, after in
            if case .decision(.rejected) = outcome { return before == after }
            return true
        },
        StepInvariant("error changes nothing", "A malformed input leaves the machine as it was.") {
            before, _, outcome, after in
            if case .error = outcome { return before == after }
            return true
        },
        StepInvariant("cycle changes nothing", "cycle only emits orders; a position goes when close reports its fill.") {
            before, command, _, after in
            guard case .cycle = command else { return true }
            return before == after
        },
        StepInvariant("cycle emits the documented orders", "NORMAL none; DRAIN exactly excess `.drain` orders; FORCED_UNWIND one `.forcedUnwind` per position.")
        {
            before, _, outcome, _ in
            guard case .orders(let orders) = outcome else { return true }
            switch before.state {
            case .normal: return orders.isEmpty
            case .drain: return orders.count == before.excess && orders.allSatisfy { $0.reason == .drain }
            case .forcedUnwind:
                return orders.count == before.count && orders.allSatisfy { $0.reason == .forcedUnwind }
            }
        },
        StepInvariant("cycle closes lowest PnL first", "Orders go by ascending (PnL, entry): lowest PnL first, ties oldest first.") {
            before, _, outcome, _ in
            guard case .orders(let orders) = outcome else { return true }
            let ranked = before.positions.sorted {
                ($0.unrealizedPnL.value, $0.entry) < ($1.unrealizedPnL.value, $1.entry)
            }
            return orders.map(\.symbol) == ranked.prefix(orders.count).map(\.symbol)
        },
        StepInvariant("transition reported iff state changed", "adopt/close/setCap/setForcedUnwind return the change, with the values after it.") {
            before, _, outcome, after in
            guard case .transition(let transition) = outcome else { return true }
            guard let transition else { return before.state == after.state }
            return transition
                == PositionTransition(
                    from: before.state, to: after.state, count: after.count, cap: after.cap,
                    excess: after.excess, forced: after.isForced) && before.state != after.state
        },
        StepInvariant("one log entry per state change", "The log keeps its past and grows by one exactly when the state changes.") {
            before, _, _, after in
            let expected = before.state == after.state ? 0 : 1
            return after.log.count == before.log.count + expected && after.log.starts(with: before.log)
        },
        StepInvariant("mark changes only the PnL", "mark replaces one position's PnL and marks it; nothing else moves.") {
            before, command, outcome, after in
            guard case .mark(let symbol, let pnl) = command, outcome == .done else { return true }
            var expected = before
            guard let index = expected.positions.firstIndex(where: { $0.symbol == symbol }) else { return false }
            expected.positions[index].unrealizedPnL = pnl
            expected.positions[index].isMarked = true
            return after == expected
        },
        StepInvariant("close removes exactly the symbol", "A close removes that position and keeps the others in order.") {
            before, command, outcome, after in
            guard case .close(let symbol) = command, case .transition = outcome else { return true }
            return after.positions == before.positions.filter { $0.symbol != symbol }
        },
    ]
}
