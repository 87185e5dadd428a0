import TradingVocabulary

/// The invariants of the trading mode (`machines.md` §4, `docs/machines.md` §4) as named
/// predicates.
public enum TradingModeInvariants {
    /// The one (from, to) pair each cause may produce (stop: from either running state).
    static func fits(_ t: TradingModeTransition) -> Bool {
        switch t.cause {
        case .enableDryRun: t.from == .off && t.to == .dryRun
        case .goLive: t.from == .dryRun && t.to == .liveActive
        case .pause, .halt, .restart: t.from == .liveActive && t.to == .dryRun
        case .stop: t.from != .off && t.to == .off
        }
    }

    /// Rules about one observation.
    public static let state: [Invariant<TradingModeObservation>] = [
        Invariant("no OFF → LIVE_ACTIVE", "Live trading is entered only from DRY_RUN.") { o in
            !o.history.contains { $0.from == .off && $0.to == .liveActive }
        },
        Invariant("history chains", "Each entry's `from` is the previous entry's `to`; the first is from OFF unless earlier ones were dropped.") { o in
            o.history.indices.allSatisfy { i in i == 0 ? o.historyDropped > 0 || o.history[0].from == .off : o.history[i].from == o.history[i - 1].to }
        },
        Invariant("history: from ≠ to", "Only real state changes are recorded.") { o in
            o.history.allSatisfy { $0.from != $0.to }
        },
        Invariant("history ends at state", "The last entry's `to` is the state; an empty history means OFF.") { o in
            (o.history.last?.to ?? .off) == o.state
        },
        Invariant("history causes fit", "enableDryRun OFF → DRY_RUN; goLive DRY_RUN → LIVE_ACTIVE; pause, halt and restart LIVE_ACTIVE → DRY_RUN; stop → OFF.")
        { o in
            o.history.allSatisfy(fits)
        },
        Invariant("halted ⇒ not LIVE_ACTIVE", "Entering EMERGENCY_HALT moves LIVE_ACTIVE to DRY_RUN, and goLive refuses while halted.") { o in
            !o.isHalted || o.state != .liveActive
        },
        Invariant("routing follows state", "Orders go to the exchange only in LIVE_ACTIVE, to the simulation in DRY_RUN, nowhere in OFF.") { o in
            switch o.state {
            case .off: o.routing == .rejected(.notAllowed(.submit, from: .off))
            case .dryRun: o.routing == .routed(.simulation)
            case .liveActive: o.routing == .routed(.exchange)
            }
        },
        Invariant(
            "history drops only what it replaced",
            "The count of dropped entries is in 0…2⁶², and entries are dropped only to make room: never to empty the history."
        ) { o in
            o.historyDropped == 0 || ((1...(1 << 62)).contains(o.historyDropped) && !o.history.isEmpty)
        },
    ]

    /// Rules about one step.
    public static let steps: [StepInvariant<TradingModeCommand, TradingModeCommandOutcome, TradingModeObservation>] = [
        StepInvariant("rejection changes nothing", "An input not allowed from the current state changes nothing.") {
            before, _, outcome, after in
            if case .mode(.rejected) = outcome { return before == after }
            return true
        },
        StepInvariant("submit changes nothing", "Routing an order is a question.") { before, command, _, after in
            command != .submit || before == after
        },
        StepInvariant("restart never resumes LIVE_ACTIVE", "After a restart a persisted LIVE_ACTIVE comes back as DRY_RUN, whichever save it reloads.") {
            _, _, outcome, after in
            switch outcome {
            case .restarted: return after.state != .liveActive
            case .faultyRestart(let report, _): return report.refusedCorruptFile || after.state != .liveActive
            default: return true
            }
        },
        StepInvariant(
            "a faulty restart reloads a save",
            "After a restart under a fault the history is an earlier save's (a prefix) plus the reload's own entry; a refused file changes nothing."
        ) {
            before, _, outcome, after in
            guard case .faultyRestart(let report, let appended) = outcome else { return true }
            if report.refusedCorruptFile { return before == after && appended == nil }
            // The reload's own entry may have pushed the save's oldest entry out of the window:
            // one more dropped than the save had, at most one more than before the restart.
            let reloaded = after.history.dropLast(appended == nil ? 0 : 1)
            return after.historyDropped <= before.historyDropped + (appended == nil ? 0 : 1)
                && reloaded.isEarlierSave(dropped: after.historyDropped, of: before.history, laterDropped: before.historyDropped)
                && (appended == nil || after.history.last == appended)
        },
        StepInvariant("restart restores the snapshot", "A restart keeps the flag and the history, appending only LIVE_ACTIVE → DRY_RUN by restart.") {
            before, command, _, after in
            guard command == .restart else { return true }
            let appended = before.state == .liveActive ? TradingModeTransition(from: .liveActive, to: .dryRun, cause: .restart) : nil
            return after.isHalted == before.isHalted
                && after.history.equals(window: after.historyDropped, previous: before.history, previousDropped: before.historyDropped, followedBy: appended)
        },
        StepInvariant("LIVE_ACTIVE only by confirmed goLive", "Going live needs goLive(confirmed: true) from DRY_RUN while not halted.") {
            before, command, _, after in
            guard after.state == .liveActive, before.state != .liveActive else { return true }
            return command == .goLive(confirmed: true) && before.state == .dryRun && !before.isHalted
        },
        StepInvariant("halt leaves LIVE_ACTIVE", "setHalted(true) sets the flag and never leaves the mode live.") {
            _, command, _, after in
            command != .setHalted(true) || (after.isHalted && after.state != .liveActive)
        },
        StepInvariant("clearing the halt never goes live", "setHalted(false) clears the flag and changes no state.") {
            before, command, _, after in
            command != .setHalted(false) || (!after.isHalted && after.state == before.state)
        },
        StepInvariant("only setHalted changes the flag", "No other input touches the halted flag (a faulty restart may reload an earlier save's).") {
            before, command, _, after in
            if case .setHalted = command { return true }
            if case .restartAfter = command { return true }  // an earlier save's flag: the rule above
            return after.isHalted == before.isHalted
        },
        StepInvariant("returned transition is the new history entry", "A reported change is appended once to the history; no report, no entry.") {
            before, _, outcome, after in
            let reported: TradingModeTransition?
            switch outcome {
            case .mode(.transitioned(let t)): reported = t
            case .restarted(let t): reported = t
            case .faultyRestart: return true  // an earlier save plus the reload's entry: the rule above
            default: reported = nil
            }
            return after.history.equals(window: after.historyDropped, previous: before.history, previousDropped: before.historyDropped, followedBy: reported)
        },
    ]
}
