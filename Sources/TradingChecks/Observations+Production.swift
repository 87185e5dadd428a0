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
    /// Every holding, sorted by symbol, built in one array.
    var observedHoldings: [ObservedHolding] {
        var holdings: [ObservedHolding] = []
        holdings.reserveCapacity(holdingCount)
        forEachHolding { holdings.append(ObservedHolding(symbol: $0, sector: $1, amount: $2)) }
        holdings.sort { $0.symbol < $1.symbol }
        return holdings
    }
}

extension SuperStateObservation {
    init(production machine: borrowing PortfolioSuperState) {
        let snapshot = machine.snapshot
        self.init(state: snapshot.state, limits: machine.limits, riskMultiplier: machine.riskMultiplier,
                  confirmations: snapshot.confirmations, lastClassification: snapshot.lastClassification, history: snapshot.history)
    }
}

extension TradingModeObservation {
    init(production machine: borrowing TradingMode) {
        let snapshot = machine.snapshot
        self.init(state: snapshot.state, isHalted: snapshot.isHalted, history: snapshot.history, routing: machine.submit())
    }
}

/// Entry numbers are an implementation detail: production draws them from a process-wide
/// counter, the model counts from 0. Only their order is a rule, so production's entries are
/// renumbered 0, 1, 2, … in the order they first appear, and keep that number for the case.
/// The counter only grows, so the entries seen form an append-only sorted array and a number is
/// a binary search (no hashing in the step loop).
struct EntryNumbering {
    private var seen: [UInt64] = []

    mutating func learn(_ positions: [HeldPosition]) {
        for position in positions where number(of: position.entry) == UInt64.max {
            if let last = seen.last, position.entry < last {
                // Not in increasing order: keep the array sorted (never seen with production).
                seen.insert(position.entry, at: seen.firstIndex { $0 > position.entry } ?? seen.count)
            } else {
                seen.append(position.entry)
            }
        }
    }

    func number(of entry: UInt64) -> UInt64 {
        var low = 0, high = seen.count
        while low < high {
            let mid = (low + high) / 2
            if seen[mid] < entry { low = mid + 1 } else { high = mid }
        }
        return low < seen.count && seen[low] == entry ? UInt64(low) : UInt64.max
    }

    func observation(of machine: PositionManager, positions: [HeldPosition], log: [PositionTransition]) -> PositionObservation {
        PositionObservation(state: machine.state, count: machine.count, cap: machine.cap, excess: machine.excess,
                            isForced: machine.isForced,
                            positions: positions.map {
                                ObservedPosition(symbol: $0.symbol, unrealizedPnL: $0.unrealizedPnL, isMarked: $0.isMarked,
                                                 entry: number(of: $0.entry))
                            },
                            log: log)
    }
}
