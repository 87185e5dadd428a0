import ExchangeVocabulary
import PropertyCheck
import StrategyModels
import StrategyVocabulary
import TradingModels

/// The differential check of simple arbitrage: books on A and B whose cross-venue spread sits at
/// the threshold, one tick either side, or anywhere (both directions), the clock at the legs'
/// deadline and one tick either side, and the venue's faults on each leg, against the model.
public enum ArbitrageChecks {
    public typealias Check<System: SystemUnderTest> = StateMachineCheck<
        ArbitrageModel, System, StrategyEvent, MachineStep<StrategyStep, ArbitrageObservation>
    >
    where System.Command == StrategyEvent, System.Outcome == StrategyStep, System.Observation == ArbitrageObservation

    /// Legs of 2 lots, fees of a tick a lot on each venue and a tick of profit: a spread must
    /// beat 3 ticks. The legs work for 10 time units.
    public static let parameters = ArbitrageParameters(symbol: "BTC-USD", quantity: 2, feeA: 1, feeB: 1, minimumProfit: 1, legTimeout: 10)

    public static let machine: Check<ArbitrageSystem> = machine(name: "arbitrage") { ArbitrageSystem() }

    public static func machine<System: SystemUnderTest>(name: String, system: @escaping @Sendable () -> System) -> Check<System>
    where System.Command == StrategyEvent, System.Outcome == StrategyStep, System.Observation == ArbitrageObservation {
        Differential.check(
            name: name,
            model: { ArbitrageModel(parameters: parameters) },
            system: system,
            commands: commands,
            invariants: ArbitrageInvariants.state,
            steps: ArbitrageInvariants.steps,
            labels: labels,
            coverage: [
                "phase EXECUTING": 20, "phase MONITORING": 5, "phase COMPLETED": 10, "phase STOPPED": 5, "phase ERROR": 2,
                "one leg filled, the other failed": 2, "unwound": 5, "fill racing a cancel": 2,
            ],
            regressionExpression: "ArbitrageChecks.machine")
    }

    static let labels: [CaseLabel<MachineStep<StrategyStep, ArbitrageObservation>>] =
        StrategyPhase.allCases.map { phase in CaseLabel("phase \(phase)") { $0.state.phase == phase } } + [
            CaseLabel("one leg filled, the other failed") { step in
                step.state.legFailed && step.state.net != 0
            },
            CaseLabel("unwound") { $0.outcome.placed.contains { $0.purpose == .flatten } },
            CaseLabel("fill racing a cancel") { $0.state.racingFills > 0 },
            CaseLabel("emergency stop with working legs") { step in
                step.outcome.transitions.contains { $0.to == .stopped } && step.outcome.actions.contains { if case .cancel = $0 { true } else { false } }
            },
            CaseLabel("buy on B, sell on A") { $0.outcome.placed.contains { $0.purpose == .leg && $0.side == .buy && $0.venue == .b } },
        ]

    /// A book for A or B. Against the other venue's book, the spread is the threshold, one tick
    /// either side, zero, or any edge up to twice the threshold either way, the new venue the
    /// dear one or the cheap one; the own spread 1…3 ticks; rarely crossed or locked.
    static func drawBook(_ model: ArbitrageModel, _ stream: inout ChoiceStream) throws(Rejection) -> StrategyEvent {
        let venue: VenueID = try stream.index(below: 2) == 0 ? .a : .b
        let threshold = model.parameters.threshold
        let spread = try stream.draw(Gen<Int64>.int(in: 1...3))
        let bid: Int64
        if let other = model.books[venue == .a ? .b : .a] {
            let edges: [Int64] = [threshold + 1, threshold, threshold - 1, 0]
            let edge =
                try stream.index(below: 2) == 0
                ? edges[try stream.index(below: edges.count)] : try stream.draw(Gen<Int64>.int(in: -2 * threshold...2 * threshold))
            // Dear: the new bid beats the other's ask by the edge; cheap: the new ask is under the other's bid.
            bid = try stream.index(below: 2) == 0 ? other.ask.value + edge : other.bid.value - edge - spread
        } else {
            bid = 100 + (try stream.draw(Gen<Int64>.int(in: -5...5)))
        }
        let crossed = try stream.index(below: 32) == 31
        return .book(venue, BookTicker(bid: Ticks(bid), bidSize: 1, ask: Ticks(crossed ? bid : bid + spread), askSize: 1))
    }

    /// The clock: at the legs' deadline and one tick either side, or 0…5 ticks on; a step of 6
    /// jumps to five ticks before the end of the clock, where a deadline `now + legTimeout` no
    /// longer fits in an `Int64`. Times saturate at `Int64.max`.
    static func drawTimer(_ model: ArbitrageModel, _ stream: inout ChoiceStream) throws(Rejection) -> StrategyEvent {
        if let deadline = model.deadline, try stream.index(below: 2) == 0 {
            let offsets: [Int64] = [0, -1, 1]
            return .timer(Int64(clamping: Int128(deadline) + Int128(offsets[try stream.index(below: offsets.count)])))
        }
        let step = try stream.draw(Gen<Int64>.int(in: 0...6))
        return .timer(step == 6 ? Int64.max - 5 : Int64(clamping: Int128(model.now) + Int128(step)))
    }

    static let commands: [CommandKind<ArbitrageModel, StrategyEvent>] =
        StrategyGen.reports(orders: { $0.orders }, fillPrice: { $0.books[.a]?.bid ?? 100 }) + [
            CommandKind("book", weight: 64, drawing: drawBook),
            CommandKind("timer", weight: 16, drawing: drawTimer),
            CommandKind("emergencyStop", weight: 3) { _ in .constant(.emergencyStop) },
            CommandKind(
                "stray", weight: 1,
                drawing: { model, stream throws(Rejection) in
                    try StrategyGen.stray(first: model.parameters.firstOrderID.value, next: model.nextID, working: { model.working[$0] != nil }, &stream)
                }),
        ]
}
