import TradingVocabulary

extension TradingModeInvariants {
    /// The name of the first invariant of `state` that `o` violates, the same as
    /// `state.violations(of: o).first`: one pass over the history instead of four closures each
    /// walking it, the other rules asked of `state` (the differential check asks at every step).
    /// The rules are `state`'s, in its order; `TradingModeInvariantsTests` holds the two equal
    /// on every rule's violating example and on generated observations.
    public static func firstViolation(of o: TradingModeObservation) -> String? {
        let history = o.history
        var (noOffToLive, chains, changes, causesFit) = (true, true, true, true)
        for index in history.indices {
            let transition = history[index]
            if transition.from == .off && transition.to == .liveActive { noOffToLive = false }
            if index > 0 ? transition.from != history[index - 1].to : o.historyDropped <= 0 && transition.from != .off { chains = false }
            if transition.from == transition.to { changes = false }
            if !fits(transition) { causesFit = false }
        }
        // Each rule by its index in `state` (the ones that read no history asked of `state`
        // itself); the first that fails is the answer.
        var first = FirstFailingRule()
        first.check(0, noOffToLive)
        first.check(1, chains)
        first.check(2, changes)
        first.check(3, state[3].holds(o))
        first.check(4, causesFit)
        first.check(5, state[5].holds(o))
        first.check(6, state[6].holds(o))
        first.check(7, state[7].holds(o))
        return first.index.map { state[$0].name }
    }
}
