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
            firstStateViolation: ExchangeInvariants.firstViolation(of:),
            steps: ExchangeInvariants.steps,
            labels: labels,
            coverage: [
                "partial fill then cancel": 1, "fill while cancel pending": 1, "stop filled beyond trigger": 3, "timed out (UNKNOWN)": 3,
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

    /// A cancel's hold in ms: the first seven as they always were (a shrunk case's small picks
    /// decode as before), the usual holds again so that the client's limits (one day exactly,
    /// taken; one day + 1 ms and −1 ms, refused as `invalidHold`) are rare enough not to starve
    /// the cancel paths of their coverage.
    static let holds: [Int64] = {
        let usual: [Int64] = [0, 5_000, 1_500, 5_000, 200, 10]
        return usual + [-1] + Array([[Int64]](repeating: usual, count: 4).joined()) + [86_400_000, 86_400_001]
    }()

    static let commands: [CommandKind<ExchangeModel, ExchangeCommand>] = [
        // Every kind is always available (a cancel with nothing tracked is a refused request): a
        // kind's availability changing with the state would shift later commands' kinds when the
        // shrinker deletes an earlier one. `configure` runs only before the first request; elsewhere
        // it is skipped.
        CommandKind(
            "configure", weight: 4,
            drawing: { _, stream throws(Rejection) in
                .configure(try ExchangeGen.setup(&stream))
            }
        ).accepting { model, _ in model.canConfigure },
        CommandKind(
            "submit", weight: 10,
            drawing: { model, stream throws(Rejection) in
                .submit(try ExchangeGen.order(model, &stream), try ExchangeGen.latency(&stream), randomReject: try ExchangeGen.flag(&stream, oneIn: 20))
            }),
        CommandKind(
            "cancel", weight: 8,
            drawing: { model, stream throws(Rejection) in
                let hold = try ExchangeGen.millis(holds, &stream)
                let open = model.trackedIDs(in: .venue(.partiallyFilled), .venue(.accepted))
                let any = try ExchangeGen.flag(&stream, oneIn: 4)
                let anyID = try id(model, &stream)
                let openID = try ExchangeGen.pick(open.reversed(), or: anyID, &stream)
                return .cancel(any ? anyID : openID, try ExchangeGen.latency(&stream), hold: hold, refuse: try ExchangeGen.flag(&stream, oneIn: 8))
            }),
        CommandKind(
            "query", weight: 2,
            drawing: { model, stream throws(Rejection) in
                .query(try id(model, &stream), try ExchangeGen.latency(&stream))
            }),
        CommandKind(
            "resubmit", weight: 1,
            drawing: { model, stream throws(Rejection) in
                let notFound = model.trackedIDs(in: .notFound)
                let any = try ExchangeGen.flag(&stream, oneIn: 4)
                let anyID = try id(model, &stream)
                let notFoundID = try ExchangeGen.pick(notFound, or: anyID, &stream)
                let id = any ? anyID : notFoundID
                return .resubmit(id, try ExchangeGen.latency(&stream), randomReject: try ExchangeGen.flag(&stream, oneIn: 10))
            }),
        CommandKind(
            "advance", weight: 8,
            drawing: { _, stream throws(Rejection) in
                .advance(try ExchangeGen.millis(Self.advances, &stream))
            }),
        CommandKind("quote", weight: 6, drawing: { model, stream throws(Rejection) in .quote(try ExchangeGen.quote(model, &stream)) }),
        CommandKind("bar", weight: 8, drawing: { model, stream throws(Rejection) in .bar(try ExchangeGen.bar(model, &stream)) }),
        CommandKind("disconnect", weight: 1) { _ in .constant(.disconnect) },
        CommandKind("reconnect", weight: 2) { _ in .constant(.reconnect) },
        CommandKind("rejectStorm", weight: 1, drawing: { model, _ in .rejectStorm(!model.isRejectStorm) }),
        CommandKind("staleBook", weight: 1, drawing: { model, _ in .staleBook(!model.isBookStale) }),
    ]

    /// How far the clock moves, in ms: within a bar, either side of the one-second timeout, and
    /// one day + 1 ms, past the longest latency leg the client takes (one day), so a message sent
    /// a day out is delivered (it was 600 s: the one-day leg was taken and never arrived). The
    /// last, −1, is refused. (Twelve values, as always: a changed count would reshuffle every
    /// drawn case.)
    static let advances: [Int64] = [0, 1, 10, 100, 50, 500, 999, 1_000, 1_001, 5_000, VenueLimits.maxLatency / 1_000_000 + 1, -1]

    /// An id to act on: mostly one the client tracks, sometimes one it does not.
    static func id(_ model: ExchangeModel, _ stream: inout ChoiceStream) throws(Rejection) -> ClientOrderID {
        let unknown = try ExchangeGen.flag(&stream, oneIn: 15)
        let tracked = try ExchangeGen.pick(model.trackedIDs.reversed(), or: model.freshID, &stream)
        return unknown ? model.freshID : tracked
    }
}
