/// Several symbols stepped together, their shocks correlated through a ``CorrelationMatrix``.
///
/// Each bar draws every symbol's standardized innovation (from its own model), mixes them with
/// the Cholesky factor (`y = L·z`, still unit variance), and builds each symbol's bar from its
/// mixed shock. Stepping allocates nothing: bars are written into the caller's buffer.
public struct CorrelatedMarket: Sendable {
    public var generators: [BarGenerator]
    public let correlation: CorrelationMatrix
    @usableFromInline var independent: [Double]

    /// - Throws: ``ParameterError`` when the generators and the matrix disagree in size or
    ///   the bar intervals differ.
    public init(generators: [BarGenerator], correlation: CorrelationMatrix) throws(ParameterError) {
        guard !generators.isEmpty else {
            throw ParameterError(model: "CorrelatedMarket", parameter: "symbols", value: 0, allowed: "at least 1")
        }
        guard correlation.count == generators.count else {
            throw ParameterError(
                model: "CorrelatedMarket", parameter: "correlation matrix size", value: Double(correlation.count),
                allowed: "equal to the number of symbols (\(generators.count))")
        }
        let interval = generators[0].interval
        for g in generators where g.interval != interval {
            throw ParameterError(
                model: "CorrelatedMarket", parameter: "interval (ns)", value: Double(g.interval.nanoseconds),
                allowed: "the same for every symbol (\(interval.nanoseconds))")
        }
        self.generators = generators
        self.correlation = correlation
        independent = [Double](repeating: 0, count: generators.count)
    }

    /// The number of symbols.
    @inlinable public var count: Int { generators.count }

    /// Writes the next bar of every symbol into `bars` (which must have `count` elements), under
    /// per-symbol `conditions` and extra log drift.
    @inlinable
    public mutating func next<C: ChoiceSource>(
        into bars: inout [Bar], conditions: (Int) -> MarketConditions,
        extraLogDrift: (Int) -> Double, choices: inout C
    ) {
        let n = generators.count
        precondition(bars.count == n, "the bar buffer has \(bars.count) slots for \(n) symbols")
        // Through a buffer pointer: reading `generators[i].model` copied the whole generator.
        generators.withUnsafeBufferPointer { g in
            for i in 0..<n { independent[i] = g[i].model.innovation(&choices) }
        }
        correlation.factor.withUnsafeBufferPointer { l in
            for i in 0..<n {
                var y = 0.0
                for k in 0...i { y += l[i * n + k] * independent[k] }
                bars[i] = generators[i].next(shock: y, conditions: conditions(i), extraLogDrift: extraLogDrift(i), choices: &choices)
            }
        }
    }
}
