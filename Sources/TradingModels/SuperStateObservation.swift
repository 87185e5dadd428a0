import TradingVocabulary

/// Everything the portfolio super-state exposes publicly, as one comparable snapshot.
public struct SuperStateObservation: Hashable, Sendable, CustomStringConvertible {
    public var state: PortfolioState
    /// The limits in force (`state.limits` when correct).
    public var limits: SuperStateLimits
    public var riskMultiplier: BasisPoints
    /// Confirming updates counted in RECOVERY (0…2).
    public var confirmations: Int
    /// The classification of the latest valid update; `nil` before the first.
    public var lastClassification: PortfolioState?
    /// The latest state changes, oldest first (at most the machine's history limit).
    public var history: [SuperStateTransition]
    /// How many earlier state changes were dropped from the front of `history`.
    public var historyDropped: Int

    public init(
        state: PortfolioState, limits: SuperStateLimits, riskMultiplier: BasisPoints, confirmations: Int,
        lastClassification: PortfolioState?, history: [SuperStateTransition], historyDropped: Int = 0
    ) {
        self.state = state
        self.limits = limits
        self.riskMultiplier = riskMultiplier
        self.confirmations = confirmations
        self.lastClassification = lastClassification
        self.history = history
        self.historyDropped = historyDropped
    }

    public var description: String {
        "\(state.rawValue) confirmations \(confirmations) last \(lastClassification?.rawValue ?? "nil") "
            + "limits \(limits.maxPosition)/\(limits.utilization)/\(limits.allowsNewPositions ? "opens" : "no opens")/\(riskMultiplier) "
            + "history \(historyDropped > 0 ? "(\(historyDropped) dropped) " : "")[\(history.map(Describe.superState).joined(separator: "; "))]"
    }
}
