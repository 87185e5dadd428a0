import TradingVocabulary

extension PositionInvariants {
    /// The name of the first invariant of `state` that `o` violates, the same as
    /// `state.violations(of: o).first`: one pass over the positions and one over the log,
    /// instead of sixteen closures each walking them (the differential check asks at every
    /// step). The rules are `state`'s, in its order; `PositionInvariantsTests` holds the two
    /// equal on every rule's violating example and on generated observations.
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
        // Each rule by its index in `state`; the first that fails is the answer.
        var first: Int?
        func rule(_ index: Int, _ holds: @autoclosure () -> Bool) { if first == nil, !holds() { first = index } }
        rule(0, o.count >= 0)
        rule(1, o.count == positions.count)
        rule(2, o.cap >= 0)
        rule(3, o.excess == o.count - o.cap)
        rule(4, o.state != .drain || o.excess > 0)
        rule(5, o.state != .drain || !o.isForced)
        rule(6, o.state != .normal || o.excess <= 0)
        rule(7, o.state != .normal || !o.isForced)
        rule(8, (o.state == .forcedUnwind) == o.isForced)
        rule(9, entryOrder)
        rule(10, uniqueSymbols)
        rule(11, unmarkedZero)
        rule(12, chains)
        rule(13, changes)
        rule(14, (log.last?.to ?? .normal) == o.state)
        rule(15, consistent)
        return first.map { state[$0].name }
    }
}
