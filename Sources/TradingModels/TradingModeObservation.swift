import TradingVocabulary

/// Everything the trading mode exposes publicly, as one comparable snapshot.
public struct TradingModeObservation: Hashable, Sendable, CustomStringConvertible {
    public var state: TradingModeState
    /// Whether the super-state is in EMERGENCY_HALT (as last told).
    public var isHalted: Bool
    /// Every state change, oldest first.
    public var history: [TradingModeTransition]
    /// What `submit()` answers now.
    public var routing: RoutingDecision

    public init(state: TradingModeState, isHalted: Bool, history: [TradingModeTransition], routing: RoutingDecision) {
        self.state = state
        self.isHalted = isHalted
        self.history = history
        self.routing = routing
    }

    public var description: String {
        let route: String =
            switch routing {
            case .routed(let r): "→ \(r.rawValue)"
            case .rejected: "rejects orders"
            }
        return "\(state.rawValue)\(isHalted ? " halted" : "") \(route) history [\(history.map(Describe.tradingMode).joined(separator: "; "))]"
    }
}
