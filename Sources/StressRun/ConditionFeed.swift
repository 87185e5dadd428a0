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

    /// The step's returns so far, for the index (the mean of the symbols' returns that bar).
    private var stepSum = 0.0
    private var stepCount = 0

    /// Takes symbol `i`'s usable bar this step: its log return (nil for its first) and its
    /// liquidity score. Each symbol with a usable bar is recorded once a step, then ``endStep()``.
    mutating func record(symbol i: Int, return r: Double?, liquidity l: Double) {
        if let r {
            returns[i].append(r)
            stepSum += r
            stepCount += 1
        }
        liquidity[i] = min(max(l, 0), 1)
    }

    /// Ends the step: the index takes the mean of the step's returns, if any.
    mutating func endStep() {
        if stepCount > 0 { returns[returns.count - 1].append(stepSum / Double(stepCount)) }
        (stepSum, stepCount) = (0, 0)
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

/// The last `capacity` log returns of one series, with their mean and sum of squared deviations
/// kept as they slide (Welford's update, for a window).
///
/// The executor asks for a held symbol's volatility at every bar; recomputing it over the whole
/// window each time (two passes of `capacity` dependent additions) was the costliest single step
/// of a run. Kept incrementally, a bar costs a few operations; every `capacity` appends the two
/// sums are recomputed exactly from the window, and at once when most of the squares leave
/// together, so rounding cannot accumulate beyond one window's worth. `ConditionFeedTests` holds
/// it to the two-pass result (a relative 1e-9, or 1e-11 for a window gone flat) through crashes
/// entering and leaving it.
struct ReturnWindow: Sendable {
    private var values: ContiguousArray<Double>
    private var next = 0
    private(set) var count = 0
    private var mean = 0.0
    /// Σ (x − mean)² over the window.
    private var squares = 0.0
    /// Appends since the last exact recomputation.
    private var sinceExact = 0

    init(capacity: Int) { values = ContiguousArray(repeating: 0, count: max(capacity, 2)) }

    mutating func append(_ value: Double) {
        guard value.isFinite else { return }
        if count < values.count {
            count += 1
            let delta = value - mean
            mean += delta / Double(count)
            squares += delta * (value - mean)
        } else {
            let leaving = values[next]
            let newMean = mean + (value - leaving) / Double(count)
            let before = squares
            squares += (value - leaving) * (value - newMean + leaving - mean)
            mean = newMean
            // Most of the sum just left (a crash's return leaving a calm window): what remains
            // is of the order of the rounding of what left, so take it from the window instead.
            if squares < before * 1e-3 { sinceExact = values.count - 1 }
        }
        values[next] = value
        next = next + 1 == values.count ? 0 : next + 1
        sinceExact += 1
        if sinceExact == values.count { recomputeExactly() }
    }

    /// The mean and the squared deviations taken from the window itself.
    private mutating func recomputeExactly() {
        sinceExact = 0
        (mean, squares) = twoPass
    }

    /// The window's mean and Σ (x − mean)², in two passes over it.
    private var twoPass: (mean: Double, squares: Double) {
        var sum = 0.0
        for i in 0..<count { sum += values[i] }
        let mean = sum / Double(count)
        var squares = 0.0
        for i in 0..<count { squares += (values[i] - mean) * (values[i] - mean) }
        return (mean, squares)
    }

    /// The sample standard deviation (n − 1); 0 with fewer than two returns.
    var standardDeviation: Double {
        guard count >= 2 else { return 0 }
        return (max(squares, 0) / Double(count - 1)).squareRoot()
    }

    /// The same, recomputed over the window in two passes: what the incremental figure is tested
    /// against.
    var standardDeviationRecomputed: Double {
        guard count >= 2 else { return 0 }
        return (twoPass.squares / Double(count - 1)).squareRoot()
    }
}
