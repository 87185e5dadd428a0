import TradingMachines
import TradingModels
import TradingVocabulary

/// Production state mapped onto the models' observations, shared by the single-machine systems
/// and the risk-stack system.
extension SectorCapsObservation {
    init(production machine: borrowing SectorCaps) {
        self.init(
            portfolioValue: machine.portfolioValue,
            holdings: machine.observedHoldings,
            sectors: SectorRows {
                SectorStatus(sector: $0, exposure: machine.exposure(of: $0), limits: machine.limits(for: $0), health: machine.health(of: $0))
            },
            groups: PerGroup<GroupStatus> {
                GroupStatus(exposure: machine.exposure(of: $0), limit: machine.groupLimit(for: $0), health: machine.health(of: $0))
            },
            totalExposure: machine.totalExposure,
            overallHealth: machine.overallHealth)
    }
}

extension SectorCaps {
    /// Every holding in the order production lists them (by symbol: not sorted here, so that a
    /// book out of order is seen by the model's "holdings sorted and unique"), in one array.
    var observedHoldings: [ObservedHolding] {
        var holdings: [ObservedHolding] = []
        holdings.reserveCapacity(holdingCount)
        forEachHolding { holdings.append(ObservedHolding(symbol: $0, sector: $1, amount: $2)) }
        return holdings
    }
}

extension SuperStateObservation {
    init(production machine: borrowing PortfolioSuperState) {
        let snapshot = machine.snapshot
        self.init(
            state: snapshot.state, limits: machine.limits, riskMultiplier: machine.riskMultiplier,
            confirmations: snapshot.confirmations, lastClassification: snapshot.lastClassification, history: snapshot.history,
            historyDropped: snapshot.historyDropped)
    }
}

extension TradingModeObservation {
    init(production machine: borrowing TradingMode) {
        let snapshot = machine.snapshot
        self.init(
            state: snapshot.state, isHalted: snapshot.isHalted, history: snapshot.history, historyDropped: snapshot.historyDropped, routing: machine.submit())
    }
}

extension ObservedPosition {
    /// Production's position as observed. Entry numbers are compared as they are: production
    /// numbers the entries of each instance 0, 1, 2, … in order of entry, as the model does.
    init(production position: HeldPosition) {
        self.init(symbol: position.symbol, unrealizedPnL: position.unrealizedPnL, isMarked: position.isMarked, entry: position.entry)
    }
}

extension PositionObservation {
    init(production machine: borrowing PositionManager, positions: [ObservedPosition], log: [PositionTransition]) {
        self.init(
            state: machine.state, count: machine.count, cap: machine.cap, excess: machine.excess, isForced: machine.isForced,
            positions: positions, log: log)
    }
}
