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
    /// The upper quartile of the clean input's non-zero log return sizes (0 if there are none): an
    /// upper bound of the validator's "typical non-zero move" (their median, on the corrupted
    /// series, where NaN closes remove some returns and shift the median by a few places).
    let typicalNonZeroMove: Double

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
                throw ParameterError(
                    model: model, parameter: "bars[\(j)].time (ns)", value: Double(bar.time.nanoseconds),
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
        let moves = bars.indices.dropFirst().map { abs(bars[$0].logReturn(from: bars[$0 - 1])) }.filter { $0 > 0 }.sorted()
        typicalNonZeroMove = moves.isEmpty ? 0 : moves[moves.count * 3 / 4]
    }

    /// Moves bar `i` by the shift carried so far.
    mutating func carryShift(to i: Int) throws(ParameterError) {
        if shift != 0 { bars[i].time = try shifted(bars[i].time, by: shift, bar: i) }
    }

    /// Injects `kind` at bar `i` (whose time is already shifted), drawing the kind's details.
    ///
    /// - Returns: Whether bar `i`'s close was corrupted (a NaN close or a spike: the returns
    ///   into and out of it are then not clean), or `nil` when the corruption cannot be placed
    ///   (a spike that would not be finite, or a NaN close where `closeMayBreak` is false).
    mutating func inject<C: ChoiceSource>(_ kind: DataFaultKind, at i: Int, closeMayBreak: Bool, choices: inout C) throws(ParameterError) -> Bool? {
        var bar = bars[i]
        // The step is the input's own (every earlier shift moved both bars alike), so it fits.
        let step = bar.time.nanoseconds &- bars[i - 1].time.nanoseconds
        var pollutes = false
        switch kind {
        case .notANumber:
            switch choices.index(below: 5) {
            case 0:
                guard closeMayBreak else { return nil }
                bar.close = .nan
                pollutes = true
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
        let size = max(
            DataCorruption.spikeSigmas * variance.squareRoot(), DataCorruption.minimumSpikeLogReturn,
            DataCorruption.spikeSigmas * robustScale(around: i))
        let close = bars[i - 1].close * exp(mean >= 0 ? mean + size : mean - size)
        return close.isFinite && close > 0 ? close : nil
    }

    /// The robust scale of the returns around bar `i`, at least as a validator measures it: 1.4826 ×
    /// the upper quartile of the absolute log returns over the 100 returns before bar `i` or the 20 after bar `i + 1`
    /// (the spike's own reversal excluded), or the validator's floor (a share of the series'
    /// median non-zero move), whichever is larger. In a trending series with no
    /// noise the standard deviation is 0 but the returns are not, so the spike must also stand out
    /// against their size.
    private func robustScale(around i: Int) -> Double {
        /// The upper quartile, not the median: where a window is half zeros and half moves (a flat
        /// market after a crash), the validator's median flips between them with a few returns
        /// more or less (NaN closes remove some), and the spike must stand out against either.
        func median(_ r: Range<Int>) -> Double {
            let sizes = r.compactMap { j -> Double? in
                let x = bars[j].logReturn(from: bars[j - 1])
                return x.isFinite ? abs(x) : nil
            }.sorted()
            return sizes.isEmpty ? 0 : sizes[sizes.count * 3 / 4]
        }
        let before = median(max(1, i - 100)..<i)
        let after = i + 2 < bars.count ? median((i + 2)..<min(bars.count, i + 22)) : 0
        // The validator never takes σ̂ below a share of the series' typical non-zero move.
        return 1.482_602_218_505_602 * max(before, after, ValidationOptions.standard.spikeScaleFloor * typicalNonZeroMove)
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
        ParameterError(
            model: model, parameter: "bars[\(i)].time (ns)", value: Double(time.nanoseconds),
            allowed: "far enough from the clock's limits to take the injected time shifts")
    }
}
