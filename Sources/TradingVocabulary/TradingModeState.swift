/// Whether the bot trades: not at all, on a simulation, or on the exchange.
public enum TradingModeState: String, CaseIterable, Hashable, Sendable, Codable {
    case off, dryRun, liveActive
}
