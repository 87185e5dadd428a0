import TradingVocabulary

extension PortfolioSuperState {
    /// The most severe classification of the three conditions (`docs/machines.md` §3).
    ///
    /// - Throws: `.invalidCondition` naming the first bad field, checked in the order volatility,
    ///   drawdown, liquidity.
    public static func classify(volatility v: Double, drawdown d: Double, liquidity l: Double) throws(SuperStateError) -> PortfolioState {
        try validate(v, .volatility, upperBoundOne: false)
        try validate(d, .drawdown, upperBoundOne: true)
        try validate(l, .liquidity, upperBoundOne: true)
        typealias T = ConditionThresholds
        let byVolatility: PortfolioState =
            v < T.volatilityCautious ? .normal : v < T.volatilityStressed ? .cautious : v <= T.volatilityCrisis ? .stressed : .crisis
        let byDrawdown: PortfolioState =
            d < T.drawdownCautious ? .normal : d < T.drawdownStressed ? .cautious : d <= T.drawdownCrisis ? .stressed : .crisis
        let byLiquidity: PortfolioState = l < T.liquidityStressed ? .stressed : .normal
        // The first of the most severe, as `max(by:)` over the three would give, without building
        // an array: this runs twice per bar of a stress run (the stack's update and the check).
        var worst = byVolatility
        if byDrawdown.severity > worst.severity { worst = byDrawdown }
        if byLiquidity.severity > worst.severity { worst = byLiquidity }
        return worst
    }

    /// Rejects NaN, infinity, negatives and (for fractions) values above one.
    static func validate(_ value: Double, _ field: ConditionField, upperBoundOne: Bool) throws(SuperStateError) {
        guard value.isFinite else { throw .invalidCondition(field, .notFinite) }
        guard value >= 0 else { throw .invalidCondition(field, .negative) }
        if upperBoundOne && value > 1 { throw .invalidCondition(field, .aboveOne) }
    }
}
