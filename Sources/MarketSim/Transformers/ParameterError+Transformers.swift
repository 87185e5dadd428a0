extension ParameterError {
    /// The largest bar count or bar index a transformer parameter may take (a billion bars), so
    /// that sums of bar counts never overflow.
    static let maxBars = 1_000_000_000

    /// Throws unless `value` is a bar count in `minimum ... maxBars`.
    static func requireBars(_ model: String, _ parameter: String, _ value: Int, atLeast minimum: Int) throws(ParameterError) {
        try requireBars(model, parameter, value, "\(minimum) ≤ \(parameter) ≤ \(maxBars)") { $0 >= minimum && $0 <= maxBars }
    }

    /// Throws unless the bar count or index `value` satisfies `isAllowed`.
    static func requireBars(
        _ model: String, _ parameter: String, _ value: Int, _ allowed: String,
        _ isAllowed: (Int) -> Bool
    ) throws(ParameterError) {
        guard isAllowed(value) else {
            throw ParameterError(model: model, parameter: parameter, value: Double(value), allowed: allowed)
        }
    }

    /// The bars `startBar ..< startBar + durationBars` of a series of `count` bars, cut at its end.
    ///
    /// - Throws: when `startBar` is not a bar of the series.
    static func window(_ model: String, startBar: Int, durationBars: Int, count: Int) throws(ParameterError) -> Range<Int> {
        guard startBar < count else {
            throw ParameterError(
                model: model, parameter: "startBar", value: Double(startBar),
                allowed: "0 ≤ startBar < \(count) (the series' bar count)")
        }
        return startBar..<min(startBar + durationBars, count)
    }

    /// Throws unless every price of `bars[range]` is finite and positive, and volume, spread and
    /// liquidity are finite: what the price and market transformers need of their input.
    static func requireUsable(_ model: String, _ bars: [Bar], _ range: Range<Int>) throws(ParameterError) {
        for j in range {
            let bar = bars[j]
            try requirePrice(model, j, "open", bar.open)
            try requirePrice(model, j, "high", bar.high)
            try requirePrice(model, j, "low", bar.low)
            try requirePrice(model, j, "close", bar.close)
            try requireFinite(model, "bars[\(j)].volume", bar.volume)
            try requireFinite(model, "bars[\(j)].spreadBps", bar.spreadBps)
            try requireFinite(model, "bars[\(j)].liquidity", bar.liquidity)
        }
    }

    /// Throws if the transform made a value of `bars[range]` infinite or NaN (an input or
    /// parameters so extreme that the result overflows).
    static func requireFiniteResult(_ model: String, _ bars: [Bar], _ range: Range<Int>) throws(ParameterError) {
        for j in range {
            let bar = bars[j]
            let finite =
                bar.open.isFinite && bar.high.isFinite && bar.low.isFinite && bar.close.isFinite
                && bar.volume.isFinite && bar.spreadBps.isFinite && bar.liquidity.isFinite
            if finite { continue }
            let fields = [
                ("open", bar.open), ("high", bar.high), ("low", bar.low), ("close", bar.close),
                ("volume", bar.volume), ("spreadBps", bar.spreadBps), ("liquidity", bar.liquidity),
            ]
            for (name, x) in fields where !x.isFinite {
                throw ParameterError(
                    model: model, parameter: "result bars[\(j)].\(name)", value: x,
                    allowed: "finite (input or parameters too extreme: the result overflows)")
            }
        }
    }

    private static func requirePrice(_ model: String, _ j: Int, _ name: String, _ x: Double) throws(ParameterError) {
        guard x.isFinite, x > 0 else {
            throw ParameterError(model: model, parameter: "bars[\(j)].\(name)", value: x, allowed: "finite and > 0")
        }
    }

    private static func requireFinite(_ model: String, _ parameter: @autoclosure () -> String, _ x: Double) throws(ParameterError) {
        guard x.isFinite else { throw ParameterError(model: model, parameter: parameter(), value: x, allowed: "finite") }
    }
}
