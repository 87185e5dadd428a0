import Testing
import TradingModels
import TradingVocabulary

/// Every trading-mode invariant holds on a correct observation and fails on a hand-made violating one.
@Suite("Trading mode invariants")
struct TradingModeInvariantsTests {
    /// LIVE_ACTIVE after every cause has appeared once in the history.
    static let good: TradingModeObservation = {
        var model = TradingModeModel()
        for command: TradingModeCommand in [
            .enableDryRun, .goLive(confirmed: true), .pause, .goLive(confirmed: true), .setHalted(true), .setHalted(false),
            .goLive(confirmed: true), .restart, .stop, .enableDryRun, .goLive(confirmed: true),
        ] { _ = model.apply(command) }
        return model.observation
    }()

    static let violating: [String: TradingModeObservation] = {
        var cases: [String: TradingModeObservation] = [:]
        func make(_ name: String, _ change: (inout TradingModeObservation) -> Void) {
            var o = good
            change(&o)
            cases[name] = o
        }
        make("no OFF → LIVE_ACTIVE") {
            $0.history.removeLast(2)
            $0.history.append(TradingModeTransition(from: .off, to: .liveActive, cause: .goLive))
        }
        make("history chains") { $0.history.remove(at: 1) }
        make("history: from ≠ to") { $0.history.append(TradingModeTransition(from: .liveActive, to: .liveActive, cause: .goLive)) }
        make("history ends at state") { $0.history.removeLast() }
        make("history causes fit") { $0.history[2].cause = .stop }
        make("halted ⇒ not LIVE_ACTIVE") { $0.isHalted = true }
        make("routing follows state") { $0.routing = .routed(.simulation) }
        make("history drops only what it replaced") { $0.historyDropped = -1 }
        return cases
    }()

    @Test func goodObservationSatisfiesEveryInvariant() {
        #expect(Self.good.state == .liveActive)
        #expect(Set(Self.good.history.map(\.cause)) == [.enableDryRun, .goLive, .pause, .stop, .halt, .restart])
        #expect(TradingModeInvariants.state.violations(of: Self.good) == [])
    }

    @Test(arguments: TradingModeInvariants.state.map(\.name))
    func invariantBites(name: String) throws {
        let invariant = try #require(TradingModeInvariants.state.first { $0.name == name })
        let bad = try #require(Self.violating[name], "no violating example for \(name)")
        #expect(invariant.holds(Self.good))
        #expect(!invariant.holds(bad))
    }

    /// The one-pass `firstViolation(of:)` names what the list names first: on the good
    /// observation, on each rule's violating example, on pairs of violations, and on every
    /// observation of seeded random model runs.
    @Test func firstViolationIsTheListsFirst() {
        #expect(TradingModeInvariants.state.count == 8)
        var observations = [Self.good] + Self.violating.values
        // A window that does not start at OFF, with every dropped count around the rule's bounds.
        for dropped in [-1, 0, 1, 1 << 62, (1 << 62) + 1, Int.max] {
            observations.append(
                TradingModeObservation(
                    state: .dryRun, isHalted: false, history: [TradingModeTransition(from: .liveActive, to: .dryRun, cause: .pause)],
                    historyDropped: dropped, routing: .routed(.simulation)))
        }
        for a in Self.violating.values {
            for b in Self.violating.values {
                var both = a
                if both.history == Self.good.history { both.history = b.history }
                if both.historyDropped == Self.good.historyDropped { both.historyDropped = b.historyDropped }
                if both.isHalted == Self.good.isHalted { both.isHalted = b.isHalted }
                if both.routing == Self.good.routing { both.routing = b.routing }
                observations.append(both)
            }
        }
        let commands: [TradingModeCommand] = [
            .enableDryRun, .goLive(confirmed: true), .goLive(confirmed: false), .pause, .stop, .setHalted(true), .setHalted(false), .submit, .restart,
        ]
        for seed in 0..<200 as Range<UInt64> {
            var rng = SplitMix(seed: seed)
            var model = TradingModeModel(historyLimit: seed % 2 == 0 ? 1_000 : 3)  // half of them drop entries
            for _ in 0..<30 {
                _ = model.apply(commands[Int(rng.next() % UInt64(commands.count))])
                observations.append(model.observation)
            }
        }
        for o in observations {
            #expect(TradingModeInvariants.firstViolation(of: o) == TradingModeInvariants.state.violations(of: o).first, "\(o)")
        }
    }

    typealias Step = (before: TradingModeObservation, command: TradingModeCommand, outcome: TradingModeCommandOutcome, after: TradingModeObservation)

    static func step(_ commands: [TradingModeCommand], then command: TradingModeCommand) -> Step {
        var model = TradingModeModel()
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
        let live: [TradingModeCommand] = [.enableDryRun, .goLive(confirmed: true)]
        let liveObservation = step(live, then: .submit).after
        make("rejection changes nothing", step([], then: .pause)) { $0.after.isHalted = true }
        make("submit changes nothing", step([.enableDryRun], then: .submit)) { $0.after = liveObservation }
        // The "restart resumes LIVE_ACTIVE" bug.
        make("restart never resumes LIVE_ACTIVE", step(live, then: .restart)) { $0.after = $0.before }
        // Live, saved by a restart (back to DRY_RUN), live again, then a save killed before its
        // commit: the reload rolls back to the saved DRY_RUN.
        make("a faulty restart reloads a save", step(live + [.restart, .goLive(confirmed: true)], then: .restartAfter(.killedDuringSave(.write)))) {
            $0.after.history = $0.before.history + $0.before.history
        }
        make("restart restores the snapshot", step([.enableDryRun, .setHalted(true)], then: .restart)) { $0.after.isHalted = false }
        make("LIVE_ACTIVE only by confirmed goLive", step([.enableDryRun], then: .goLive(confirmed: true))) {
            $0.command = .goLive(confirmed: false)
        }
        make("halt leaves LIVE_ACTIVE", step(live, then: .setHalted(true))) { $0.after.state = .liveActive }
        make("clearing the halt never goes live", step([.enableDryRun, .setHalted(true)], then: .setHalted(false))) { $0.after.state = .liveActive }
        make("only setHalted changes the flag", step([.setHalted(true)], then: .stop)) { $0.after.isHalted = false }
        make("returned transition is the new history entry", step([], then: .enableDryRun)) { $0.after.history = [] }
        return cases
    }()

    @Test(arguments: TradingModeInvariants.steps.map(\.name))
    func stepInvariantBites(name: String) throws {
        let invariant = try #require(TradingModeInvariants.steps.first { $0.name == name })
        let pair = try #require(Self.stepCases[name], "no violating example for \(name)")
        #expect(invariant.holds(pair.good.before, pair.good.command, pair.good.outcome, pair.good.after))
        #expect(!invariant.holds(pair.bad.before, pair.bad.command, pair.bad.outcome, pair.bad.after))
    }
}
