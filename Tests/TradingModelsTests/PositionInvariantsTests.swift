import Testing
import TradingModels
import TradingVocabulary

/// Every position invariant holds on a correct observation and fails on a hand-made violating one.
@Suite("Position invariants")
struct PositionInvariantsTests {
    /// A correct observation with something in every field: DRAIN, marked and unmarked positions, a log.
    static let good: PositionObservation = {
        var model = PositionModel()
        for command: PositionCommand in [
            .open("BTC-USD"), .open("ETH-USD"), .open("SOL-USD"), .mark("ETH-USD", unrealizedPnL: -4),
            .setForcedUnwind(true), .setForcedUnwind(false), .setCap(2),
        ] { _ = model.apply(command) }
        return model.observation
    }()

    /// For each state invariant, an observation that violates it (and only a mutation of `good`).
    static let violating: [String: PositionObservation] = {
        var cases: [String: PositionObservation] = [:]
        func make(_ name: String, _ change: (inout PositionObservation) -> Void) {
            var o = good
            change(&o)
            cases[name] = o
        }
        make("count ≥ 0") {
            $0.count = -1
            $0.excess = -1 - $0.cap
        }
        make("count == positions") {
            $0.count = 2
            $0.excess = 0
            $0.state = .normal
            $0.log[$0.log.count - 1].to = .normal
        }
        make("cap ≥ 0") {
            $0.cap = -1
            $0.excess = $0.count + 1
        }
        make("excess == count − cap") { $0.excess = 0 }
        make("DRAIN ⇒ excess > 0") {
            $0.cap = 3
            $0.excess = 0
        }  // the original bug
        make("DRAIN ⇒ not forced") { $0.isForced = true }
        make("NORMAL ⇒ excess ≤ 0") {
            $0.state = .normal
            $0.log.removeAll()
        }
        make("NORMAL ⇒ not forced") {
            $0.state = .normal
            $0.isForced = true
            $0.cap = 3
            $0.excess = 0
            $0.log.removeAll()
        }
        make("FORCED_UNWIND ⇔ forced") {
            $0.state = .forcedUnwind
            $0.log.append(PositionTransition(from: .drain, to: .forcedUnwind, count: 3, cap: 2, excess: 1, forced: true))
        }
        make("positions in entry order") { $0.positions.swapAt(0, 1) }
        make("symbols unique") { $0.positions[1].symbol = $0.positions[0].symbol }
        make("unmarked ⇒ PnL 0") { $0.positions[0].unrealizedPnL = 7 }
        make("log chains") { $0.log.remove(at: 0) }
        make("log: from ≠ to") { $0.log.insert(PositionTransition(from: .normal, to: .normal, count: 3, cap: 8, excess: -5, forced: false), at: 0) }
        make("log ends at state") { $0.log.removeLast() }
        make("log entries consistent") { $0.log[$0.log.count - 1].excess = 0 }
        return cases
    }()

    @Test func goodObservationSatisfiesEveryInvariant() {
        #expect(Self.good.state == .drain)
        #expect(PositionInvariants.state.violations(of: Self.good) == [])
    }

    @Test(arguments: PositionInvariants.state.map(\.name))
    func invariantBites(name: String) throws {
        let invariant = try #require(PositionInvariants.state.first { $0.name == name })
        let bad = try #require(Self.violating[name], "no violating example for \(name)")
        #expect(invariant.holds(Self.good))
        #expect(!invariant.holds(bad))
    }

    /// The one-pass `firstViolation(of:)` names what the list names first: on the good
    /// observation, on each rule's violating example, on pairs of violations, and on every
    /// observation of random model runs.
    @Test func firstViolationIsTheListsFirst() {
        #expect(PositionInvariants.state.count == 16)
        var observations = [Self.good] + Self.violating.values
        for a in Self.violating.values {
            for b in Self.violating.values {
                var both = a
                if both.log == Self.good.log { both.log = b.log }
                if both.positions == Self.good.positions { both.positions = b.positions }
                if both.count == Self.good.count { both.count = b.count }
                if both.state == Self.good.state { both.state = b.state }
                observations.append(both)
            }
        }
        for seed in 0..<200 as Range<UInt64> {
            var rng = SplitMix(seed: seed)
            var model = PositionModel()
            for _ in 0..<30 {
                _ = model.apply(randomPositionCommand(&rng))
                observations.append(model.observation)
            }
        }
        for o in observations {
            #expect(PositionInvariants.firstViolation(of: o) == PositionInvariants.state.violations(of: o).first, "\(o)")
        }
    }

    // MARK: Step invariants

    /// A correct step and a violating variant of it, for each step invariant.
    typealias Step = (before: PositionObservation, command: PositionCommand, outcome: PositionOutcome, after: PositionObservation)

    static func step(_ commands: [PositionCommand], then command: PositionCommand) -> Step {
        var model = PositionModel()
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
        let atCap = step([.setCap(1), .open("BTC-USD")], then: .open("ETH-USD"))
        let accepted = step([.open("BTC-USD")], then: .open("ETH-USD"))
        let drain = step([.open("BTC-USD"), .open("ETH-USD"), .open("SOL-USD"), .mark("BTC-USD", unrealizedPnL: -1), .setCap(1)], then: .cycle)
        let forced = step([.open("BTC-USD"), .open("ETH-USD"), .setForcedUnwind(true)], then: .cycle)
        let setCap = step([.open("BTC-USD"), .open("ETH-USD")], then: .setCap(1))
        make("accepted open had NORMAL and count < cap", atCap) { $0.outcome = .decision(.accepted) }
        make("accepted open adds one unmarked position", accepted) { $0.after.positions[1].isMarked = true }
        make("open rejection names the state", atCap) { $0.outcome = .decision(.rejected(.draining)) }
        make("rejected open changes nothing", atCap) { $0.after.count += 1 }
        make("error changes nothing", step([], then: .setCap(-2))) { $0.after.cap = -2 }
        make("cycle changes nothing", drain) { $0.after.positions.removeFirst() }
        make("cycle emits the documented orders", drain) { $0.outcome = .orders([]) }
        make("cycle closes lowest PnL first", forced) {
            guard case .orders(let orders) = $0.outcome else { return }
            $0.outcome = .orders(orders.reversed())
        }
        make("transition reported iff state changed", setCap) { $0.outcome = .transition(nil) }
        make("one log entry per state change", setCap) { $0.after.log.removeAll() }
        make("mark changes only the PnL", step([.open("BTC-USD")], then: .mark("BTC-USD", unrealizedPnL: 3))) { $0.after.positions[0].unrealizedPnL = 4 }
        make("close removes exactly the symbol", step([.open("BTC-USD"), .open("ETH-USD")], then: .close("BTC-USD"))) {
            $0.after.positions = []
            $0.after.count = 0
        }
        return cases
    }()

    @Test(arguments: PositionInvariants.steps.map(\.name))
    func stepInvariantBites(name: String) throws {
        let invariant = try #require(PositionInvariants.steps.first { $0.name == name })
        let pair = try #require(Self.stepCases[name], "no violating example for \(name)")
        #expect(invariant.holds(pair.good.before, pair.good.command, pair.good.outcome, pair.good.after))
        #expect(!invariant.holds(pair.bad.before, pair.bad.command, pair.bad.outcome, pair.bad.after))
    }

    @Test func cycleOrderCheckSeesDrainOrdering() {
        let s = Self.step([.open("BTC-USD"), .open("ETH-USD"), .open("SOL-USD"), .mark("BTC-USD", unrealizedPnL: -1), .setCap(1)], then: .cycle)
        #expect(s.outcome == .orders([ExitOrder(symbol: "BTC-USD", reason: .drain), ExitOrder(symbol: "ETH-USD", reason: .drain)]))
    }
}
