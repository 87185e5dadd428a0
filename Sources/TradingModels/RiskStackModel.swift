import TradingVocabulary

/// The reference model of the risk stack (`docs/machines.md` §5): the four layer models,
/// composed.
///
/// The stack holds no fact of its own besides the configuration a restart needs (the portfolio
/// value and the symbol table): every decision asks the layer models, in order, and every
/// change is made by applying a command to a layer model. An order is decided on copies of the
/// layers; only an accepted order writes the copies back, so a rejection cannot change anything
/// in any layer.
public struct RiskStackModel: Hashable, Sendable {
    /// The portfolio value `init()` uses: $100 000 (10 000 000¢), so 1% is 100 000¢.
    public static let defaultPortfolioValue: Cents = 10_000_000

    public private(set) var tradingMode: TradingModeModel
    public private(set) var superState: SuperStateModel
    public private(set) var positions: PositionModel
    public private(set) var sectorCaps: SectorCapsModel
    /// The portfolio value the process starts with; a restart gives it to the fresh sector caps.
    public let configuredPortfolioValue: Cents

    /// The documented initial state: every layer initial, portfolio value
    /// `defaultPortfolioValue`.
    public init() {
        // The default value is positive: the caps take it, or the model is wrong, said so.
        var caps = SectorCapsModel()
        let outcome = caps.apply(.setPortfolioValue(Self.defaultPortfolioValue))
        precondition(outcome == .done, "the sector-caps model refused the default portfolio value: \(outcome)")
        self.init(tradingMode: TradingModeModel(), superState: SuperStateModel(), positions: PositionModel(), sectorCaps: caps)
    }

    /// Every layer initial, with the given portfolio value and symbol table.
    ///
    /// - Throws: `.sectorCaps(.nonPositivePortfolioValue)` when the value is not positive.
    public init(portfolioValue: Cents, table: SymbolSectorTable = .default) throws(RiskStackError) {
        var caps = SectorCapsModel(table: table)
        if case .error(let error) = caps.apply(.setPortfolioValue(portfolioValue)) { throw .sectorCaps(error) }
        self.init(tradingMode: TradingModeModel(), superState: SuperStateModel(), positions: PositionModel(), sectorCaps: caps)
    }

    /// Composes a stack from four layer models.
    ///
    /// The sector caps' portfolio value becomes the configured value a restart uses. The halted
    /// flag of the trading mode is then set from the super-state, as on a restart (the
    /// super-state wins).
    ///
    /// - Precondition: the sector caps have a portfolio value, and positions and sector caps
    ///   hold the same symbols (a programmer error otherwise).
    public init(tradingMode: TradingModeModel, superState: SuperStateModel, positions: PositionModel, sectorCaps: SectorCapsModel) {
        guard let value = sectorCaps.portfolioValue else {
            preconditionFailure("RiskStackModel: the sector caps need a portfolio value")
        }
        precondition(
            Set(positions.positions.map(\.symbol)) == Set(sectorCaps.holdings.map(\.symbol)),
            "RiskStackModel: positions and sector caps must hold the same symbols")
        self.tradingMode = tradingMode
        self.superState = superState
        self.positions = positions
        self.sectorCaps = sectorCaps
        self.configuredPortfolioValue = value
        mirrorHalt()
    }

    /// The snapshot a differential check compares.
    public var observation: RiskStackObservation {
        RiskStackObservation(
            tradingMode: tradingMode.observation, superState: superState.observation,
            positions: positions.observation, sectorCaps: sectorCaps.observation)
    }

    /// Applies one input and returns what it produced.
    public mutating func apply(_ command: RiskStackCommand) -> RiskStackOutcome {
        switch command {
        case .submit(let symbol, let amount):
            return submit(symbol, amount)

        case .close(let symbol):
            var newPositions = positions
            var newCaps = sectorCaps
            if case .error(let error) = newPositions.apply(.close(symbol)) { return .error(.position(error)) }
            if case .error(let error) = newCaps.apply(.remove(symbol)) { return .error(.sectorCaps(error)) }
            (positions, sectorCaps) = (newPositions, newCaps)
            return .done

        case .adopt(let symbol, let value):
            var newPositions = positions
            var newCaps = sectorCaps
            if case .error(let error) = newPositions.apply(.adopt(symbol)) { return .error(.position(error)) }
            if case .error(let error) = newCaps.apply(.adopt(symbol, value: value)) { return .error(.sectorCaps(error)) }
            (positions, sectorCaps) = (newPositions, newCaps)
            return .done

        case .mark(let symbol, let pnl): return positionInput(.mark(symbol, unrealizedPnL: pnl))
        case .setCap(let cap): return positionInput(.setCap(cap))
        case .setForcedUnwind(let forced): return positionInput(.setForcedUnwind(forced))
        case .cycle: return positionInput(.cycle)

        case .markToMarket(let symbol, let value): return sectorCapsInput(.markToMarket(symbol, value: value))
        case .setPortfolioValue(let value): return sectorCapsInput(.setPortfolioValue(value))
        case .setLimits(let limits, let sector): return sectorCapsInput(.setLimits(limits, for: sector))
        case .setGroupLimit(let limit, let group): return sectorCapsInput(.setGroupLimit(limit, for: group))

        case .update(let v, let d, let l): return superStateInput(.update(volatility: v, drawdown: d, liquidity: l))
        case .halt: return superStateInput(.halt)
        case .resume: return superStateInput(.resume)

        case .enableDryRun: return modeInput(.enableDryRun)
        case .goLive(let confirmed): return modeInput(.goLive(confirmed: confirmed))
        case .pause: return modeInput(.pause)
        case .stop: return modeInput(.stop)

        case .restart:
            _ = superState.apply(.restart)
            _ = tradingMode.apply(.restart)
            restartUnpersistedLayers()
            return .restarted

        case .restartAfter(let fault, let file):
            // The faulty file first: when its reload refuses a corrupt file, nothing restarts.
            let report: RestartReport
            switch file {
            case .superState:
                guard case .faultyRestart(let r) = superState.apply(.restartAfter(fault)) else { preconditionFailure("restartAfter answers faultyRestart") }
                report = r
                guard !report.refusedCorruptFile else { return .faultyRestart(report) }
                _ = tradingMode.apply(.restart)
            case .tradingMode:
                guard case .faultyRestart(let r, _) = tradingMode.apply(.restartAfter(fault)) else { preconditionFailure("restartAfter answers faultyRestart") }
                report = r
                guard !report.refusedCorruptFile else { return .faultyRestart(report) }
                _ = superState.apply(.restart)
            }
            restartUnpersistedLayers()
            return .faultyRestart(report)
        }
    }

    /// After a reload: the halted flag follows the super-state; positions and holdings, never
    /// persisted, start empty with the configured portfolio value.
    private mutating func restartUnpersistedLayers() {
        mirrorHalt()
        positions = PositionModel()
        sectorCaps = SectorCapsModel(table: sectorCaps.table)
        _ = sectorCaps.apply(.setPortfolioValue(configuredPortfolioValue))
    }

    /// The order path: each layer in turn, on copies; the first refusal is the answer.
    private mutating func submit(_ symbol: Symbol, _ amount: Cents) -> RiskStackOutcome {
        if amount.value <= 0 { return .error(.nonPositiveAmount(amount)) }

        let route: OrderRoute
        switch tradingMode.routing {
        case .rejected(let reason): return .decision(.rejected(.tradingMode(reason)))
        case .routed(let r): route = r
        }

        var askSuperState = superState
        let deployed = sectorCaps.totalExposure
        let value = sectorCaps.portfolioValue ?? configuredPortfolioValue
        switch askSuperState.apply(.canOpen(size: amount, deployed: deployed, portfolioValue: value)) {
        case .decision(.rejected(let reason)): return .decision(.rejected(.superState(reason)))
        case .error(let error): preconditionFailure("the super-state refused canOpen with valid arguments: \(error)")
        default: break
        }

        var newPositions = positions
        if positions.holds(symbol) {
            // More of a held symbol: the count does not change, so only the state matters.
            switch positions.state {
            case .forcedUnwind: return .decision(.rejected(.positions(.forcedUnwind)))
            case .drain: return .decision(.rejected(.positions(.draining)))
            case .normal: break
            }
        } else {
            switch newPositions.apply(.open(symbol)) {
            case .decision(.rejected(let reason)): return .decision(.rejected(.positions(reason)))
            case .error(let error): preconditionFailure("position management refused to open \(symbol), which it does not hold: \(error)")
            default: break
            }
        }

        var newCaps = sectorCaps
        switch newCaps.apply(.add(symbol, amount: amount)) {
        case .decision(.rejected(let reason)): return .decision(.rejected(.sectorCaps(reason)))
        case .error(let error): preconditionFailure("sector caps refused an add the utilization bound keeps in range: \(error)")
        default: break
        }

        (positions, sectorCaps) = (newPositions, newCaps)
        return .decision(.accepted(route))
    }

    private mutating func positionInput(_ command: PositionCommand) -> RiskStackOutcome {
        switch positions.apply(command) {
        case .error(let error): .error(.position(error))
        case .transition(let t): .position(t)
        case .orders(let orders): .orders(orders)
        case .done, .decision: .done
        }
    }

    private mutating func sectorCapsInput(_ command: SectorCapsCommand) -> RiskStackOutcome {
        if case .error(let error) = sectorCaps.apply(command) { return .error(.sectorCaps(error)) }
        return .done
    }

    private mutating func superStateInput(_ command: SuperStateCommand) -> RiskStackOutcome {
        let outcome = superState.apply(command)
        mirrorHalt()
        switch outcome {
        case .error(let error): return .error(.superState(error))
        case .updated(let c, let t): return .updated(classification: c, transition: t)
        case .transition(let t): return .superState(t)
        case .decision, .restarted, .faultyRestart: return .done  // the stack never forwards a faulty restart
        }
    }

    private mutating func modeInput(_ command: TradingModeCommand) -> RiskStackOutcome {
        switch tradingMode.apply(command) {
        case .mode(let outcome): .mode(outcome)
        case .routing, .restarted, .faultyRestart: .done  // the stack never forwards a faulty restart
        }
    }

    /// The trading mode's halted flag follows the super-state: EMERGENCY_HALT sets it (and
    /// moves LIVE_ACTIVE to DRY_RUN), anything else clears it (never going live).
    private mutating func mirrorHalt() {
        _ = tradingMode.apply(.setHalted(superState.state == .emergencyHalt))
    }
}
