import TradingVocabulary

/// Everything the trading mode exposes publicly, as one comparable snapshot.
public struct TradingModeObservation: Hashable, Sendable, CustomStringConvertible {
    public var state: TradingModeState
    /// Whether the super-state is in EMERGENCY_HALT (as last told).
    public var isHalted: Bool
    /// The latest state changes, oldest first (at most the machine's history limit).
    public var history: [TradingModeTransition]
    /// How many earlier state changes were dropped from the front of `history`.
    public var historyDropped: Int
    /// What `submit()` answers now.
    public var routing: RoutingDecision

    public init(state: TradingModeState, isHalted: Bool, history: [TradingModeTransition], historyDropped: Int = 0, routing: RoutingDecision) {
        self.state = state
        self.isHalted = isHalted
        self.history = history
        self.historyDropped = historyDropped
        self.routing = routing
    }

    public var description: String {
        let route: String =
            switch routing {
            case .routed(let r): "→ \(r.rawValue)"
            case .rejected: "rejects orders"
            }
        return
            "\(state.rawValue)\(isHalted ? " halted" : "") \(route) history \(historyDropped > 0 ? "(\(historyDropped) dropped) " : "")[\(history.map(Describe.tradingMode).joined(separator: "; "))]"
    }
}
