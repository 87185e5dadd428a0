import Foundation

/// The working state of one ``DataCorruption`` run: the bars, the series' median step, and the
/// time shift carried by the timestamp corruptions so far.
struct CorruptionInjector {
    private static let model = "DataCorruption"
    var bars: [Bar]
    /// The median step between consecutive timestamps of the clean input (≥ 1 ns).
    let medianStep: Int64
    /// Added to the time of every bar not yet visited.
    private var shift: Int64 = 0

    /// Checks that `bars` is clean (see ``DataCorruption``) and measures its median step.
    init(_ bars: [Bar]) throws(ParameterError) {
        let model = Self.model
        for (j, bar) in bars.enumerated() {
            for (name, x) in [("open", bar.open), ("high", bar.high), ("low", bar.low), ("close", bar.close)] where !(x.isFinite && x > 0) {
                throw ParameterError(model: model, parameter: "bars[\(j)].\(name)", value: x, allowed: "finite and > 0 (a clean series)")
            }
            guard bar.high >= bar.low else {
                throw ParameterError(model: model, parameter: "bars[\(j)].high", value: bar.high, allowed: "≥ low = \(bar.low) (a clean series)")
            }
            guard bar.volume.isFinite, bar.volume > 0 else {
                throw ParameterError(model: model, parameter: "bars[\(j)].volume", value: bar.volume, allowed: "finite and > 0 (a clean series)")
            }
            if j > 0, bar.time <= bars[j - 1].time {
                throw ParameterError(model: model, parameter: "bars[\(j)].time (ns)", value: Double(bar.time.nanoseconds),
                                     allowed: "> bars[\(j - 1)].time = \(bars[j - 1].time.nanoseconds) ns (a clean series)")
            }
        }
        self.bars = bars
        var steps: [Int64] = []
        steps.reserveCapacity(max(0, bars.count - 1))
        for j in bars.indices.dropFirst() {
            let (step, overflow) = bars[j].time.nanoseconds.subtractingReportingOverflow(bars[j - 1].time.nanoseconds)
            guard !overflow else { throw Self.clockError(j, bars[j].time) }
            steps.append(step)
        }
        steps.sort()
        medianStep = steps.isEmpty ? 1 : max(1, steps[steps.count / 2])
    }

    /// Moves bar `i` by the shift carried so far.
    mutating func carryShift(to i: Int) throws(ParameterError) {
        if shift != 0 { bars[i].time = try shifted(bars[i].time, by: shift, bar: i) }
    }

    /// Injects `kind` at bar `i` (whose time is already shifted), drawing the kind's details.
    ///
    /// - Returns: Whether bar `i`'s close was corrupted (a NaN close or a spike: the returns
    ///   into and out of it are then not clean), or `nil` when the corruption cannot be placed
    ///   (a spike that would not be finite).
    mutating func inject<C: ChoiceSource>(_ kind: DataFaultKind, at i: Int, choices: inout C) throws(ParameterError) -> Bool? {
        var bar = bars[i]
        // The step is the input's own (every earlier shift moved both bars alike), so it fits.
        let step = bar.time.nanoseconds &- bars[i - 1].time.nanoseconds
        var pollutes = false
        switch kind {
        case .notANumber:
            switch choices.index(below: 5) {
            case 0: bar.close = .nan; pollutes = true
            case 1: bar.open = .nan
            case 2: bar.high = .nan
            case 3: bar.low = .nan
            default: bar.volume = .nan
            }
        case .spike:
            guard let close = spikeClose(at: i) else { return nil }
            bar.close = close
            bar.high = max(bar.high, close)
            bar.low = min(bar.low, close)
            pollutes = true
        case .duplicateTimestamp:
            try move(&bar, by: -step, bar: i)
        case .gap:
            let (gap, overflow) = DataCorruption.gapSteps.multipliedReportingOverflow(by: medianStep)
            guard !overflow else { throw Self.clockError(i, bar.time) }
            try move(&bar, by: gap - step, bar: i)
        case .outOfOrderTimestamp:
            let (back, overflow) = (0 - step).subtractingReportingOverflow(max(1, medianStep / 2))
            guard !overflow else { throw Self.clockError(i, bar.time) }
            try move(&bar, by: back, bar: i)
        case .nonPositivePrice:
            bar.low = 0 - choices.fraction() * bar.low
        case .highBelowLow:
            (bar.high, bar.low) = (bar.low, bar.high > bar.low ? bar.high : bar.low * 1.001)
        case .zeroVolume:
            bar.volume = 0
        default:
            return nil  // not injectable; `DataCorruption.init` refuses these kinds
        }
        bars[i] = bar
        return pollutes
    }

    /// The spike's close at bar `i` (see ``DataCorruption``), or `nil` if it would not be finite.
    private func spikeClose(at i: Int) -> Double? {
        let w = DataCorruption.spikeWindowReturns
        let returns = ((i - w)..<i).map { bars[$0].logReturn(from: bars[$0 - 1]) }
        let mean = returns.reduce(0, +) / Double(w)
        let variance = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(w - 1)
        let size = max(DataCorruption.spikeSigmas * variance.squareRoot(), DataCorruption.minimumSpikeLogReturn)
        let close = bars[i - 1].close * exp(mean >= 0 ? mean + size : mean - size)
        return close.isFinite && close > 0 ? close : nil
    }

    /// Moves `bar` (bar `i`) and, through the carried shift, every later bar by `delta`.
    private mutating func move(_ bar: inout Bar, by delta: Int64, bar i: Int) throws(ParameterError) {
        bar.time = try shifted(bar.time, by: delta, bar: i)
        let (total, overflow) = shift.addingReportingOverflow(delta)
        guard !overflow else { throw Self.clockError(i, bar.time) }
        shift = total
    }

    private func shifted(_ time: SimTime, by delta: Int64, bar i: Int) throws(ParameterError) -> SimTime {
        let (ns, overflow) = time.nanoseconds.addingReportingOverflow(delta)
        guard !overflow else { throw Self.clockError(i, time) }
        return SimTime(nanoseconds: ns)
    }

    private static func clockError(_ i: Int, _ time: SimTime) -> ParameterError {
        ParameterError(model: model, parameter: "bars[\(i)].time (ns)", value: Double(time.nanoseconds),
                       allowed: "far enough from the clock's limits to take the injected time shifts")
    }
}
