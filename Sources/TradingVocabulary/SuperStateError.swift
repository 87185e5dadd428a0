/// Which market condition of a super-state `update` was bad.
public enum ConditionField: String, Hashable, Sendable, Codable {
    case volatility, drawdown, liquidity
}

/// What was wrong with a market condition.
public enum ConditionProblem: String, Hashable, Sendable, Codable {
    /// NaN or infinite.
    case notFinite
    /// Below zero.
    case negative
    /// Above one (drawdown and liquidity are fractions).
    case aboveOne
}

/// Malformed input to the super-state; the machine is unchanged.
public enum SuperStateError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidCondition(ConditionField, ConditionProblem)
    /// `resume()` outside EMERGENCY_HALT (the payload is the current state).
    case notHalted(PortfolioState)
    case nonPositiveSize(Cents)
    case negativeDeployed(Cents)
    case nonPositivePortfolioValue(Cents)

    public var description: String {
        switch self {
        case .invalidCondition(let field, let problem):
            "PortfolioSuperState.update: \(field.rawValue) is \(problem.rawValue)"
        case .notHalted(let state):
            "PortfolioSuperState.resume: not halted (state \(state.rawValue))"
        case .nonPositiveSize(let size): "PortfolioSuperState.canOpen: size \(size) is not positive"
        case .negativeDeployed(let deployed): "PortfolioSuperState.canOpen: deployed \(deployed) is negative"
        case .nonPositivePortfolioValue(let value):
            "PortfolioSuperState.canOpen: portfolio value \(value) is not positive"
        }
    }
}
