import MarketSim

/// The super-state's inputs, computed from the simulated market and the portfolio at every bar
/// (`docs/stress.md`, what the stack is fed).
///
/// - volatility: the sample standard deviation of the last `window` bar log returns, scaled to a
///   day by √(bars per day); of the worst held symbol, or of the market index (the mean of the
///   symbols' log returns that bar) when flat;
/// - drawdown: 1 − equity / peak equity;
/// - liquidity: the lowest latest liquidity score of the held symbols, 1 when flat.
struct ConditionFeed: Sendable {
    /// One symbol's returns (the last entry is the index's).
    private var returns: [ReturnWindow]
    private let scaleToDay: Double
    private(set) var peakEquity: Int64
    private var liquidity: [Double]

    init(symbols: Int, window: Int, interval: SimDuration, initialEquity: Int64) {
        returns = Array(repeating: ReturnWindow(capacity: window), count: symbols + 1)
        liquidity = Array(repeating: 1, count: symbols)
        scaleToDay = (86_400 / max(interval.seconds, 1e-9)).squareRoot()
        peakEquity = initialEquity
    }

    /// Takes one step's log returns (nil: no usable bar for that symbol) and liquidity scores.
    mutating func record(returns stepReturns: [Double?], liquidity stepLiquidity: [Double?]) {
        var sum = 0.0
        var count = 0
        for (i, r) in stepReturns.enumerated() {
            if let r {
                returns[i].append(r)
                sum += r
                count += 1
            }
            if let l = stepLiquidity[i] { liquidity[i] = min(max(l, 0), 1) }
        }
        if count > 0 { returns[returns.count - 1].append(sum / Double(count)) }
    }

    /// The three conditions given the equity now and which symbols are held (by index).
    mutating func conditions(equity: Int64, held: (Int) -> Bool) -> Conditions {
        peakEquity = max(peakEquity, equity)
        var volatility = 0.0
        var lowest = 1.0
        var anyHeld = false
        for i in liquidity.indices where held(i) {
            anyHeld = true
            volatility = max(volatility, returns[i].standardDeviation * scaleToDay)
            lowest = min(lowest, liquidity[i])
        }
        if !anyHeld { volatility = returns[returns.count - 1].standardDeviation * scaleToDay }
        let drawdown = peakEquity > 0 ? min(max(1 - Double(equity) / Double(peakEquity), 0), 1) : 0
        return Conditions(volatility: volatility.isFinite ? volatility : 0, drawdown: drawdown, liquidity: lowest)
    }
}

/// The super-state's three inputs for one bar.
struct Conditions: Hashable, Sendable {
    var volatility: Double
    var drawdown: Double
    var liquidity: Double
}

/// The last `capacity` log returns of one series.
struct ReturnWindow: Sendable {
    private var values: ContiguousArray<Double>
    private var next = 0
    private(set) var count = 0

    init(capacity: Int) { values = ContiguousArray(repeating: 0, count: max(capacity, 2)) }

    mutating func append(_ value: Double) {
        guard value.isFinite else { return }
        values[next] = value
        next = (next + 1) % values.count
        count = min(count + 1, values.count)
    }

    /// The sample standard deviation (n − 1); 0 with fewer than two returns.
    var standardDeviation: Double {
        guard count >= 2 else { return 0 }
        var mean = 0.0
        for i in 0..<count { mean += values[i] }
        mean /= Double(count)
        var squares = 0.0
        for i in 0..<count { squares += (values[i] - mean) * (values[i] - mean) }
        return (squares / Double(count - 1)).squareRoot()
    }
}
