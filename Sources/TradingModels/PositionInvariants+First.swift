import TradingVocabulary

extension PositionInvariants {
    /// The name of the first invariant of `state` that `o` violates, the same as
    /// `state.violations(of: o).first`: one pass over the positions and one over the log instead
    /// of six closures each walking them, the other rules asked of `state` (the differential
    /// check asks at every step). The rules are `state`'s, in its order;
    /// `PositionInvariantsTests` holds the two equal on every rule's violating example and on
    /// generated observations.
    public static func firstViolation(of o: PositionObservation) -> String? {
        let positions = o.positions
        var (entryOrder, uniqueSymbols, unmarkedZero) = (true, true, true)
        for index in positions.indices {
            let position = positions[index]
            if index > 0, positions[index - 1].entry >= position.entry { entryOrder = false }
            if uniqueSymbols, positions[..<index].contains(where: { $0.symbol == position.symbol }) { uniqueSymbols = false }
            if !position.isMarked, position.unrealizedPnL != 0 { unmarkedZero = false }
        }
        let log = o.log
        var (chains, changes, consistent) = (true, true, true)
        for index in log.indices {
            let entry = log[index]
            if entry.from != (index == 0 ? PositionState.normal : log[index - 1].to) { chains = false }
            if entry.from == entry.to { changes = false }
            let derived: PositionState = entry.forced ? .forcedUnwind : entry.excess > 0 ? .drain : .normal
            if entry.excess != entry.count - entry.cap || entry.to != derived { consistent = false }
        }
        // Each rule by its index in `state` (the ones that walk no list asked of `state` itself);
        // the first that fails is the answer.
        var first = FirstFailingRule()
        first.check(0, state[0].holds(o))
        first.check(1, state[1].holds(o))
        first.check(2, state[2].holds(o))
        first.check(3, state[3].holds(o))
        first.check(4, state[4].holds(o))
        first.check(5, state[5].holds(o))
        first.check(6, state[6].holds(o))
        first.check(7, state[7].holds(o))
        first.check(8, state[8].holds(o))
        first.check(9, entryOrder)
        first.check(10, uniqueSymbols)
        first.check(11, unmarkedZero)
        first.check(12, chains)
        first.check(13, changes)
        first.check(14, state[14].holds(o))
        first.check(15, consistent)
        return first.index.map { state[$0].name }
    }
}
