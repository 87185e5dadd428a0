import TradingVocabulary

/// The invariants of the portfolio super-state (`machines.md` §3, `docs/machines.md` §3) as
/// named predicates.
public enum SuperStateInvariants {
    /// Rules about one observation.
    public static let state: [Invariant<SuperStateObservation>] = [
        Invariant("no CRISIS → NORMAL", "CRISIS never goes straight back to NORMAL; it must pass RECOVERY.") { o in
            !o.history.contains { $0.from == .crisis && $0.to == .normal }
        },
        Invariant("history transitions allowed", "Every history entry is in the allowed-transition table (hence never from == to).") { o in
            o.history.allSatisfy { $0.from.allows($0.to) }
        },
        Invariant("history chains", "Each entry's `from` is the previous entry's `to`; the first is from NORMAL unless earlier ones were dropped.") { o in
            o.history.indices.allSatisfy { i in i == 0 ? o.historyDropped > 0 || o.history[0].from == .normal : o.history[i].from == o.history[i - 1].to }
        },
        Invariant("history ends at state", "The last entry's `to` is the state; an empty history means NORMAL.") { o in
            (o.history.last?.to ?? .normal) == o.state
        },
        Invariant(
            "history causes fit",
            "halt enters EMERGENCY_HALT; resume leaves it to CRISIS or RECOVERY; an update never leaves it and goes to its classification (or RECOVERY out of CRISIS)."
        ) { o in
            o.history.allSatisfy(causeFits)
        },
        Invariant("confirmations in 0…2", "RECOVERY leaves on the 3rd confirmation, so at most 2 are ever pending.") { o in
            (0...2).contains(o.confirmations)
        },
        Invariant("confirmations only in RECOVERY", "Confirmations count only while in RECOVERY.") { o in
            o.confirmations == 0 || o.state == .recovery
        },
        Invariant("last classification is a classification", "Conditions classify as NORMAL, CAUTIOUS, STRESSED or CRISIS only.") { o in
            o.lastClassification.map(\.isClassification) ?? true
        },
        Invariant("limits are the state's row", "The limits in force are the table's row for the current state.") { o in
            o.limits == o.state.limits && o.riskMultiplier == o.state.limits.riskMultiplier
        },
        Invariant(
            "history drops only what it replaced",
            "The count of dropped entries is in 0…2⁶², and entries are dropped only to make room: never to empty the history."
        ) { o in
            o.historyDropped == 0 || ((1...(1 << 62)).contains(o.historyDropped) && !o.history.isEmpty)
        },
    ]

    /// Whether a history entry's cause fits its move: halt enters EMERGENCY_HALT; resume leaves
    /// it to CRISIS or RECOVERY; an update never leaves it and goes to its classification (or
    /// RECOVERY out of CRISIS).
    static func causeFits(_ entry: SuperStateTransition) -> Bool {
        switch entry.cause {
        case .halt: entry.to == .emergencyHalt
        case .resume: entry.from == .emergencyHalt && (entry.to == .crisis || entry.to == .recovery)
        case .update(let c):
            c.isClassification && entry.from != .emergencyHalt
                && (entry.to == c || (entry.from == .crisis && entry.to == .recovery && c != .crisis))
        }
    }

    /// Rules about one step.
    public static let steps: [StepInvariant<SuperStateCommand, SuperStateOutcome, SuperStateObservation>] = [
        StepInvariant("error changes nothing", "NaN, infinite or out-of-range conditions, bad canOpen arguments and resume when not halted change nothing.") {
            before, _, outcome, after in
            if case .error = outcome { return before == after }
            return true
        },
        StepInvariant("resume when not halted is an error", "resume from any state but EMERGENCY_HALT is the typed error naming that state.") {
            before, command, outcome, _ in
            guard command == .resume, before.state != .emergencyHalt else { return true }
            return outcome == .error(.notHalted(before.state))
        },
        StepInvariant("canOpen changes nothing", "canOpen is a question.") { before, command, _, after in
            if case .canOpen = command { return before == after }
            return true
        },
        StepInvariant("canOpen never allows in STRESSED, CRISIS or HALT", "Only states that allow new positions may accept.") {
            before, _, outcome, _ in
            outcome != .decision(.accepted) || ![.stressed, .crisis, .emergencyHalt].contains(before.state)
        },
        StepInvariant("accepted canOpen is within limits", "size ≤ maxPosition × value and deployed + size ≤ utilization × value, exactly.") {
            before, command, outcome, _ in
            guard case .canOpen(let size, let deployed, let value) = command, outcome == .decision(.accepted) else { return true }
            let limits = before.state.limits
            return Int128(size.value) * 10_000 <= Int128(limits.maxPosition.value) * Int128(value.value)
                && (Int128(deployed.value) + Int128(size.value)) * 10_000 <= Int128(limits.utilization.value) * Int128(value.value)
        },
        StepInvariant("restart changes nothing", "A reload gives the same state, confirmations, classification and history.") {
            before, command, _, after in
            command != .restart || before == after
        },
        StepInvariant("halt ends in EMERGENCY_HALT", "halt always ends halted; it reports a change exactly when it was not halted.") {
            before, command, outcome, after in
            guard command == .halt else { return true }
            let reported: Bool = if case .transition(let t) = outcome { t != nil } else { false }
            return after.state == .emergencyHalt && reported == (before.state != .emergencyHalt)
        },
        StepInvariant(
            "resume goes to CRISIS iff classified CRISIS", "resume leaves EMERGENCY_HALT to CRISIS if the latest classification is CRISIS, else to RECOVERY."
        ) {
            before, command, outcome, after in
            guard command == .resume, case .transition = outcome else { return true }
            return before.state == .emergencyHalt
                && after.state == (before.lastClassification == .crisis ? .crisis : .recovery) && after.confirmations == 0
        },
        StepInvariant("HALT ignores updates", "In EMERGENCY_HALT an update is classified but only resume leaves.") {
            before, command, _, after in
            guard case .update = command, before.state == .emergencyHalt else { return true }
            return after.state == .emergencyHalt
        },
        StepInvariant("RECOVERY leaves upward only on the 3rd confirmation", "RECOVERY → NORMAL or CAUTIOUS only on an update that is the 3rd confirming one.")
        {
            before, command, _, after in
            guard before.state == .recovery, after.state == .normal || after.state == .cautious else { return true }
            if case .restartAfter = command { return true }  // a reload of an earlier save: see the rule below
            if case .update = command { return before.confirmations == ConditionThresholds.recoveryConfirmations - 1 }
            return false
        },
        StepInvariant("RECOVERY counts a confirmation", "A NORMAL or CAUTIOUS update in RECOVERY that does not leave adds exactly one confirmation.") {
            before, _, outcome, after in
            guard before.state == .recovery, after.state == .recovery,
                case .updated(let c, _) = outcome, c == .normal || c == .cautious
            else { return true }
            return after.confirmations == before.confirmations + 1
        },
        StepInvariant("update records its classification", "Every valid update, in any state, becomes the latest classification.") {
            _, _, outcome, after in
            guard case .updated(let c, _) = outcome else { return true }
            return after.lastClassification == c
        },
        StepInvariant(
            "a faulty restart reloads a save",
            "After a restart under a fault the machine is as it was, or as an earlier save left it (its history a prefix); a refused file changes nothing."
        ) {
            before, _, outcome, after in
            guard case .faultyRestart(let report) = outcome else { return true }
            if report.refusedCorruptFile { return before == after }
            return after.historyDropped <= before.historyDropped
                && after.history.isEarlierSave(dropped: after.historyDropped, of: before.history, laterDropped: before.historyDropped)
        },
        StepInvariant(
            "returned transition is the new history entry",
            "A reported change is appended once to the history; no report, no entry (a faulty restart may reload an earlier save)."
        ) {
            before, _, outcome, after in
            if case .faultyRestart = outcome { return true }
            let reported: SuperStateTransition?
            switch outcome {
            case .updated(_, let t), .transition(let t): reported = t
            default: reported = nil
            }
            return after.history.equals(window: after.historyDropped, previous: before.history, previousDropped: before.historyDropped, followedBy: reported)
        },
    ]
}
