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

    /// The sector caps' book order check names holdings out of symbol order or a symbol held
    /// twice, and only that.
    @Test func sectorHoldingsOutOfOrderOrTwiceAreNamed() throws {
        var caps = SectorCaps()
        try caps.setPortfolioValue(1_000_000)
        _ = try caps.add(btc, amount: 1_000)
        _ = try caps.add(eth, amount: 1_000)
        #expect(caps.checkInvariants().isEmpty)
        var outOfOrder = caps
        outOfOrder.book.swapAt(0, 1)
        #expect(outOfOrder.checkInvariants() == ["holdings.sortedUnique"])
        var twice = caps
        twice.book[1].symbol = twice.book[0].symbol
        #expect(twice.checkInvariants() == ["holdings.sortedUnique"])
    }
}
