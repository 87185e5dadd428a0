import TradingVocabulary

/// Every input of the trading mode as a value (`docs/machines.md` §4), plus `restart`.
public enum TradingModeCommand: Hashable, Sendable, CustomStringConvertible {
    /// OFF → DRY_RUN.
    case enableDryRun
    /// DRY_RUN → LIVE_ACTIVE, only if confirmed and not halted.
    case goLive(confirmed: Bool)
    /// LIVE_ACTIVE → DRY_RUN.
    case pause
    /// Any → OFF (from OFF: unchanged).
    case stop
    /// The super-state entered (true) or left (false) EMERGENCY_HALT.
    case setHalted(Bool)
    /// Where would an order go now? Changes nothing.
    case submit
    /// The process restarted and reloaded its persisted snapshot: state, flag and history are
    /// restored, and a persisted LIVE_ACTIVE comes back as DRY_RUN (cause `.restart`).
    case restart
    /// A restart whose save `fault` strikes: the machine reloads whatever the file then holds
    /// (then LIVE_ACTIVE → DRY_RUN as on any restart), or goes on as it was if the file is corrupt.
    case restartAfter(PersistenceFault)

    /// The command as Swift code, e.g. `.goLive(confirmed: true)`.
    public var description: String {
        switch self {
        case .enableDryRun: ".enableDryRun"
        case .goLive(let confirmed): ".goLive(confirmed: \(confirmed))"
        case .pause: ".pause"
        case .stop: ".stop"
        case .setHalted(let halted): ".setHalted(\(halted))"
        case .submit: ".submit"
        case .restart: ".restart"
        case .restartAfter(let fault): ".restartAfter(\(fault))"
        }
    }
}
