import TradingMachines
import TradingModels
import TradingVocabulary

/// Production state mapped onto the models' observations, shared by the single-machine systems
/// and the risk-stack system.
extension SectorCapsObservation {
    init(production machine: SectorCaps) {
        self.init(
            portfolioValue: machine.portfolioValue,
            holdings: machine.holdings.map { ObservedHolding(symbol: $0.symbol, sector: $0.sector, amount: $0.amount) }
                .sorted { $0.symbol < $1.symbol },
            sectorExposures: Sector.allCases.map { machine.exposure(of: $0) },
            groupExposures: SectorGroup.allCases.map { machine.exposure(of: $0) },
            totalExposure: machine.totalExposure,
            sectorLimits: Sector.allCases.map { machine.limits(for: $0) },
            groupLimits: SectorGroup.allCases.map { machine.groupLimit(for: $0) },
            sectorHealths: Sector.allCases.map { machine.health(of: $0) },
            groupHealths: SectorGroup.allCases.map { machine.health(of: $0) },
            overallHealth: machine.overallHealth)
    }
}

extension SuperStateObservation {
    init(production machine: PortfolioSuperState) {
        let snapshot = machine.snapshot
        self.init(state: snapshot.state, limits: machine.limits, riskMultiplier: machine.riskMultiplier,
                  confirmations: snapshot.confirmations, lastClassification: snapshot.lastClassification, history: snapshot.history)
    }
}

extension TradingModeObservation {
    init(production machine: TradingMode) {
        let snapshot = machine.snapshot
        self.init(state: snapshot.state, isHalted: snapshot.isHalted, history: snapshot.history, routing: machine.submit())
    }
}

/// Entry numbers are an implementation detail: production draws them from a process-wide
/// counter, the model counts from 0. Only their order is a rule, so production's entries are
/// renumbered 0, 1, 2, … in the order they first appear, and keep that number for the case.
struct EntryNumbering {
    private var numbers: [UInt64: UInt64] = [:]

    mutating func learn(_ positions: [HeldPosition]) {
        for entry in positions.map(\.entry).sorted() where numbers[entry] == nil {
            numbers[entry] = UInt64(numbers.count)
        }
    }

    func observation(of machine: PositionManager, log: [PositionTransition]) -> PositionObservation {
        PositionObservation(state: machine.state, count: machine.count, cap: machine.cap, excess: machine.excess,
                            isForced: machine.isForced,
                            positions: machine.positions.map {
                                ObservedPosition(symbol: $0.symbol, unrealizedPnL: $0.unrealizedPnL, isMarked: $0.isMarked,
                                                 entry: numbers[$0.entry] ?? UInt64.max)
                            },
                            log: log)
    }
}
