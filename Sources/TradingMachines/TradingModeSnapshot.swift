import TradingVocabulary

/// Everything of the trading mode that persists.
public struct TradingModeSnapshot: Hashable, Sendable, Codable {
    public var state: TradingModeState
    public var isHalted: Bool
    public var history: [TradingModeTransition]

    public init(state: TradingModeState, isHalted: Bool, history: [TradingModeTransition]) {
        self.state = state
        self.isHalted = isHalted
        self.history = history
    }

    /// The documented default when no file exists: OFF, not halted, no history.
    public static let initial = TradingModeSnapshot(state: .off, isHalted: false, history: [])

    /// The consistency rules a snapshot breaks (empty if none).
    public func violations() -> [String] {
        var violated: [String] = []
        if !zip(history, history.dropFirst()).allSatisfy({ $0.to == $1.from }) || history.first.map({ $0.from != .off }) == true
            || history.contains(where: { $0.from == $0.to })
        {
            violated.append("history.chains")
        }
        if (history.last?.to ?? .off) != state { violated.append("history.endsAtState") }
        if history.contains(where: { $0.from == .off && $0.to == .liveActive }) { violated.append("history.noOffToLive") }
        if isHalted && state == .liveActive { violated.append("halted.notLive") }
        return violated
    }
}
