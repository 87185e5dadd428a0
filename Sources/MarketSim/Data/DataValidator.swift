/// Checks market data and reports every fault it finds, of every ``DataFaultKind``.
///
/// ```swift
/// let loaded = try CSVLoader.load(path: "BTC-USD.csv")
/// let report = DataValidator.validate(loaded.bars, symbol: "BTC-USD", lines: loaded.lines)
/// for fault in report.faults { print(fault) }   // BTC-USD line 214, bar 212: spike (…)
/// ```
///
/// What is reported, at which bar:
/// - **Each bar on its own**: ``DataFaultKind/notANumber`` and ``DataFaultKind/infinite`` (any of
///   open, high, low, close, volume, spread, liquidity; one fault per kind per bar, naming the
///   fields), ``DataFaultKind/nonPositivePrice`` (a finite price ≤ 0),
///   ``DataFaultKind/highBelowLow``, ``DataFaultKind/priceOutsideRange`` (open or close outside
///   low…high; not looked for when high < low, which already says the range is broken),
///   ``DataFaultKind/zeroVolume``, ``DataFaultKind/negativeVolume``.
/// - **Time, against the bar before**: ``DataFaultKind/duplicateTimestamp`` (the same time),
///   ``DataFaultKind/outOfOrderTimestamp`` (an earlier time); ``DataFaultKind/gap``: a bar later
///   than every bar before it by more than ``ValidationOptions/gapMultiple`` times the series'
///   median step (the median of the positive steps between consecutive bars), reported at the
///   first bar after the gap. Measuring a gap from the latest time so far means that one bar
///   stamped too early gives one fault (out of order), not also a gap after it. The nights,
///   weekends and holidays of intraday data that trades in daily sessions are not gaps
///   (``SessionBreaks``); the report counts them (``ValidationReport/sessionBreaks``).
/// - **Returns**: ``DataFaultKind/spike``, see `SpikeDetector`.
///
/// Validation never changes the data and never traps, whatever the values.
public enum DataValidator {
    /// Validates one symbol's bars.
    ///
    /// - Parameters:
    ///   - bars: The bars, in the order they came.
    ///   - symbol: The name faults carry.
    ///   - lines: The source line of each bar (``LoadedCSV/lines``), put into each fault; `nil`
    ///     when the bars did not come from a file.
    ///   - options: The thresholds.
    /// - Returns: Every fault found, sorted by bar.
    /// - Precondition: `lines`, if given, has one entry per bar.
    /// - Complexity: O(n log n), plus O(n · w) for the spike check's window of w returns.
    public static func validate(
        _ bars: [Bar], symbol: String, lines: [Int]? = nil,
        options: ValidationOptions = .standard
    ) -> ValidationReport {
        precondition(lines == nil || lines?.count == bars.count, "validate: \(lines?.count ?? 0) lines for \(bars.count) bars")
        var faults: [DataFault] = []
        func report(_ kind: DataFaultKind, _ index: Int, _ detail: String) {
            faults.append(DataFault(kind: kind, symbol: symbol, barIndex: index, line: lines?[index], detail: detail))
        }
        for (index, bar) in bars.enumerated() { checkValues(bar) { report($0, index, $1) } }
        let sessionBreaks = checkTimes(bars, gapMultiple: options.gapMultiple, sessionBreaks: options.sessionBreaks, report: report)
        let detector = SpikeDetector(options: options)
        let spikes = detector.detect(bars) { report(.spike, $0, $1) }
        let notChecked = spikes.checked ? [] : [ValidationReport.SpikesNotChecked(symbol: symbol, returns: spikes.returns, needed: detector.minimumReturns)]
        return ValidationReport(faults: faults, barCount: bars.count, spikesNotChecked: notChecked, sessionBreaks: sessionBreaks)
    }

    /// Validates one symbol's series.
    /// - Parameters:
    ///   - series: The series.
    ///   - lines: The source line of each bar, or `nil`.
    ///   - options: The thresholds.
    public static func validate(_ series: BarSeries, lines: [Int]? = nil, options: ValidationOptions = .standard) -> ValidationReport {
        validate(series.bars, symbol: series.symbol.text, lines: lines, options: options)
    }

    /// Validates several symbols' series, each on its own, into one report.
    public static func validate(_ series: [BarSeries], options: ValidationOptions = .standard) -> ValidationReport {
        var report = ValidationReport()
        for one in series { report.merge(validate(one, options: options)) }
        return report
    }

    /// Validates the bars of a loaded file, with their lines.
    public static func validate(_ loaded: LoadedCSV, symbol: String, options: ValidationOptions = .standard) -> ValidationReport {
        validate(loaded.bars, symbol: symbol, lines: loaded.lines, options: options)
    }

    /// The faults of one bar's values.
    static func checkValues(_ bar: Bar, report: (DataFaultKind, String) -> Void) {
        let fields: KeyValuePairs<String, Double> = [
            "open": bar.open, "high": bar.high, "low": bar.low, "close": bar.close, "volume": bar.volume,
            "spread": bar.spreadBps, "liquidity": bar.liquidity,
        ]
        let nan = fields.filter { $0.value.isNaN }.map(\.key)
        if !nan.isEmpty { report(.notANumber, nan.joined(separator: ", ") + (nan.count == 1 ? " is NaN" : " are NaN")) }
        let infinite = fields.filter { $0.value.isInfinite }.map { "\($0.key) \($0.value)" }
        if !infinite.isEmpty { report(.infinite, infinite.joined(separator: ", ")) }
        let nonPositive = fields.prefix(4).filter { $0.value.isFinite && $0.value <= 0 }.map { "\($0.key) \($0.value)" }
        if !nonPositive.isEmpty { report(.nonPositivePrice, nonPositive.joined(separator: ", ")) }
        if bar.high < bar.low {
            report(.highBelowLow, "high \(bar.high) < low \(bar.low)")
        } else if bar.low <= bar.high {
            var outside: [String] = []
            for (name, price) in [("open", bar.open), ("close", bar.close)] {
                if price > bar.high { outside.append("\(name) \(price) > high \(bar.high)") }
                if price < bar.low { outside.append("\(name) \(price) < low \(bar.low)") }
            }
            if !outside.isEmpty { report(.priceOutsideRange, outside.joined(separator: ", ")) }
        }
        if bar.volume == 0 { report(.zeroVolume, "volume 0") }
        if bar.volume < 0 { report(.negativeVolume, "volume \(bar.volume)") }
    }

    /// Duplicates, out-of-order timestamps and gaps; returns how many long steps were session
    /// breaks (``SessionBreaks``) rather than gaps.
    @discardableResult
    static func checkTimes(_ bars: [Bar], gapMultiple: Double, sessionBreaks: Bool, report: (DataFaultKind, Int, String) -> Void) -> Int {
        guard bars.count > 1 else { return 0 }
        var steps: [Int64] = []
        for i in 1..<bars.count {
            let (step, overflow) = bars[i].time.nanoseconds.subtractingReportingOverflow(bars[i - 1].time.nanoseconds)
            if !overflow && step > 0 { steps.append(step) }
        }
        steps.sort()
        let median = steps.isEmpty ? nil : steps[steps.count / 2]
        var latest = bars[0].time
        var long: [SessionBreaks.LongStep] = []
        for i in 1..<bars.count {
            let time = bars[i].time
            let previous = bars[i - 1].time
            if time == previous {
                report(.duplicateTimestamp, i, "\(time) again")
            } else if time < previous {
                report(.outOfOrderTimestamp, i, "\(time) before the previous bar's \(previous)")
            } else if let median, Double(time.nanoseconds) - Double(latest.nanoseconds) > gapMultiple * Double(median) {
                long.append(SessionBreaks.LongStep(index: i, from: latest, to: time))
            }
            if time > latest { latest = time }
        }
        guard let median, !long.isEmpty else { return 0 }
        let breaks = sessionBreaks ? SessionBreaks.find(long, medianStep: median) : []
        for step in long where !breaks.contains(step.index) {
            let (nanoseconds, overflow) = step.to.nanoseconds.subtractingReportingOverflow(step.from.nanoseconds)
            let gap = overflow ? "\(Double(step.to.nanoseconds) - Double(step.from.nanoseconds)) ns" : "\(SimDuration(nanoseconds: nanoseconds))"
            report(.gap, step.index, "\(gap) after \(step.from), median step \(SimDuration(nanoseconds: median))")
        }
        return breaks.count
    }
}
