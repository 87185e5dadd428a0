import Testing
import TradingModels
import TradingVocabulary

/// Every super-state invariant holds on a correct observation and fails on a hand-made violating one.
@Suite("Super-state invariants")
struct SuperStateInvariantsTests {
    static let crisis = SuperStateCommand.update(volatility: 0.2, drawdown: 0, liquidity: 1)
    static let calm = SuperStateCommand.update(volatility: 0, drawdown: 0, liquidity: 1)

    /// RECOVERY with one confirmation, after a halt and a resume: every cause in the history.
    static let good: SuperStateObservation = {
        var model = SuperStateModel()
        for command in [crisis, .halt, .resume, calm, calm] { _ = model.apply(command) }
        return model.observation
    }()

    static let violating: [String: SuperStateObservation] = {
        var cases: [String: SuperStateObservation] = [:]
        func make(_ name: String, _ change: (inout SuperStateObservation) -> Void) {
            var o = good
            change(&o)
            cases[name] = o
        }
        func recoverDirectly(_ o: inout SuperStateObservation) {
            o.history[o.history.count - 1].to = .normal
            o.state = .normal
            o.limits = PortfolioState.normal.limits
            o.riskMultiplier = 10_000
            o.confirmations = 0
        }
        make("no CRISIS → NORMAL", recoverDirectly)
        make("history transitions allowed") {
            $0.history.append(SuperStateTransition(from: .recovery, to: .recovery, cause: .update(.normal)))
        }
        make("history chains") { $0.history.remove(at: 1) }
        make("history ends at state") { $0.history.removeLast() }
        make("history causes fit") { $0.history[1].cause = .update(.crisis) }  // an update entered HALT
        make("confirmations in 0…2") { $0.confirmations = 3 }
        make("confirmations only in RECOVERY") {
            $0.history.append(SuperStateTransition(from: .recovery, to: .cautious, cause: .update(.cautious)))
            $0.state = .cautious
            $0.limits = PortfolioState.cautious.limits
            $0.riskMultiplier = 8000
        }
        make("last classification is a classification") { $0.lastClassification = .recovery }
        make("limits are the state's row") { $0.limits = PortfolioState.normal.limits }
        make("history drops only what it replaced") { $0.historyDropped = -1 }
        return cases
    }()

    @Test func goodObservationSatisfiesEveryInvariant() {
        #expect(Self.good.state == .recovery && Self.good.confirmations == 1)
        #expect(SuperStateInvariants.state.violations(of: Self.good) == [])
    }

    @Test(arguments: SuperStateInvariants.state.map(\.name))
    func invariantBites(name: String) throws {
        let invariant = try #require(SuperStateInvariants.state.first { $0.name == name })
        let bad = try #require(Self.violating[name], "no violating example for \(name)")
        #expect(invariant.holds(Self.good))
        #expect(!invariant.holds(bad))
    }

    /// The one-pass `firstViolation(of:)` names what the list names first: on the good
    /// observation, on each rule's violating example, on pairs of violations, and on every
    /// observation of seeded random model runs (updates of every classification, halts, resumes,
    /// restarts, errors).
    @Test func firstViolationIsTheListsFirst() {
        #expect(SuperStateInvariants.state.count == 10)
        var observations = [Self.good] + Self.violating.values
        // A window that does not start at NORMAL, with every dropped count around the rule's bounds.
        for dropped in [-1, 0, 1, 1 << 62, (1 << 62) + 1, Int.max] {
            var o = Self.good
            o.historyDropped = dropped
            o.history.removeFirst()
            observations.append(o)
        }
        for a in Self.violating.values {
            for b in Self.violating.values {
                var both = a
                if both.history == Self.good.history { both.history = b.history }
                if both.historyDropped == Self.good.historyDropped { both.historyDropped = b.historyDropped }
                if both.state == Self.good.state { both.state = b.state }
                if both.confirmations == Self.good.confirmations { both.confirmations = b.confirmations }
                if both.lastClassification == Self.good.lastClassification { both.lastClassification = b.lastClassification }
                if both.limits == Self.good.limits { both.limits = b.limits }
                observations.append(both)
            }
        }
        let commands: [SuperStateCommand] = [
            Self.calm, Self.crisis, .update(volatility: 0.05, drawdown: 0.05, liquidity: 0.6), .update(volatility: 0.1, drawdown: 0.12, liquidity: 0.4),
            .update(volatility: .nan, drawdown: 0, liquidity: 1), .halt, .resume, .restart,
        ]
        for seed in 0..<200 as Range<UInt64> {
            var rng = SplitMix(seed: seed)
            var model = SuperStateModel(historyLimit: seed % 2 == 0 ? 1_000 : 3)  // half of them drop entries
            for _ in 0..<30 {
                _ = model.apply(commands[Int(rng.next() % UInt64(commands.count))])
                observations.append(model.observation)
            }
        }
        #expect(Set(observations.map(\.state)) == Set(PortfolioState.allCases))
        for o in observations {
            #expect(SuperStateInvariants.firstViolation(of: o) == SuperStateInvariants.state.violations(of: o).first, "\(o)")
        }
    }

    // MARK: Step invariants

    typealias Step = (before: SuperStateObservation, command: SuperStateCommand, outcome: SuperStateOutcome, after: SuperStateObservation)

    static func step(_ commands: [SuperStateCommand], then command: SuperStateCommand) -> Step {
        var model = SuperStateModel()
        for c in commands { _ = model.apply(c) }
        let before = model.observation
        let outcome = model.apply(command)
        return (before, command, outcome, model.observation)
    }

    static let stepCases: [String: (good: Step, bad: Step)] = {
        var cases: [String: (good: Step, bad: Step)] = [:]
        func make(_ name: String, _ good: Step, _ change: (inout Step) -> Void) {
            var bad = good
            change(&bad)
            cases[name] = (good, bad)
        }
        let secondConfirmation = step([crisis, calm, calm], then: calm)
        let open = step([], then: .canOpen(size: 150_000, deployed: 0, portfolioValue: 1_000_000))
        let halted = step([crisis, .halt], then: calm)
        make("error changes nothing", step([], then: .update(volatility: .nan, drawdown: 0, liquidity: 1))) { $0.after.lastClassification = .normal }
        make("resume when not halted is an error", step([], then: .resume)) { $0.outcome = .error(.notHalted(.recovery)) }
        make("canOpen changes nothing", open) { $0.after.confirmations = 1 }
        make("canOpen never allows in STRESSED, CRISIS or HALT", step([crisis], then: .canOpen(size: 1, deployed: 0, portfolioValue: 100))) {
            $0.outcome = .decision(.accepted)
        }
        make("accepted canOpen is within limits", open) { $0.command = .canOpen(size: 150_001, deployed: 0, portfolioValue: 1_000_000) }
        make("restart changes nothing", step([crisis], then: .restart)) {
            $0.after.history = []
            $0.after.state = .normal
        }
        // CRISIS saved by a restart, then calm, then a save killed before its commit: back to CRISIS.
        make("a faulty restart reloads a save", step([crisis, .restart, calm], then: .restartAfter(.killedDuringSave(.write)))) {
            $0.after.history = $0.before.history + $0.before.history
        }
        make("halt ends in EMERGENCY_HALT", step([], then: .halt)) { $0.outcome = .transition(nil) }
        make("resume goes to CRISIS iff classified CRISIS", step([crisis, .halt], then: .resume)) { $0.after.state = .recovery }
        make("HALT ignores updates", halted) { $0.after.state = .recovery }
        // The "RECOVERY leaves after 2 confirmations" bug: the 2nd confirming update leaves.
        make("RECOVERY leaves upward only on the 3rd confirmation", step([crisis, calm, calm], then: calm)) {
            $0 = step([crisis, calm], then: calm)
            $0.after.state = .normal
        }
        make("RECOVERY counts a confirmation", secondConfirmation) { $0.after.confirmations = 1 }
        make("update records its classification", halted) { $0.after.lastClassification = .crisis }
        make("returned transition is the new history entry", step([], then: crisis)) { $0.after.history = [] }
        return cases
    }()

    @Test(arguments: SuperStateInvariants.steps.map(\.name))
    func stepInvariantBites(name: String) throws {
        let invariant = try #require(SuperStateInvariants.steps.first { $0.name == name })
        let pair = try #require(Self.stepCases[name], "no violating example for \(name)")
        #expect(invariant.holds(pair.good.before, pair.good.command, pair.good.outcome, pair.good.after))
        #expect(!invariant.holds(pair.bad.before, pair.bad.command, pair.bad.outcome, pair.bad.after))
    }

    /// A full history drops its oldest entry for each new one, counted: the rules accept the
    /// window that slid by exactly that entry, and no other.
    @Test func theHistoryWindowSlidesByTheEntryItAppends() throws {
        var model = SuperStateModel(historyLimit: 2)
        for command in [Self.crisis, .halt] { _ = model.apply(command) }
        let before = model.observation
        let outcome = model.apply(.resume)
        let after = model.observation
        #expect(after.historyDropped == 1 && after.history.count == 2 && after.history.first == before.history.last)
        #expect(after.history.first?.from != .normal)  // the window no longer starts at NORMAL
        #expect(SuperStateInvariants.state.violations(of: after) == [])
        #expect(SuperStateInvariants.firstViolation(of: after) == nil)

        let rule = try #require(SuperStateInvariants.steps.first { $0.name == "returned transition is the new history entry" })
        #expect(rule.holds(before, .resume, outcome, after))
        var uncounted = after
        uncounted.historyDropped = 0
        #expect(!rule.holds(before, .resume, outcome, uncounted))
        var keptAll = after
        keptAll.history = before.history + [try #require(after.history.last)]
        #expect(!rule.holds(before, .resume, outcome, keptAll))
        var droppedTwo = after
        droppedTwo.history.removeFirst()
        droppedTwo.historyDropped = 2
        #expect(!rule.holds(before, .resume, outcome, droppedTwo))
        // Without a drop counted, the window must start at NORMAL.
        #expect(SuperStateInvariants.state.violations(of: uncounted).contains("history chains"))

        // A save reloaded after the window slid: the reloaded window is the earlier one.
        let reload = try #require(SuperStateInvariants.steps.first { $0.name == "a faulty restart reloads a save" })
        let faulty = SuperStateOutcome.faultyRestart(RestartReport(saveFailedAt: nil))
        #expect(reload.holds(after, .restartAfter(.killedDuringSave(.write)), faulty, before))
        var rewritten = before
        rewritten.history[1].cause = .update(.crisis)
        #expect(!reload.holds(after, .restartAfter(.killedDuringSave(.write)), faulty, rewritten))
    }
}
