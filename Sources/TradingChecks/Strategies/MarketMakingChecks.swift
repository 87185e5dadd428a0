import ExchangeVocabulary
import PropertyCheck
import StrategyModels
import StrategyVocabulary
import TradingModels

/// The differential check of market making: events (books that drift, jump past the volatility
/// limit by exactly one tick, cross; the clock up to the end time and one tick either side) and
/// the venue's faults as the strategy sees them (acks, partial and whole fills, fills racing a
/// cancel, rejects by the venue, the risk stack or a disconnect, cancels that fail, stray and
/// oversized reports, the emergency stop), against the model.
public enum MarketMakingChecks {
    public typealias Check<System: SystemUnderTest> = StateMachineCheck<
        MarketMakingModel, System, StrategyEvent, MachineStep<StrategyStep, MarketMakingObservation>
    >
    where System.Command == StrategyEvent, System.Outcome == StrategyStep, System.Observation == MarketMakingObservation

    /// Small numbers, so that the boundaries are near: a quote of 2 against a limit of 3 (the
    /// second fill on a side shrinks the quote, the third stops it), a skew of one tick per lot,
    /// and mids near 20, where a skewed bid meets the one-tick floor.
    public static let parameters = MarketMakingParameters(
        symbol: "BTC-USD", quoteSize: 2, halfSpread: 2, inventoryLimit: 3, skewPerLot: 1, volatilityLimit: 6, endsAt: 200)

    /// The check against production.
    public static let machine: Check<MarketMakingSystem> = machine(name: "market-making") { MarketMakingSystem() }

    /// The check against any system (production, or a deliberately broken variant).
    public static func machine<System: SystemUnderTest>(name: String, system: @escaping @Sendable () -> System) -> Check<System>
    where System.Command == StrategyEvent, System.Outcome == StrategyStep, System.Observation == MarketMakingObservation {
        Differential.check(
            name: name,
            model: { MarketMakingModel(parameters: parameters) },
            system: system,
            commands: commands,
            invariants: MarketMakingInvariants.state,
            steps: MarketMakingInvariants.steps,
            labels: labels,
            coverage: [
                "phase MONITORING": 10, "phase STOPPED": 5, "phase COMPLETED": 5, "phase ERROR": 5, "pulled: volatility": 10, "pulled: risk": 2,
                "fill racing a cancel": 10, "emergency stop with resting quotes": 2, "inventory at the limit": 2, "flatten placed": 5,
                "quoted at the top of prices": 1,
            ],
            regressionExpression: "MarketMakingChecks.machine")
    }

    static let labels: [CaseLabel<MachineStep<StrategyStep, MarketMakingObservation>>] =
        StrategyPhase.allCases.map { phase in CaseLabel("phase \(phase)") { $0.state.phase == phase } } + [
            CaseLabel("pulled: volatility") { $0.state.pull == .volatility },
            CaseLabel("pulled: risk") { $0.state.pull == .risk },
            CaseLabel("fill racing a cancel") { $0.state.racingFills > 0 },
            CaseLabel("emergency stop with resting quotes") { step in
                step.outcome.transitions.contains { $0.to == .stopped } && step.outcome.actions.contains { if case .cancel = $0 { true } else { false } }
            },
            CaseLabel("inventory at the limit") { abs($0.state.inventory) == $0.state.parameters.inventoryLimit.value },
            CaseLabel("flatten placed") { $0.outcome.placed.contains { $0.purpose == .flatten } },
            CaseLabel("exposed after stop") { $0.outcome.actions.contains { if case .alert(.exposedAfterStop) = $0 { true } else { false } } },
            // A mid two ticks under the venue's top price, and quotes placed: the ask side must
            // stay out (it would be above the top).
            CaseLabel("quoted at the top of prices") {
                ($0.state.lastMid?.value ?? 0) >= VenueLimits.maxPrice.value - 2 && $0.outcome.placed.contains { $0.purpose == .quote }
            },
        ]

    /// A book around the last mid (20 before the first): the move is one of the boundaries
    /// (to the top of the venue's prices, the volatility limit and one tick either side, both
    /// ways), no move at all, or any move up to three limits; the spread 1…4 ticks, or crossed or locked; a side's size sometimes 0.
    static func drawBook(_ model: MarketMakingModel, _ stream: inout ChoiceStream) throws(Rejection) -> StrategyEvent {
        let limit = model.parameters.volatilityLimit.value
        let mid = model.lastMid?.value ?? 20
        let move: Int64
        let how = try stream.index(below: 4)
        if how == 0 {
            move = 0  // the same mid: quotes stand, so acknowledgements can settle them (MONITORING)
        } else if how == 1 {
            // The first moves the mid to two ticks under the top of the venue's prices (this
            // book's ask at most `VenueLimits.maxPrice`; a later move up goes past it): a quote
            // above the top must not be sent. (It was a second "no
            // move", which `how == 0` already draws; the others keep their places.)
            let top = VenueLimits.maxPrice.value - 2 - mid
            let boundaries: [Int64] = [top, limit, limit + 1, -limit, -limit - 1, limit - 1, 1 - limit]
            move = boundaries[try stream.index(below: boundaries.count)]
        } else {
            move = try stream.draw(Gen<Int64>.int(in: -3 * limit...3 * limit))
        }
        let spread = try stream.draw(Gen<Int64>.int(in: 2...5)) - (try stream.index(below: 32) == 31 ? 3 : 0)  // -1…4: crossed, locked, open
        let bid = mid + move - spread / 2
        let bidSize: Int64 = try stream.index(below: 32) == 31 ? 0 : 1
        let book = BookTicker(bid: Ticks(bid), bidSize: Lots(bidSize), ask: Ticks(bid + spread), askSize: 1)
        return .book(try stream.index(below: 32) == 31 ? .b : .a, book)
    }

    /// The clock: a tick, or to the end time exactly, one before, one after, or any step up to 10.
    static func drawTimer(_ model: MarketMakingModel, _ stream: inout ChoiceStream) throws(Rejection) -> StrategyEvent {
        let toEnd = model.parameters.endsAt - model.now
        let steps: [Int64] = [1, toEnd - 1, toEnd, toEnd + 1]
        if try stream.index(below: 2) == 0 { return .timer(model.now + steps[try stream.index(below: steps.count)]) }
        return .timer(model.now + (try stream.draw(Gen<Int64>.int(in: 0...10))))
    }

    static let commands: [CommandKind<MarketMakingModel, StrategyEvent>] =
        StrategyGen.reports(orders: { $0.orders }, fillPrice: { $0.lastMid ?? 20 }) + [
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
