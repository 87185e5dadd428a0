import ExchangeSim
import ExchangeVocabulary
import MarketSim
import TradingMachines
import TradingVocabulary

/// One run in progress: every piece of state the executor's loop touches, advanced one bar at a
/// time by `step` (Run+Step.swift). A value: the whole run is a function of its inputs.
struct Run<S: Strategy, G: RiskGovernor> {
    let configuration: ExecutorConfiguration
    let mutation: ExecutorMutation
    /// Times the stack's decisions, when the caller asked (``ScenarioExecutor/decisionTimer``).
    let decisionTimer: DecisionTimer?
    let market: RunMarket
    let symbols: [Symbol]
    let scales: [SymbolScale]
    let faults: VenueFaults
    let schedule: VenueFaultSchedule
    let interval: SimDuration
    let start: SimTime

    var exchange: SimulatedExchange
    var stack: G
    var strategy: S
    var ledger: Ledger
    var feed: ConditionFeed

    /// Per symbol: the latest usable close in ticks (0: none yet), the latest usable bar (its
    /// `Double` close and time), the quote in force, the run of unusable bars.
    var closes: [Int64]
    var lastUsable: [Bar?]
    var quotes: [QuoteUpdate?]
    var badBars: [Int]
    /// Orders not yet terminal at the client, oldest first.
    var tracked: [TrackedOrder] = []
    var nextOrderID: UInt64 = 1
    /// The number the next decision to send an order gets (``SentOrder/decision``).
    var nextDecision = 0
    /// How many of the venue's fills the books have taken.
    var fillCursor = 0
    /// Per symbol, the round trip in progress.
    var trips: [OpenTrip?]

    /// The order router's copy of the trading mode (what exits are routed by).
    var routerMode: TradingModeState
    var routerHalted = false
    var previousConditions: Conditions?
    var drawdownAboveLimit = false
    var disconnectedSteps = 0
    var haltedAt: SimTime?
    var superStateSeen = 0
    var tradingModeSeen = 0
    var frozenBars: [Bar?]?

    /// The bar being stepped, and what the stack was reconciled to at its start: per symbol the
    /// exposure, the amounts accepted since, and the portfolio value.
    var bar = 0
    var reconciled: [Int64]
    var accepted: [Int64]
    var portfolioValue: Int64

    var now: SimTime
    var events: [RunEvent] = []
    var equityCurve: [EquityPoint] = []
    var exposure: ExposureSeries
    /// Each symbol's sector, by symbol index.
    let symbolSectors: [Sector]
    var violations = 0
    /// The venue's and the ledger's fill counts when `checkBooks` last found the books agreeing;
    /// nil when its last check found them apart. Each side's books change only by a fill
    /// (`SimulatedExchange.book`, `Ledger.book`): while neither count moves, both books are what
    /// they were, and agree still.
    var booksAgreedAt: (venueFills: Int, ledgerEntries: Int)?
    var goals: [StepStatus] = []
    var intents: [OrderIntent] = []
    /// The lots held per symbol, as the strategy's `PortfolioView` shows them: one buffer
    /// rewritten each bar, not an array built per bar.
    var positionLots: [Int64]
    var stepBars: [Bar?]
    /// Each symbol's market conditions at the bar being stepped (the phase's, or calm).
    var stepConditions: [MarketConditions]
    /// Whether the bar being stepped is in a phase with a venue outage.
    var phaseOutage = false
    /// The bars over which `stepConditions` and `phaseOutage` hold as they are (empty: none yet).
    var conditionsFrom = 0
    var conditionsUntil = 0

    init(
        market: RunMarket, faults: VenueFaults, schedule: VenueFaultSchedule, strategy: S,
        configuration: ExecutorConfiguration, mutation: ExecutorMutation, decisionTimer: DecisionTimer? = nil
    ) throws(StressRunError) {
        self.decisionTimer = decisionTimer
        symbols = market.series.map(\.symbol)
        scales = market.scales
        self.market = market
        self.faults = faults
        self.schedule = schedule
        self.configuration = configuration
        self.mutation = mutation
        interval = market.interval
        start = market.start
        now = market.start
        let venue = VenueConfiguration(
            instruments: symbols.map { Instrument(symbol: $0, kind: .spot, tickValue: SymbolScale.tickValue) },
            initialCash: configuration.initialCash, fees: configuration.fees, slippage: configuration.slippage,
            participation: configuration.participation, timeout: configuration.orderTimeout, cancelOnDisconnect: false,
            start: market.start)
        do { exchange = try SimulatedExchange(configuration: venue, capacity: 1_024) } catch { throw .venue(error) }
        do { stack = try G(portfolioValue: configuration.initialCash, table: market.sectorTable) } catch { throw .riskStack(String(describing: error)) }
        // Transitions a stack starts with (one that restores its own state) happened before the run.
        superStateSeen = stack.portfolioTransitionsDropped + stack.portfolioTransitions.count
        tradingModeSeen = stack.tradingModeTransitionsDropped + stack.tradingModeTransitions.count
        symbolSectors = symbols.map { market.sectorTable.sector(for: $0) }
        let held = Set(symbolSectors)
        // The sectors the run's symbols are in, in `Sector.allCases` order: the samples' rows
        // (looked up once: the table is fixed for the run).
        exposure = ExposureSeries(sectors: Sector.allCases.filter(held.contains))
        var prepared = strategy
        prepared.prepare(symbols: market.series.map(\.symbol))
        self.strategy = prepared
        let n = market.series.count
        ledger = Ledger(initialCash: configuration.initialCash, symbols: n, tickValue: SymbolScale.tickValue)
        feed = ConditionFeed(
            symbols: n, window: configuration.volatilityWindowBars, interval: interval,
            initialEquity: configuration.initialCash.value)
        closes = Array(repeating: 0, count: n)
        lastUsable = Array(repeating: nil, count: n)
        quotes = Array(repeating: nil, count: n)
        badBars = Array(repeating: 0, count: n)
        trips = Array(repeating: nil, count: n)
        reconciled = Array(repeating: 0, count: n)
        accepted = Array(repeating: 0, count: n)
        portfolioValue = configuration.initialCash.value
        stepBars = Array(repeating: nil, count: n)
        positionLots = Array(repeating: 0, count: n)
        stepConditions = Array(repeating: .calm, count: n)
        intents.reserveCapacity(4 * n)
        let steps = market.series.map(\.bars.count).max() ?? 0
        equityCurve.reserveCapacity(steps)
        exposure.reserveCapacity(steps)
        goals.reserveCapacity(steps)
        // The operator starts the bot: OFF → DRY_RUN → LIVE_ACTIVE, confirmed.
        stack.enableDryRun()
        stack.goLive(confirmed: true)
        routerMode = stack.tradingModeState
        recordTransitions()
    }

    /// The number of steps: the longest symbol's bar count.
    var stepCount: Int { market.series.map(\.bars.count).max() ?? 0 }

    /// Appends a violation (up to the configured number).
    mutating func violate(_ violation: SafetyViolation) {
        violations += 1
        guard violations <= configuration.maxRecordedViolations else { return }
        events.append(.violation(violation))
    }
}

/// An order the executor sent and the client does not yet know to be over.
struct TrackedOrder: Sendable {
    let id: ClientOrderID
    let symbol: Int
    let side: Side
    let quantity: Int64
    /// The decision that made it (``SentOrder/decision``).
    let decision: Int
    /// Lots of it the books have taken, and in how many fills.
    var booked: Int64 = 0
    var fills = 0
    var timedOutRecorded = false
}

/// A round trip in progress: when it opened, and the realized PnL and fees at that moment.
struct OpenTrip: Sendable {
    let opened: SimTime
    let realizedAtOpen: Int64
    var fees: Int64
}
