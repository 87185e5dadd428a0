import ExchangeVocabulary
import MarketSim
import PropertyCheck
import TradingModels
import TradingVocabulary

extension ExchangeModel: ReferenceModel {}

/// The differential check of the simulated exchange: client operations with their latencies and
/// random outcomes, virtual time, quotes and bars, disconnects, reject storms and stale books,
/// compared with the model after every step; `docs/exchange.md`'s invariants on production.
public enum ExchangeChecks {
    public typealias Step = MachineStep<ExchangeOutcome, ExchangeObservation>
    public typealias Check<System: SystemUnderTest> = StateMachineCheck<ExchangeModel, System, ExchangeCommand, Step>
    where System.Command == ExchangeCommand, System.Outcome == ExchangeOutcome, System.Observation == ExchangeObservation

    /// The check against production.
    public static let machine: Check<ExchangeSystem> = machine(name: "exchange") { try ExchangeSystem() }

    /// The check against any system (production, or a deliberately broken variant).
    public static func machine<System: SystemUnderTest>(name: String, system: @escaping @Sendable () throws -> System) -> Check<System>
    where System.Command == ExchangeCommand, System.Outcome == ExchangeOutcome, System.Observation == ExchangeObservation {
        Differential.check(
            name: name,
            model: { ExchangeModel() },
            system: system,
            commands: commands,
            invariants: ExchangeInvariants.state,
            steps: ExchangeInvariants.steps,
            labels: labels,
            coverage: [
                "partial fill then cancel": 2, "fill while cancel pending": 2, "stop filled beyond trigger": 3, "timed out (UNKNOWN)": 3,
                "resolved NOT_FOUND": 1, "reject storm": 2, "IOC expired": 3, "insufficient cash": 1,
            ],
            regressionExpression: "ExchangeChecks.machine")
    }

    static let labels: [CaseLabel<Step>] = [
        CaseLabel("partial fill then cancel") { $0.state.venueOrders.contains { $0.state == .canceled && $0.filled.value > 0 } },
        CaseLabel("fill while cancel pending") { $0.state.venueOrders.contains { $0.state == .pendingCancel && $0.filled.value > 0 } },
        CaseLabel("stop filled beyond trigger") { step in
            step.state.fills.contains { fill in
                guard case .stop(let trigger) = step.state.venueOrder(fill.orderID)?.request.type else { return false }
                return fill.side == .buy ? fill.price > trigger : fill.price < trigger
            }
        },
        CaseLabel("timed out (UNKNOWN)") { $0.state.clientOrders.contains { $0.state == .unknown } },
        CaseLabel("resolved NOT_FOUND") { $0.state.clientOrders.contains { $0.state == .notFound } },
        CaseLabel("reject storm") { $0.state.venueOrders.contains { $0.rejectReason == .rejectStorm } },
        CaseLabel("IOC expired") { $0.state.venueOrders.contains { $0.state == .expired } },
        CaseLabel("insufficient cash") { $0.state.venueOrders.contains { $0.rejectReason == .insufficientCash } },
        CaseLabel("maker fill") { $0.state.fills.contains { $0.liquidity == .maker } },
        CaseLabel("filled") { $0.state.venueOrders.contains { $0.state == .filled } },
    ]

    static let commands: [CommandKind<ExchangeModel, ExchangeCommand>] = [
        CommandKind("configure", weight: 30, when: { $0.isFresh }, drawing: { _, stream throws(Rejection) in
            .configure(try ExchangeGen.setup(&stream))
        }),
        CommandKind("submit", weight: 8, drawing: { model, stream throws(Rejection) in
            .submit(try ExchangeGen.order(model, &stream), try ExchangeGen.latency(&stream), randomReject: try ExchangeGen.flag(&stream, oneIn: 10))
        }),
        CommandKind("cancel", weight: 4, when: { !$0.trackedIDs.isEmpty }, drawing: { model, stream throws(Rejection) in
            let hold = try ExchangeGen.millis([0, 0, 10, 200, 1_500], &stream)
            return .cancel(try id(model, &stream), try ExchangeGen.latency(&stream), hold: hold, refuse: try ExchangeGen.flag(&stream, oneIn: 8))
        }),
        CommandKind("query", weight: 3, when: { !$0.trackedIDs.isEmpty }, drawing: { model, stream throws(Rejection) in
            .query(try id(model, &stream), try ExchangeGen.latency(&stream))
        }),
        CommandKind("resubmit", weight: 1, when: { !$0.trackedIDs.isEmpty }, drawing: { model, stream throws(Rejection) in
            let notFound = model.trackedIDs.filter { model.clientState($0) == .notFound }
            let any = notFound.isEmpty ? true : try ExchangeGen.flag(&stream, oneIn: 4)
            let id = any ? try id(model, &stream) : try ExchangeGen.pick(notFound, &stream)
            return .resubmit(id, try ExchangeGen.latency(&stream), randomReject: try ExchangeGen.flag(&stream, oneIn: 10))
        }),
        CommandKind("advance", weight: 6, drawing: { _, stream throws(Rejection) in
            .advance(try ExchangeGen.millis([0, 1, 10, 100, 500, 999, 1_000, 1_001, 5_000, 600_000], &stream))
        }),
        CommandKind("quote", weight: 6, drawing: { model, stream throws(Rejection) in .quote(try ExchangeGen.quote(model, &stream)) }),
        CommandKind("bar", weight: 5, drawing: { model, stream throws(Rejection) in .bar(try ExchangeGen.bar(model, &stream)) }),
        CommandKind("disconnect", weight: 1) { _ in .constant(.disconnect) },
        CommandKind("reconnect", weight: 3, when: { !$0.isConnected }) { _ in .constant(.reconnect) },
        CommandKind("rejectStorm", weight: 1, drawing: { model, _ in .rejectStorm(!model.isRejectStorm) }),
        CommandKind("staleBook", weight: 1, drawing: { model, _ in .staleBook(!model.isBookStale) }),
    ]

    /// An id to act on: mostly one the client tracks, sometimes one it does not.
    static func id(_ model: ExchangeModel, _ stream: inout ChoiceStream) throws(Rejection) -> ClientOrderID {
        let tracked = model.trackedIDs
        if tracked.isEmpty { return model.freshID }
        if try ExchangeGen.flag(&stream, oneIn: 15) { return model.freshID }
        return try ExchangeGen.pick(tracked.reversed(), &stream)
    }
}
