import TradingVocabulary

/// Every input of the portfolio super-state as a value, the malformed ones included
/// (`docs/machines.md` §3), plus `restart`.
///
/// Equality compares the conditions of `update` bit for bit, so that a command holding NaN
/// equals itself (a replayed counterexample must equal the one it replays).
public enum SuperStateCommand: Equatable, Sendable, CustomStringConvertible {
    /// New market conditions: volatility ≥ 0, drawdown and liquidity in 0…1, all finite.
    case update(volatility: Double, drawdown: Double, liquidity: Double)
    /// Enter EMERGENCY_HALT.
    case halt
    /// Leave EMERGENCY_HALT (an error anywhere else).
    case resume
    /// The question "may I open this position?"; changes nothing.
    case canOpen(size: Cents, deployed: Cents, portfolioValue: Cents)
    /// The process restarted and reloaded its persisted snapshot (state, confirmations, latest
    /// classification, history): the machine goes on exactly as it was.
    case restart
    /// A restart whose save `fault` strikes: the machine reloads whatever the file then holds
    /// (the previous save's snapshot unless the save got past its commit), or goes on as it was
    /// if the file is corrupt.
    case restartAfter(PersistenceFault)

    public static func == (lhs: SuperStateCommand, rhs: SuperStateCommand) -> Bool {
        switch (lhs, rhs) {
        case (.update(let v1, let d1, let l1), .update(let v2, let d2, let l2)):
            v1.bitPattern == v2.bitPattern && d1.bitPattern == d2.bitPattern && l1.bitPattern == l2.bitPattern
        case (.halt, .halt), (.resume, .resume), (.restart, .restart): true
        case (.restartAfter(let f1), .restartAfter(let f2)): f1 == f2
        case (.canOpen(let s1, let d1, let p1), .canOpen(let s2, let d2, let p2)): s1 == s2 && d1 == d2 && p1 == p2
        default: false
        }
    }

    /// The command as Swift code, e.g. `.update(volatility: 0.05, drawdown: .nan, liquidity: 0.5)`.
    public var description: String {
        switch self {
        case .update(let v, let d, let l):
            ".update(volatility: \(Literal.double(v)), drawdown: \(Literal.double(d)), liquidity: \(Literal.double(l)))"
        case .halt: ".halt"
        case .resume: ".resume"
        case .canOpen(let size, let deployed, let value):
            ".canOpen(size: \(Literal.cents(size)), deployed: \(Literal.cents(deployed)), portfolioValue: \(Literal.cents(value)))"
        case .restart: ".restart"
        case .restartAfter(let fault): ".restartAfter(\(fault))"
        }
    }
}
