/// Any one of the scenario transformers, as a value: what ``Mixed`` lists and what a scenario
/// stores.
public enum Transformer: SeriesTransformer {
    case flashCrash(FlashCrash)
    case volatilitySpike(VolatilitySpike)
    case liquidityDrop(LiquidityDrop)
    case spreadExplosion(SpreadExplosion)
    case dataCorruption(DataCorruption)
    case correlationBreakdown(CorrelationBreakdown)
    case pumpAndDump(PumpAndDump)
    case mixed(Mixed)

    /// Whether applying it can inject data corruption.
    public var injectsCorruption: Bool {
        switch self {
        case .dataCorruption: true
        case .mixed(let mixed): mixed.steps.contains { $0.injectsCorruption }
        default: false
        }
    }

    /// Applies the wrapped transformer to one series.
    public func apply<C: ChoiceSource>(to series: BarSeries, choices: inout C) throws(ParameterError) -> TransformResult {
        switch self {
        case .flashCrash(let t): try t.apply(to: series, choices: &choices)
        case .volatilitySpike(let t): try t.apply(to: series, choices: &choices)
        case .liquidityDrop(let t): try t.apply(to: series, choices: &choices)
        case .spreadExplosion(let t): try t.apply(to: series, choices: &choices)
        case .dataCorruption(let t): try t.apply(to: series, choices: &choices)
        case .correlationBreakdown(let t): try t.apply(to: series, choices: &choices)
        case .pumpAndDump(let t): try t.apply(to: series, choices: &choices)
        case .mixed(let t): try t.apply(to: series, choices: &choices)
        }
    }

    /// Applies the wrapped transformer to a market.
    public func apply<C: ChoiceSource>(to market: [BarSeries], choices: inout C) throws(ParameterError) -> MarketTransformResult {
        switch self {
        case .flashCrash(let t): try t.apply(to: market, choices: &choices)
        case .volatilitySpike(let t): try t.apply(to: market, choices: &choices)
        case .liquidityDrop(let t): try t.apply(to: market, choices: &choices)
        case .spreadExplosion(let t): try t.apply(to: market, choices: &choices)
        case .dataCorruption(let t): try t.apply(to: market, choices: &choices)
        case .correlationBreakdown(let t): try t.apply(to: market, choices: &choices)
        case .pumpAndDump(let t): try t.apply(to: market, choices: &choices)
        case .mixed(let t): try t.apply(to: market, choices: &choices)
        }
    }
}
