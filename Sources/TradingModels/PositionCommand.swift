import TradingVocabulary

/// Every input of position management as a value, the malformed ones included
/// (`docs/machines.md` §1).
public enum PositionCommand: Hashable, Sendable, CustomStringConvertible {
    /// A new entry the bot wants: accepted only in NORMAL with count < cap.
    case open(Symbol)
    /// A position found on the exchange: always recorded (unless already held).
    case adopt(Symbol)
    /// A fill closed the position.
    case close(Symbol)
    /// The position's unrealized PnL changed.
    case mark(Symbol, unrealizedPnL: Cents)
    /// A new cap; negative is an error.
    case setCap(Int)
    /// The exit enforcer's flag.
    case setForcedUnwind(Bool)
    /// One management pass: emits exit orders, changes nothing.
    case cycle

    /// The command as Swift code, e.g. `.mark("BTC-USD", unrealizedPnL: -500)`.
    public var description: String {
        switch self {
        case .open(let symbol): ".open(\(Literal.symbol(symbol)))"
        case .adopt(let symbol): ".adopt(\(Literal.symbol(symbol)))"
        case .close(let symbol): ".close(\(Literal.symbol(symbol)))"
        case .mark(let symbol, let pnl): ".mark(\(Literal.symbol(symbol)), unrealizedPnL: \(Literal.cents(pnl)))"
        case .setCap(let cap): ".setCap(\(cap))"
        case .setForcedUnwind(let forced): ".setForcedUnwind(\(forced))"
        case .cycle: ".cycle"
        }
    }
}
