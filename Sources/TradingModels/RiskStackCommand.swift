import TradingVocabulary

/// Every input of the risk stack as a value (`docs/machines.md` §5), the malformed ones
/// included, plus `restart`.
///
/// Equality compares the conditions of `update` bit for bit, so that a command holding NaN
/// equals itself.
public enum RiskStackCommand: Equatable, Sendable, CustomStringConvertible {
    /// An order request: trading mode → super-state → positions → sector caps.
    case submit(Symbol, amount: Cents)
    /// A fill closed the whole position (positions and sector caps).
    case close(Symbol)
    /// A position found on the exchange, with its value (positions and sector caps).
    case adopt(Symbol, value: Cents)
    /// → positions.
    case mark(Symbol, unrealizedPnL: Cents)
    /// → sector caps.
    case markToMarket(Symbol, value: Cents)
    /// → positions.
    case setCap(Int)
    /// → positions.
    case setForcedUnwind(Bool)
    /// → positions.
    case cycle
    /// → sector caps.
    case setPortfolioValue(Cents)
    /// → sector caps.
    case setLimits(SectorLimits, for: Sector)
    /// → sector caps.
    case setGroupLimit(BasisPoints, for: SectorGroup)
    /// → super-state, mirrored to the trading mode's halted flag.
    case update(volatility: Double, drawdown: Double, liquidity: Double)
    /// → super-state, mirrored.
    case halt
    /// → super-state, mirrored.
    case resume
    /// → trading mode.
    case enableDryRun
    /// → trading mode.
    case goLive(confirmed: Bool)
    /// → trading mode.
    case pause
    /// → trading mode.
    case stop
    /// The process restarted: the persisted super-state and trading mode are reloaded
    /// (LIVE_ACTIVE comes back as DRY_RUN, the halted flag follows the super-state); positions
    /// and holdings, which are not persisted, start empty with default cap and limits and the
    /// stack's configured portfolio value.
    case restart
    /// A restart whose save of one state file meets `fault` (issue 9 §2); the other file saves
    /// and reloads normally. A reload that refuses a corrupt file means no restart happened:
    /// every layer goes on as it was.
    case restartAfter(PersistenceFault, file: RiskStackStateFile)

    public static func == (lhs: RiskStackCommand, rhs: RiskStackCommand) -> Bool {
        switch (lhs, rhs) {
        case (.update(let v1, let d1, let l1), .update(let v2, let d2, let l2)):
            return v1.bitPattern == v2.bitPattern && d1.bitPattern == d2.bitPattern && l1.bitPattern == l2.bitPattern
        case (.update, _), (_, .update):
            return false
        default:
            // Every other case prints each of its fields exactly (integers, symbols, enums),
            // so two such commands are equal exactly when their Swift spellings are.
            return lhs.description == rhs.description
        }
    }

    /// The command as Swift code, e.g. `.submit("BTC-USD", amount: 150000)`.
    public var description: String {
        switch self {
        case .submit(let symbol, let amount): ".submit(\(Literal.symbol(symbol)), amount: \(Literal.cents(amount)))"
        case .close(let symbol): ".close(\(Literal.symbol(symbol)))"
        case .adopt(let symbol, let value): ".adopt(\(Literal.symbol(symbol)), value: \(Literal.cents(value)))"
        case .mark(let symbol, let pnl): ".mark(\(Literal.symbol(symbol)), unrealizedPnL: \(Literal.cents(pnl)))"
        case .markToMarket(let symbol, let value): ".markToMarket(\(Literal.symbol(symbol)), value: \(Literal.cents(value)))"
        case .setCap(let cap): ".setCap(\(cap))"
        case .setForcedUnwind(let forced): ".setForcedUnwind(\(forced))"
        case .cycle: ".cycle"
        case .setPortfolioValue(let value): ".setPortfolioValue(\(Literal.cents(value)))"
        case .setLimits(let limits, let sector):
            ".setLimits(SectorLimits(soft: \(Literal.bp(limits.soft)), hard: \(Literal.bp(limits.hard))), for: .\(sector.rawValue))"
        case .setGroupLimit(let limit, let group): ".setGroupLimit(\(Literal.bp(limit)), for: .\(group.rawValue))"
        case .update(let v, let d, let l):
            ".update(volatility: \(Literal.double(v)), drawdown: \(Literal.double(d)), liquidity: \(Literal.double(l)))"
        case .halt: ".halt"
        case .resume: ".resume"
        case .enableDryRun: ".enableDryRun"
        case .goLive(let confirmed): ".goLive(confirmed: \(confirmed))"
        case .pause: ".pause"
        case .stop: ".stop"
        case .restart: ".restart"
        case .restartAfter(let fault, let file): ".restartAfter(\(fault), file: .\(file.rawValue))"
        }
    }
}

/// The risk stack's persisted layers, each with its own state file.
public enum RiskStackStateFile: String, CaseIterable, Hashable, Sendable {
    case superState, tradingMode
}
