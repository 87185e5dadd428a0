import TradingVocabulary

/// A whole crash scenario as one value: the symbols, the price model, the bar interval, how the
/// symbols move together, and the phases the market goes through.
///
/// Running it with a ``ChoiceSource`` gives the bars (``CrashSimulator/run(_:choices:)``): the
/// same scenario and the same choices give the same bars bit for bit; zero choices give the calm
/// path, in which each phase moves prices by exactly its `move` and nothing else happens.
public struct CrashScenario: Equatable, Sendable {
    /// The kind of crash (for reports; the phases say what happens).
    public var kind: CrashKind
    /// The symbols, e.g. `["BTC-USD", "ETH-USD"]`.
    public var symbols: [String]
    /// The price model of every symbol.
    public var model: PriceModelSpec
    /// The bar length.
    public var interval: SimDuration
    /// The correlation of every pair of symbols' shocks.
    public var correlation: Double
    /// What happens, in order.
    public var phases: [CrashPhase]
    /// The sectors whose symbols take the phases' `move` and `conditions`; the others take
    /// `marketMove` and `marketConditions`. Empty: every symbol is affected.
    public var affectedSectors: [Sector]
    /// The sector of each symbol, for `affectedSectors`.
    public var sectorTable: SymbolSectorTable
    /// Every symbol's first open.
    public var startPrice: Double
    /// The calm market's spread in basis points.
    public var baseSpreadBps: Double
    /// The calm market's volume per bar.
    public var baseVolume: Double
    /// The first bar's time.
    public var start: SimTime
    /// Windows in which a strategy's signal fails (model-failure scenarios); the executor applies
    /// them, the market itself is unaffected.
    public var signalFaults: [SignalFault] = []
    /// Applied, in order, to the market once its bars are made (data corruption, a correlation
    /// breakdown, …); their bar indices count from the scenario's first bar.
    public var transformers: [Transformer] = []

    /// A scenario with explicit phases.
    public init(
        kind: CrashKind, phases: [CrashPhase], symbols: [String] = ["BTC-USD"],
        model: PriceModelSpec = .gbm(drift: 0, volatility: 0.8), interval: SimDuration = .minutes(1),
        correlation: Double = 0.7, affectedSectors: [Sector] = [], sectorTable: SymbolSectorTable = .default,
        startPrice: Double = 100, baseSpreadBps: Double = 2, baseVolume: Double = 1000,
        start: SimTime = .simulationEpoch
    ) {
        self.kind = kind
        self.phases = phases
        self.symbols = symbols
        self.model = model
        self.interval = interval
        self.correlation = correlation
        self.affectedSectors = affectedSectors
        self.sectorTable = sectorTable
        self.startPrice = startPrice
        self.baseSpreadBps = baseSpreadBps
        self.baseVolume = baseVolume
        self.start = start
    }

    /// A scenario of one crash with `parameters` (each kind's defaults unless overridden).
    /// - Throws: ``ParameterError`` naming the crash parameter out of range.
    public init(
        _ parameters: CrashParameters, symbols: [String] = ["BTC-USD"],
        model: PriceModelSpec = .gbm(drift: 0, volatility: 0.8), interval: SimDuration = .minutes(1),
        correlation: Double = 0.7, startPrice: Double = 100
    ) throws(ParameterError) {
        self.init(
            kind: parameters.kind, phases: try parameters.phases(), symbols: symbols, model: model, interval: interval,
            correlation: correlation, affectedSectors: parameters.affectedSectors, startPrice: startPrice)
    }

    /// Whether `symbol` takes the phases' `move` and `conditions` (it is in an affected sector, or
    /// every symbol is affected), rather than their `marketMove` and `marketConditions`.
    public func affects(_ symbol: Symbol) -> Bool {
        affectedSectors.isEmpty || affectedSectors.contains(sectorTable.sector(for: symbol))
    }

    /// The number of bars of each phase: its duration over the interval, rounded up.
    public var barsPerPhase: [Int] {
        guard interval.nanoseconds > 0 else { return phases.map { _ in 0 } }
        return phases.map { phase in
            let n = phase.duration.nanoseconds
            return Int(n / interval.nanoseconds + (n % interval.nanoseconds == 0 ? 0 : 1))
        }
    }

    /// The simulated time the scenario covers.
    public var duration: SimDuration { interval * Int64(barsPerPhase.reduce(0, +)) }
}
