import TradingVocabulary

extension SuperStateInvariants {
    /// The name of the first invariant of `state` that `o` violates, the same as
    /// `state.violations(of: o).first`: one pass over the history instead of four closures each
    /// walking it, the other rules asked of `state` (the differential check asks at every step).
    /// The rules are `state`'s, in its order; `SuperStateInvariantsTests` holds the two equal on
    /// every rule's violating example, on pairs of them and on generated observations.
    public static func firstViolation(of o: SuperStateObservation) -> String? {
        let history = o.history
        var (noCrisisToNormal, allowed, chains, causesFit) = (true, true, true, true)
        for index in history.indices {
            let entry = history[index]
            if entry.from == .crisis && entry.to == .normal { noCrisisToNormal = false }
            if !entry.from.allows(entry.to) { allowed = false }
            if index > 0 ? entry.from != history[index - 1].to : o.historyDropped <= 0 && entry.from != .normal { chains = false }
            if !causeFits(entry) { causesFit = false }
        }
        // Each rule by its index in `state` (the ones that read no history asked of `state`
        // itself); the first that fails is the answer.
        var first = FirstFailingRule()
        first.check(0, noCrisisToNormal)
        first.check(1, allowed)
        first.check(2, chains)
        first.check(3, state[3].holds(o))
        first.check(4, causesFit)
        first.check(5, state[5].holds(o))
        first.check(6, state[6].holds(o))
        first.check(7, state[7].holds(o))
        first.check(8, state[8].holds(o))
        first.check(9, state[9].holds(o))
        return first.index.map { state[$0].name }
    }
}
