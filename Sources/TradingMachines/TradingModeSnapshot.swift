import TradingVocabulary

/// Everything of the trading mode that persists.
public struct TradingModeSnapshot: Hashable, Sendable, Codable {
    public var state: TradingModeState
    public var isHalted: Bool
    /// The latest mode changes, oldest first (the machine keeps at most its `historyLimit`).
    public var history: [TradingModeTransition]
    /// How many earlier mode changes were dropped from the front of `history`. Written only
    /// when not 0, so that files of machines that never dropped one keep their bytes.
    public var historyDropped: Int

    /// The largest dropped count: 2⁶². The machines count up to it and no further (at a
    /// transition a nanosecond, 146 years of them), so that counting never overflows and a
    /// machine never saves a count its own restore would refuse; a file that claims more is
    /// corrupted.
    public static let maxHistoryDropped = 1 << 62

    public init(state: TradingModeState, isHalted: Bool, history: [TradingModeTransition], historyDropped: Int = 0) {
        self.state = state
        self.isHalted = isHalted
        self.history = history
        self.historyDropped = historyDropped
    }

    private enum CodingKeys: String, CodingKey {
        case state, isHalted, history, historyDropped
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        state = try container.decode(TradingModeState.self, forKey: .state)
        isHalted = try container.decode(Bool.self, forKey: .isHalted)
        history = try container.decode([TradingModeTransition].self, forKey: .history)
        historyDropped = try container.decodeIfPresent(Int.self, forKey: .historyDropped) ?? 0
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(state, forKey: .state)
        try container.encode(isHalted, forKey: .isHalted)
        try container.encode(history, forKey: .history)
        if historyDropped != 0 { try container.encode(historyDropped, forKey: .historyDropped) }
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
            // The first entry leaves OFF, unless earlier ones were dropped.
            let expectedFrom = index > 0 ? history[index - 1].to : historyDropped <= 0 ? TradingModeState.off : transition.from
            if transition.from != expectedFrom || transition.from == transition.to { chains = false }
            if transition.from == .off && transition.to == .liveActive { noOffToLive = false }
        }
        var violated: [String] = []
        if !chains { violated.append("history.chains") }
        if (history.last?.to ?? .off) != state { violated.append("history.endsAtState") }
        if !noOffToLive { violated.append("history.noOffToLive") }
        if !(0...Self.maxHistoryDropped).contains(historyDropped) || (historyDropped > 0 && history.isEmpty) { violated.append("history.droppedCount") }
        if isHalted && state == .liveActive { violated.append("halted.notLive") }
        return violated
    }
}
