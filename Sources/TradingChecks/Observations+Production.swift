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

    /// Learns the entries of `positions` (listed oldest first) and returns the positions as
    /// observed, renumbered: one pass, one search per position, each starting where the
    /// previous one ended.
    mutating func observe(_ positions: [HeldPosition]) -> [ObservedPosition] {
        var observed: [ObservedPosition] = []
        observed.reserveCapacity(positions.count)
        var from = 0, previous: UInt64 = 0
        for position in positions {
            if position.entry < previous { from = 0 }   // out of order: search everything
            previous = position.entry
            var index = place(of: position.entry, from: from)
            if index == seen.count || seen[index] != position.entry {
                guard index == seen.count else {
                    // A new entry below a known one (never seen with production): it renumbers
                    // the later entries, so learn them all, then number them all.
                    learnAll(positions)
                    return positions.map { renumbered($0, as: UInt64(place(of: $0.entry, from: 0))) }
                }
                seen.append(position.entry)
                index = seen.count - 1
            }
            observed.append(renumbered(position, as: UInt64(index)))
            from = index + 1
        }
        return observed
    }

    private mutating func learnAll(_ positions: [HeldPosition]) {
        for position in positions {
            let index = place(of: position.entry, from: 0)
            if index == seen.count || seen[index] != position.entry { seen.insert(position.entry, at: index) }
        }
    }

    /// Where `entry` is, or would go, in `seen`, searching from `from`.
    private func place(of entry: UInt64, from: Int) -> Int {
        var low = min(from, seen.count), high = seen.count
        if low > 0 && seen[low - 1] >= entry { low = 0 }
        while low < high {
            let mid = (low + high) / 2
            if seen[mid] < entry { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private func renumbered(_ position: HeldPosition, as number: UInt64) -> ObservedPosition {
        ObservedPosition(symbol: position.symbol, unrealizedPnL: position.unrealizedPnL, isMarked: position.isMarked, entry: number)
    }
}

extension PositionObservation {
    init(production machine: borrowing PositionManager, positions: [ObservedPosition], log: [PositionTransition]) {
        self.init(state: machine.state, count: machine.count, cap: machine.cap, excess: machine.excess, isForced: machine.isForced,
                  positions: positions, log: log)
    }
}
