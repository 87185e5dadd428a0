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
    public func violations() -> [String] { violations(historyFrom: 0) }

    /// The rules, with the history's entries read from `start` on: the machine checks after
    /// every input only the entries it appended since its last check (it never changes an
    /// entry), so that the check stays constant-time as the history grows.
    func violations(historyFrom start: Int) -> [String] {
        var (chains, noOffToLive) = (true, true)
        for index in max(start, 0)..<history.count {
            let transition = history[index]
            let expectedFrom = index == 0 ? TradingModeState.off : history[index - 1].to
            if transition.from != expectedFrom || transition.from == transition.to { chains = false }
            if transition.from == .off && transition.to == .liveActive { noOffToLive = false }
        }
        var violated: [String] = []
        if !chains { violated.append("history.chains") }
        if (history.last?.to ?? .off) != state { violated.append("history.endsAtState") }
        if !noOffToLive { violated.append("history.noOffToLive") }
        if isHalted && state == .liveActive { violated.append("halted.notLive") }
        return violated
    }
}
