import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// Everything a run did, as typed values: the event log in order, the final books, the safety
/// violations and the liveness verdict. The typed views (`rejections`, `fills`, …) are filters of
/// the log; what happens at every bar — the equity point, the sector exposure sample — is kept by
/// column beside it (`equityCurve`, `exposure`). Determinism compares the whole record.
public struct RunRecord: Hashable, Sendable {
    public let strategy: String
    /// The generated market's crash kind; nil for a historic market.
    public let kind: CrashKind?
    public let symbols: [Symbol]
    public let start: SimTime
    public let interval: SimDuration
    public let initialCash: Cents
    /// Every event, in the order it happened (per-bar samples apart: below).
    public let events: [RunEvent]
    /// Equity after each step, one point per bar.
    public let equityCurve: [EquityPoint]
    /// The sector exposure in the risk stack after each step, one sample per bar.
    public let exposure: ExposureSeries
    /// The final books: cash, fees, realized PnL and the unrealized PnL at the last closes.
    public let cash: Cents
    public let feesPaid: Cents
    public let realizedPnL: Cents
    public let unrealizedPnL: Cents
    /// How many violations happened (the log keeps at most the configured number).
    public let violationCount: Int
    public let liveness: LivenessVerdict
    /// The stack after each step (``StepStatus``), one per bar.
    public let steps: [StepStatus]
    /// Every order the client sent, by id, with its state at the end of the run.
    public let orders: [OrderOutcome]

    public var finalEquity: Cents { equityCurve.last?.equity ?? initialCash }
    /// Final equity − initial cash (fees included).
    public var pnl: Cents { Cents(finalEquity.value - initialCash.value) }
    public var fills: [Fill] { events.compactMap { if case .fill(let f) = $0 { f } else { nil } } }
    public var trades: [RoundTrip] { events.compactMap { if case .roundTrip(let t) = $0 { t } else { nil } } }
    public var emergencyStops: [EmergencyStop] { events.compactMap { if case .emergencyStop(let s) = $0 { s } else { nil } } }
    public var superStateTransitions: [Timed<SuperStateTransition>] {
        events.compactMap { if case .superState(let t) = $0 { t } else { nil } }
    }
    public var tradingModeTransitions: [Timed<TradingModeTransition>] {
        events.compactMap { if case .tradingMode(let t) = $0 { t } else { nil } }
    }
    public var sectorExposure: [SectorExposureSample] { exposure.samples }
    public var rejections: [Rejection] { events.compactMap { if case .rejection(let r) = $0 { r } else { nil } } }
    public var executionFailures: [ExecutionFailure] { events.compactMap { if case .executionFailure(let f) = $0 { f } else { nil } } }
    public var latencySpikes: [LatencySpike] { events.compactMap { if case .latencySpike(let s) = $0 { s } else { nil } } }
    public var dataFaults: [DataQualityFault] { events.compactMap { if case .dataFault(let f) = $0 { f } else { nil } } }
    public var sentOrders: [SentOrder] { events.compactMap { if case .sent(let s) = $0 { s } else { nil } } }
    public var violations: [SafetyViolation] { events.compactMap { if case .violation(let v) = $0 { v } else { nil } } }
    public var stackRefusals: [StackRefusal] { events.compactMap { if case .stackRefusal(let r) = $0 { r } else { nil } } }

    /// Rejections counted per layer, in the layers' order.
    public var rejectionsByLayer: [(layer: RejectionLayer, count: Int)] {
        let all = rejections
        return RejectionLayer.allCases.map { layer in (layer, all.count { $0.layer == layer }) }
    }

    /// The metrics of the equity curve and the trades (`docs/stress.md`, metrics).
    public var metrics: RunMetrics {
        RunMetrics(equity: [initialCash] + equityCurve.map(\.equity), interval: interval, trades: trades.map(\.pnl))
    }
}

/// An order the client sent and the state it ended the run in.
public struct OrderOutcome: Hashable, Sendable {
    public let id: ClientOrderID
    public let state: ClientOrderState
}
