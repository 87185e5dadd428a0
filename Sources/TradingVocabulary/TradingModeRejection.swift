/// The inputs of the trading mode, as named in rejections.
public enum TradingModeInput: String, Hashable, Sendable, Codable {
    case enableDryRun, goLive, pause, stop, submit
}

/// Why the trading mode refuses an input.
public enum TradingModeRejection: Hashable, Sendable, Codable {
    /// The input is not allowed from this state.
    case notAllowed(TradingModeInput, from: TradingModeState)
    /// `goLive` without confirmation.
    case notConfirmed
    /// `goLive` while the super-state is halted.
    case halted
}
