/// Several transformers applied one after the other, first to last: itself a transformer.
///
/// Each step transforms the previous step's output, so bar indices in later steps refer to the
/// series as the earlier steps left it (no transformer adds or removes bars, so they are the
/// input's indices). Choices are drawn by the steps in the same order. The corruptions reported are
/// those of the data corruption step, which must be the last: a later step would move or hide
/// what it injected, and the list would no longer be exact. A list with no step changes nothing.
///
/// ```swift
/// let chaos = try Mixed([.flashCrash(crash), .volatilitySpike(spike), .dataCorruption(corruption)])
/// ```
public struct Mixed: SeriesTransformer {
    /// The steps, in the order they are applied.
    public let steps: [Transformer]

    /// - Throws: ``ParameterError`` naming `steps[k]` when a step other than the last injects
    ///   data corruption (directly or inside a nested ``Mixed``).
    public init(_ steps: [Transformer]) throws(ParameterError) {
        for (k, step) in steps.enumerated().dropLast() where step.injectsCorruption {
            throw ParameterError(
                model: "Mixed", parameter: "steps[\(k)]", value: Double(k),
                allowed: "data corruption only as the last step (a later step would move or hide what it injected)")
        }
        self.steps = steps
    }

    /// Applies every step to `series`, first to last.
    ///
    /// - Throws: The first step's ``ParameterError``, if any (a correlation breakdown needs a market).
    public func apply<C: ChoiceSource>(to series: BarSeries, choices: inout C) throws(ParameterError) -> TransformResult {
        var result = TransformResult(series: series)
        for step in steps {
            let next = try step.apply(to: result.series, choices: &choices)
            result = TransformResult(series: next.series, corruptions: result.corruptions + next.corruptions)
        }
        return result
    }

    /// Applies every step to the whole market, first to last.
    ///
    /// - Throws: The first step's ``ParameterError``, if any.
    public func apply<C: ChoiceSource>(to market: [BarSeries], choices: inout C) throws(ParameterError) -> MarketTransformResult {
        var result = MarketTransformResult(market: market)
        for step in steps {
            let next = try step.apply(to: result.market, choices: &choices)
            result = MarketTransformResult(market: next.market, corruptions: result.corruptions + next.corruptions)
        }
        return result
    }
}
