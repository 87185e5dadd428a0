import TradingVocabulary

/// What applying one `PositionCommand` observably produced: the return value of the input, or
/// the typed error it threw.
public enum PositionOutcome: Hashable, Sendable, CustomStringConvertible {
    /// `open`: accepted or rejected with a reason.
    case decision(Decision<PositionRejection>)
    /// `adopt`, `close`, `setCap`, `setForcedUnwind`: the state change the input caused, if any.
    case transition(PositionTransition?)
    /// `cycle`: the exit orders, in the order they are emitted.
    case orders([ExitOrder])
    /// `mark`: applied, nothing returned.
    case done
    /// The input was malformed; nothing changed.
    case error(PositionError)

    public var description: String {
        switch self {
        case .decision(.accepted): ".decision(.accepted)"
        case .decision(.rejected(let reason)): ".decision(.rejected(.\(reason.rawValue)))"
        case .transition(nil): ".transition(nil)"
        case .transition(let transition?): ".transition(\(Describe.position(transition)))"
        case .orders(let orders):
            ".orders([\(orders.map { "\(Literal.symbol($0.symbol)) .\($0.reason.rawValue)" }.joined(separator: ", "))])"
        case .done: ".done"
        case .error(let error): ".error(\(error))"
        }
    }
}

/// Short readable renderings of vocabulary records, for outcomes and observations.
enum Describe {
    static func position(_ t: PositionTransition) -> String {
        "\(t.from.rawValue) → \(t.to.rawValue) (count \(t.count), cap \(t.cap), excess \(t.excess), forced \(t.forced))"
    }

    static func superState(_ t: SuperStateTransition) -> String {
        let cause: String
        switch t.cause {
        case .update(let classification): cause = "update(\(classification.rawValue))"
        case .halt: cause = "halt"
        case .resume: cause = "resume"
        }
        return "\(t.from.rawValue) → \(t.to.rawValue) by \(cause)"
    }

    static func tradingMode(_ t: TradingModeTransition) -> String {
        "\(t.from.rawValue) → \(t.to.rawValue) by \(t.cause.rawValue)"
    }
}
