import ExchangeVocabulary
import PropertyCheck
import StrategyModels
import StrategyVocabulary
import TradingModels

/// The differential checks of the two hedges (one machine, two kinds, two checks): books whose
/// spread sits at the entry, the exit and one tick either side (both ways for the calendar), the
/// clock at the legs' deadline and at the roll point and one tick either side, the venue's
/// faults on every leg, against the model.
public enum HedgeChecks {
    public typealias Check<System: SystemUnderTest> = StateMachineCheck<HedgeModel, System, StrategyEvent, MachineStep<StrategyStep, HedgeObservation>>
    where System.Command == StrategyEvent, System.Outcome == StrategyStep, System.Observation == HedgeObservation

    /// Legs of 3 lots and a band of 1 (a leg one lot short is within it, two are not); entry 4
    /// and exit 1 tick from fair; 10 time units for the legs; the roll point at 90 for the
    /// calendar's near expiry (100 less 10), at 390 for the cash and carry's futures.
    public static func parameters(_ kind: HedgeKind) -> HedgeParameters {
        HedgeParameters(
            kind: kind, legA: kind == .spotFutures ? "BTC-USD" : "BTC-MAR", legB: kind == .spotFutures ? "BTC-MAR" : "BTC-JUN", quantity: 3,
            fairSpread: kind == .spotFutures ? 0 : 5, entry: 4, exit: 1, tolerance: 1, legTimeout: 10, expiry: kind == .spotFutures ? 400 : 100,
            rollBuffer: 10)
    }

    public static let spotFutures: Check<HedgeSystem> = machine(.spotFutures, name: "spot-futures-hedge") { HedgeSystem(parameters: parameters(.spotFutures)) }
    public static let calendarSpread: Check<HedgeSystem> = machine(.calendarSpread, name: "calendar-spread") {
        HedgeSystem(parameters: parameters(.calendarSpread))
    }

    public static func machine<System: SystemUnderTest>(_ kind: HedgeKind, name: String, system: @escaping @Sendable () -> System) -> Check<System>
    where System.Command == StrategyEvent, System.Outcome == StrategyStep, System.Observation == HedgeObservation {
        var coverage: [String: Double] = [
            "phase MONITORING": 5, "phase COMPLETED": 10, "phase STOPPED": 5, "rebalance beyond the band": 2, "closed on the spread's return": 2,
        ]
        if kind == .calendarSpread {
            coverage["closed at the roll point"] = 2
            coverage["opened short A, long B"] = 5
        }
        return Differential.check(
            name: name,
            model: { HedgeModel(parameters: parameters(kind)) },
            system: system,
            commands: commands,
            invariants: HedgeInvariants.state,
            steps: HedgeInvariants.steps,
            labels: labels,
            coverage: coverage,
            regressionExpression: kind == .spotFutures ? "HedgeChecks.spotFutures" : "HedgeChecks.calendarSpread")
    }

    static let labels: [CaseLabel<MachineStep<StrategyStep, HedgeObservation>>] =
        StrategyPhase.allCases.map { phase in CaseLabel("phase \(phase)") { $0.state.phase == phase } } + [
            CaseLabel("rebalance beyond the band") { $0.outcome.placed.contains { $0.purpose == .rebalance } },
            CaseLabel("closed at the roll point") { step in
                step.outcome.transitions.contains { $0.to == .closing && $0.from != .error } && step.state.now >= step.state.parameters.rollAt
                    && step.state.direction != 0
            },
            CaseLabel("closed on the spread's return") { step in
                step.outcome.transitions.contains { $0.from == .monitoring && $0.to == .closing } && step.state.now < step.state.parameters.rollAt
            },
            CaseLabel("opened short A, long B") { $0.state.direction < 0 },
            CaseLabel("emergency stop while hedged") { step in step.outcome.transitions.contains { $0.from == .monitoring && $0.to == .stopped } },
        ]

    /// A book for leg A (around 100) or leg B (A's mid + fair + a deviation: the entry, the
    /// exit, one tick either side of each, both signs, or anything up to twice the entry); its
    /// own spread 1…3; rarely crossed.
    static func drawBook(_ model: HedgeModel, _ stream: inout ChoiceStream) throws(Rejection) -> StrategyEvent {
        let venue: VenueID = try stream.index(below: 2) == 0 ? .a : .b
        let spread = try stream.draw(Gen<Int64>.int(in: 1...3))
        let mid: Int64
        if venue == .b, let a = model.books[.a] {
            let entry = model.parameters.entry.value
            let exit = model.parameters.exit.value
            let deviations: [Int64] = [entry, entry - 1, entry + 1, exit, exit + 1, exit - 1, -entry, -entry - 1, -entry + 1]
            let deviation =
                try stream.index(below: 2) == 0
                ? deviations[try stream.index(below: deviations.count)] : try stream.draw(Gen<Int64>.int(in: -2 * entry...2 * entry))
            mid = a.mid.value + model.parameters.fairSpread.value + deviation
        } else {
            mid = 100 + (try stream.draw(Gen<Int64>.int(in: -3...3)))
        }
        let bid = mid - spread / 2
        let crossed = try stream.index(below: 32) == 31
        return .book(venue, BookTicker(bid: Ticks(bid), bidSize: 1, ask: Ticks(crossed ? bid : bid + spread), askSize: 1))
    }

    /// The clock: to the legs' deadline or the roll point, exactly or one either side, or a step of 0…8.
    static func drawTimer(_ model: HedgeModel, _ stream: inout ChoiceStream) throws(Rejection) -> StrategyEvent {
        if try stream.index(below: 2) == 0 {
            let mark = try stream.index(below: 2) == 0 ? (model.deadline ?? model.parameters.rollAt) : model.parameters.rollAt
            let offsets: [Int64] = [0, -1, 1]
            return .timer(max(model.now, mark + offsets[try stream.index(below: offsets.count)]))
        }
        return .timer(model.now + (try stream.draw(Gen<Int64>.int(in: 0...8))))
    }

    static let commands: [CommandKind<HedgeModel, StrategyEvent>] =
        StrategyGen.reports(orders: { $0.orders }, fillPrice: { $0.books[.a]?.bid ?? 100 }) + [
            CommandKind("book", weight: 64, drawing: drawBook),
            CommandKind("timer", weight: 16, drawing: drawTimer),
            CommandKind("emergencyStop", weight: 2) { _ in .constant(.emergencyStop) },
            CommandKind(
                "stray", weight: 1,
                drawing: { model, stream throws(Rejection) in
                    try StrategyGen.stray(first: model.parameters.firstOrderID.value, next: model.nextID, working: { model.working[$0] != nil }, &stream)
                }),
        ]
}
