import Testing
@testable import TradingMachines
import TradingVocabulary

/// Under `swift test` (a debug build) every production machine checks its invariants after every
/// input, and a broken one stops the process with the invariants named.
@Suite struct InvariantCheckingTests {
    @Test func theChecksAreCompiledIntoThisBuild() {
        #expect(invariantChecksEnabled)
    }

    @Test func aBrokenInvariantStopsTheNextInput() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var machine = PositionManager()
            machine.state = .drain  // DRAIN with no excess: "state.matchesDerived" no longer holds
            // An input that changes nothing (refused: not held) still ends with the check.
            #expect(throws: PositionError.self) { try machine.mark(btc, unrealizedPnL: 1) }
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("PositionManager: invariants broken after an input: state.matchesDerived"), "\(message)")
    }

    /// The trading mode and the super-state read each history entry once, just after it was
    /// appended: an entry broken since the last check is still found by the next input.
    @Test func aBrokenHistoryEntryStopsTheNextInput() async {
        let mode = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var machine = TradingMode()
            machine.enableDryRun()
            machine.history.append(TradingModeTransition(from: .off, to: .liveActive, cause: .goLive))  // does not chain, OFF → LIVE
            machine.pause()  // refused from DRY_RUN: changes nothing, still ends with the check
        }
        let modeMessage = String(decoding: mode?.standardErrorContent ?? [], as: UTF8.self)
        #expect(
            modeMessage.contains("TradingMode: invariants broken after an input: history.chains, history.endsAtState, history.noOffToLive"), "\(modeMessage)")
        let superState = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var machine = PortfolioSuperState()
            machine.halt()
            machine.history.append(SuperStateTransition(from: .emergencyHalt, to: .normal, cause: .resume))  // not allowed
            machine.halt()
        }
        let superMessage = String(decoding: superState?.standardErrorContent ?? [], as: UTF8.self)
        #expect(superMessage.contains("PortfolioSuperState: invariants broken after an input: history.allowedTransitions"), "\(superMessage)")
    }

    /// The book's order checks name a duplicate entry number, an entry out of order, a symbol
    /// held twice, and only that.
    @Test func aBookOutOfOrderOrWithDuplicatesIsNamed() throws {
        var machine = PositionManager()
        _ = try machine.open(btc)
        _ = try machine.open(eth)
        #expect(machine.checkInvariants().isEmpty)
        var duplicateEntry = machine
        duplicateEntry.book[1].entry = duplicateEntry.book[0].entry
        #expect(duplicateEntry.checkInvariants() == ["entries.ascending"])
        var outOfOrder = machine
        outOfOrder.book.swapAt(0, 1)
        #expect(outOfOrder.checkInvariants() == ["entries.ascending"])
        var heldTwice = machine
        heldTwice.book[1].symbol = btc
        #expect(heldTwice.checkInvariants() == ["symbols.unique"])
    }

    /// Sector caps with a portfolio value of 1 000 000 ¢ holding BTC and ETH.
    static func sectorCapsHolding(btc btcAmount: Int64, eth ethAmount: Int64) throws -> SectorCaps {
        var caps = SectorCaps()
        try caps.setPortfolioValue(1_000_000)
        _ = try caps.add(btc, amount: Cents(btcAmount))
        _ = try caps.add(eth, amount: Cents(ethAmount))
        return caps
    }

    /// The sector caps' book order check names holdings out of symbol order or a symbol held
    /// twice, and only that.
    @Test func sectorHoldingsOutOfOrderOrTwiceAreNamed() throws {
        let caps = try Self.sectorCapsHolding(btc: 1_000, eth: 1_000)
        #expect(caps.checkInvariants().isEmpty)
        var outOfOrder = caps
        outOfOrder.book.swapAt(0, 1)
        #expect(outOfOrder.checkInvariants() == ["holdings.sortedUnique"])
        var twice = caps
        twice.book[1].symbol = twice.book[0].symbol
        #expect(twice.checkInvariants() == ["holdings.sortedUnique"])
    }

    /// Every other rule of the sector caps' check is named when its part of the state is
    /// corrupted, and only the rules that part breaks; each limit is accepted at its bound and
    /// refused one unit past it. (The check folds differences and signs into one comparison
    /// per rule: this is what holds it to the rules.)
    @Test func everySectorCapsRuleIsNamedWhenItsStateIsCorrupted() throws {
        let caps = try Self.sectorCapsHolding(btc: 1_000, eth: 2_000)
        #expect(caps.checkInvariants().isEmpty)
        func broken(_ corrupt: (inout SectorCaps) -> Void) -> [String] {
            var copy = caps
            corrupt(&copy)
            return copy.checkInvariants()
        }
        let grouped = Sector.defiDEX.index
        let ungrouped = try #require(Sector.allCases.first { $0.group == nil && caps.exposure(of: $0) == 0 }).index
        let defi = SectorGroup.defi.index
        #expect(broken { $0.sectorTotals[ungrouped] += 1 } == ["exposure.sectorIsSumOfHoldings", "exposure.totalIsSumOfSectors"])
        #expect(
            broken { $0.sectorTotals[grouped] += 1 }
                == ["exposure.sectorIsSumOfHoldings", "exposure.groupIsSumOfSectors", "exposure.totalIsSumOfSectors"])
        #expect(broken { $0.groupTotals[defi] += 1 } == ["exposure.groupIsSumOfSectors"])
        #expect(broken { $0.total += 1 } == ["exposure.totalIsSumOfSectors"])
        #expect(broken { $0.total = -1 } == ["exposure.totalIsSumOfSectors", "exposure.nonNegative"])
        #expect(broken { $0.groupTotals[defi] = -1 } == ["exposure.groupIsSumOfSectors", "exposure.nonNegative"])
        #expect(
            broken { $0.sectorTotals[ungrouped] = -1 }
                == ["exposure.sectorIsSumOfHoldings", "exposure.totalIsSumOfSectors", "exposure.nonNegative"])
        // A holding's amount feeds only the recount of its sector (the totals are production's own).
        #expect(broken { $0.book[0].amount = Cents(-1) } == ["exposure.sectorIsSumOfHoldings", "exposure.nonNegative"])
        // 0 ≤ soft ≤ hard ≤ 100% for a sector, 0 ≤ limit ≤ 100% for a group: at each bound and one past.
        func limits(_ soft: Int64, _ hard: Int64) -> [String] {
            broken { $0.sectorLimits[ungrouped] = SectorLimits(soft: BasisPoints(soft), hard: BasisPoints(hard)) }
        }
        #expect(limits(0, 0).isEmpty && limits(10_000, 10_000).isEmpty && limits(3_000, 3_000).isEmpty)
        #expect(limits(-1, 5_000) == ["limits.valid"])
        #expect(limits(3_001, 3_000) == ["limits.valid"])
        #expect(limits(5_000, 10_001) == ["limits.valid"])
        #expect(limits(Int64.min, Int64.max) == ["limits.valid"] && limits(Int64.max, Int64.min) == ["limits.valid"])
        func groupLimit(_ value: Int64) -> [String] { broken { $0.groupLimits[defi] = BasisPoints(value) } }
        #expect(groupLimit(0).isEmpty && groupLimit(10_000).isEmpty)
        #expect(groupLimit(-1) == ["limits.valid"] && groupLimit(10_001) == ["limits.valid"] && groupLimit(Int64.min) == ["limits.valid"])
    }
}
