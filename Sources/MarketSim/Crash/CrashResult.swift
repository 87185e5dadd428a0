/// What a crash run produced: every symbol's bars, where each phase lies, and the summaries.
public struct CrashResult: Sendable {
    /// The scenario that was run.
    public let scenario: CrashScenario
    /// Every symbol's bars, in the scenario's symbol order.
    public let series: [BarSeries]
    /// Where each phase that lasted any time lies in the bars.
    public let phases: [PhaseSpan]
    /// Per symbol: drawdown, trough, recovery — of the market before data corruption. Computed
    /// on each access (a sort per symbol): the executor never needs it, reports read it once.
    public var summaries: [CrashSummary] { (market ?? series).map { CrashSummary($0, phases: phases, interval: scenario.interval) } }
    /// The series before data corruption, when a transformer corrupted them.
    private let market: [BarSeries]?
    /// Per phase span: its bars, and the conditions of the symbols the scenario affects and of
    /// the others; per symbol: whether the scenario affects it. (`conditions` reads these.)
    private let spanBars: [Range<Int>]
    private let spanConditions: [(affected: MarketConditions, market: MarketConditions)]
    private let affected: [Bool]
    /// What the scenario's data-corruption transformers injected, with the bar each shows at.
    public let corruptions: [InjectedCorruption]
    /// The transformers left out because they refused the market (only when run with
    /// `skippingRefusals`).
    public let skippedTransformers: [SkippedTransformer]

    /// - Parameter market: what the summaries measure: the series before any data corruption
    ///   (a feed fault, not a market move); `series` when there is none.
    init(
        scenario: CrashScenario, series: [BarSeries], market: [BarSeries]? = nil, phases: [PhaseSpan],
        corruptions: [InjectedCorruption] = [], skippedTransformers: [SkippedTransformer] = []
    ) {
        self.scenario = scenario
        self.series = series
        self.phases = phases
        self.corruptions = corruptions
        self.skippedTransformers = skippedTransformers
        self.market = market
        spanBars = phases.map(\.bars)
        spanConditions = phases.map { span in
            let phase = scenario.phases[span.phaseIndex]
            return (phase.conditions, phase.marketConditions ?? phase.conditions)
        }
        affected = series.map { scenario.affects($0.symbol) }
    }

    /// The simulated time covered.
    public var simulatedDuration: SimDuration { scenario.duration }

    /// The hash of every bar of every symbol: the determinism self-check compares it across runs.
    public var fingerprint: Fingerprint {
        var f = Fingerprint()
        for s in series { f.combine(s) }
        return f
    }

    /// The phase a bar belongs to.
    public func phase(atBar bar: Int) -> PhaseSpan? { phases.first { $0.bars.contains(bar) } }

    /// The conditions of symbol `symbolIndex` at bar `bar` (calm outside the run).
    /// Read for every symbol at every bar of a run, so it looks up tables made once by `init`
    /// (no phase or symbol copied, no sector hashed).
    public func conditions(symbolIndex: Int, bar: Int) -> MarketConditions {
        for (j, bars) in spanBars.enumerated() where bars.contains(bar) {
            return affected[symbolIndex] ? spanConditions[j].affected : spanConditions[j].market
        }
        return .calm
    }
}

/// Where one phase lies in a run's bars.
public struct PhaseSpan: Hashable, Sendable {
    public let name: String
    /// The phase's bars (the same indices in every symbol's series).
    public let bars: Range<Int>
    /// The first bar's time and the time just after the last bar.
    public let start: SimTime
    public let end: SimTime
    /// The phase's index in the scenario's `phases`.
    public let phaseIndex: Int
}

/// A transformer that refused the market it was given, and why.
public struct SkippedTransformer: Hashable, Sendable {
    /// Its index in the scenario's `transformers`.
    public let index: Int
    public let error: ParameterError
}
