/// Data corruption: breaks a share of a clean series' bars in the ways real feeds break, and
/// lists every corruption with the fault a validator must report for it and the bar it shows at.
///
/// **Which bars.** Bars `1 ..< count` are candidates (bar 0 is never corrupted). For each, in
/// order, one choice decides by ``ChoiceSource/happens(probability:)`` with probability `share`
/// whether it is corrupted; if so a second choice picks the kind, `kinds[index(below:)]` (the
/// zero choice picks `kinds[0]`). So the zero choice means no corruption: with ``CalmChoices`` a
/// `share` below 1 corrupts nothing, and `share = 1` corrupts every bar the placement rules allow,
/// with `kinds[0]`. A drawn corruption that breaks a placement rule is dropped (its choices are
/// still consumed), so the injected share is somewhat below `share`:
///
/// - two corruptions are at least ``minimumSpacingBars`` bars apart, and the timestamp kinds
///   (each changes the one step into its bar) change fewer than half of the steps all together,
///   so the median step stays the series' own — a 3-bar series gets no timestamp corruption
///   (found by `fuzz-market`: with 2 steps, a gap was its own median);
/// - a spike needs the ``spikeWindowReturns`` returns before it to be clean: no NaN close and no
///   spike at bars `i − W − 1 … i − 1` (`W` = ``spikeWindowReturns``), and `i ≥ W + 1`;
/// - no NaN close in the `W + 1` bars after a spike (bars `i + 1 … i + W + 1`): a validator
///   measures a spike against the returns after it too, and a NaN close there merges two returns
///   into one twice as large (found by `fuzz-market`: NaN closes every third bar after a spike
///   raised the validator's scale until the spike no longer stood out).
///
/// **What each kind does to bar `i`, and where it shows.** Every kind is reported at bar `i`.
///
/// - ``DataFaultKind/notANumber``: one field becomes NaN, picked by a further choice from
///   close (the zero choice), open, high, low, volume. A NaN close also makes the returns into and
///   out of bar `i` NaN, which is why no spike is placed in the `W + 1` bars after it.
/// - ``DataFaultKind/spike``: the close is set so that bar `i`'s log return is `μ ± s`, where `μ`
///   and `σ` are the mean and sample standard deviation (denominator `W − 1`) of the `W` log
///   returns into bars `i − W … i − 1` (bar `i`'s own return excluded), and
///   `s = max(20·σ, 0.01, 20·ŝ)` (``spikeSigmas``, ``minimumSpikeLogReturn``), where `ŝ` is
///   1.4826 × the largest of: the upper quartile of the absolute returns over the 100 before bar
///   `i`, over the 20 after bar `i + 1`, and ¼ (the validator's floor share) of the clean input's
///   non-zero moves — so the spike also stands out against a validator's robust scale where the
///   standard deviation is 0 (a noise-free trend). The sign is `+` when `μ ≥ 0`, else `−`, so the
///   return is at least `s` from both `μ` and 0. A series that is constant apart from its spikes
///   has no typical move: there several spikes can hide each other from a validator. High (or low) is widened to cover the new close. The return into bar `i + 1` reverses the spike and may be reported as well.
/// - ``DataFaultKind/duplicateTimestamp``: bar `i`'s time becomes bar `i − 1`'s.
/// - ``DataFaultKind/gap``: the step into bar `i` becomes ``gapSteps`` × the series' median step
///   (bar `i` is the first bar after the gap).
/// - ``DataFaultKind/outOfOrderTimestamp``: bar `i`'s time becomes half a median step (at least
///   1 ns) before bar `i − 1`'s: bar `i` is the one whose time goes backwards. Bar `i + 1` comes
///   half a step after bar `i − 1`, so every bar time stays distinct and nothing after `i` is
///   out of order, even against the latest time seen so far.
/// - ``DataFaultKind/nonPositivePrice``: the low becomes `−f × low`, `f` a further choice's
///   ``ChoiceSource/fraction()`` (the zero choice gives a low of exactly 0). Open, close and the
///   returns are not touched.
/// - ``DataFaultKind/highBelowLow``: high and low are swapped (if they were equal the new low is
///   the old price × 1.001), so high < low; open and close then lie outside low…high, which a
///   validator may report too, at the same bar.
/// - ``DataFaultKind/zeroVolume``: the volume becomes 0.
///
/// **Time.** The three timestamp kinds move bars by shifting bar `i` *and every later bar* by the
/// same amount (no bar is removed or added), so every other step between timestamps stays exactly
/// what it was and the corruptions do not interact. Indices never change.
///
/// The input must be clean for the list to be exact: prices finite and positive, high ≥ low,
/// volume finite and positive, times strictly increasing; otherwise `apply(to:choices:)` throws.
/// Data corruption belongs last in a ``Mixed`` list (``Mixed`` enforces it): a later transformer
/// would move or hide what was injected.
public struct DataCorruption: SeriesTransformer {
    /// The probability that a candidate bar is corrupted, `0…1` (before the placement rules).
    public let share: Double
    /// The kinds to inject, drawn uniformly per corruption; the zero choice picks the first.
    /// Non-empty, each one of ``injectableKinds``; repeating a kind weights it.
    public let kinds: [DataFaultKind]

    /// The kinds this transformer can inject.
    public static let injectableKinds: [DataFaultKind] = [
        .notANumber, .spike, .duplicateTimestamp, .gap, .outOfOrderTimestamp, .nonPositivePrice, .highBelowLow, .zeroVolume,
    ]
    /// The least distance in bars between two corrupted bars.
    public static let minimumSpacingBars = 3
    /// `W`: how many clean log returns before a spike its size is measured against.
    public static let spikeWindowReturns = 20
    /// A spike's distance from the recent mean return, in recent standard deviations.
    public static let spikeSigmas = 20.0
    /// A spike's least distance from the recent mean return, in log terms (about 1%), for series
    /// whose recent returns barely vary.
    public static let minimumSpikeLogReturn = 0.01
    /// A gap's length, in median steps.
    public static let gapSteps: Int64 = 10

    /// - Throws: ``ParameterError`` naming `share`, `kinds` (empty) or `kinds[k]` (a kind that
    ///   cannot be injected).
    public init(share: Double, kinds: [DataFaultKind] = DataCorruption.injectableKinds) throws(ParameterError) {
        try ParameterError.require("DataCorruption", "share", share, "0 ≤ share ≤ 1") { $0 >= 0 && $0 <= 1 }
        try ParameterError.requireBars("DataCorruption", "kinds (count)", kinds.count, "at least 1 kind") { $0 >= 1 }
        for (k, kind) in kinds.enumerated() where !Self.injectableKinds.contains(kind) {
            throw ParameterError(
                model: "DataCorruption", parameter: "kinds[\(k)]", value: Double(k),
                allowed: "one of " + Self.injectableKinds.map(\.rawValue).joined(separator: ", ")
                    + " (got \(kind.rawValue))")
        }
        self.share = share
        self.kinds = kinds
    }

    /// Corrupts `series`, drawing from `choices` as described above.
    ///
    /// - Returns: The corrupted series and every corruption injected, in bar order.
    /// - Throws: ``ParameterError`` naming the first bar that is not clean, or a time that the
    ///   shifts would carry past the clock's range.
    public func apply<C: ChoiceSource>(to series: BarSeries, choices: inout C) throws(ParameterError) -> TransformResult {
        var injector = try CorruptionInjector(series.bars)
        var injected: [InjectedCorruption] = []
        var lastInjected = -Self.minimumSpacingBars
        var lastPolluted = -(Self.spikeWindowReturns + 2)
        var lastSpike = -(Self.spikeWindowReturns + 2)
        // Each timestamp corruption changes one step between timestamps (the one into its bar);
        // all together they change fewer than half of them, so the median step stays the
        // series' own even where the spacing rule alone would not (a 3-bar series has 2 steps).
        let stepBudget = max(0, injector.bars.count - 2) / 2
        var stepsChanged = 0
        for i in injector.bars.indices.dropFirst() {
            try injector.carryShift(to: i)
            guard choices.happens(probability: share) else { continue }
            let kind = kinds[choices.index(below: kinds.count)]
            guard i - lastInjected >= Self.minimumSpacingBars else { continue }
            let changesSteps = [.gap, .duplicateTimestamp, .outOfOrderTimestamp].contains(kind)
            if changesSteps {
                guard stepsChanged < stepBudget else { continue }
                stepsChanged += 1
            }
            if kind == .spike {
                let w = Self.spikeWindowReturns
                guard i >= w + 1, i - lastPolluted >= w + 2 else { continue }
            }
            let closeMayBreak = i - lastSpike > Self.spikeWindowReturns + 1
            guard let pollutes = try injector.inject(kind, at: i, closeMayBreak: closeMayBreak, choices: &choices) else { continue }
            injected.append(InjectedCorruption(symbol: series.symbol, barIndex: i, kind: kind))
            lastInjected = i
            if pollutes { lastPolluted = i }
            if kind == .spike { lastSpike = i }
        }
        return TransformResult(series: BarSeries(symbol: series.symbol, bars: injector.bars), corruptions: injected)
    }
}
