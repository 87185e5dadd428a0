import Foundation
import Testing
import TradingMachines
import TradingVocabulary

/// A fresh empty directory for one test.
func temporaryDirectory() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("stresscheck-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
}

@Suite struct PersistenceTests {
    /// A super-state with every kind of history entry.
    func busySuperState() throws -> PortfolioSuperState {
        var machine = PortfolioSuperState()
        try machine.update(volatility: 0.04, drawdown: 0, liquidity: 1)
        try machine.update(volatility: 0.5, drawdown: 0, liquidity: 1)
        try machine.update(volatility: 0, drawdown: 0, liquidity: 1)
        try machine.update(volatility: 0, drawdown: 0, liquidity: 1)
        machine.halt()
        try machine.resume()
        try machine.update(volatility: 0.01, drawdown: 0.06, liquidity: 1)
        return machine
    }

    @Test func superStateRoundTripsExactly() throws {
        let directory = try temporaryDirectory()
        let store = SuperStateStore(path: directory + "/super-state.json")
        let machine = try busySuperState()
        #expect(machine.state == .recovery)
        #expect(machine.confirmations == 1)
        try store.save(machine.snapshot)
        let loaded = try store.load()
        #expect(loaded == machine.snapshot)
        #expect(try PortfolioSuperState(restoring: loaded).snapshot == machine.snapshot)
    }

    @Test func tradingModeRoundTripsExactly() throws {
        let directory = try temporaryDirectory()
        let store = TradingModeStore(path: directory + "/mode.json")
        var mode = TradingMode()
        mode.enableDryRun()
        mode.goLive(confirmed: true)
        mode.setHalted(true)
        try store.save(mode.snapshot)
        #expect(try store.load() == mode.snapshot)
        #expect(try store.load().isHalted)
    }

    /// The histories are bounded: the latest `historyLimit` entries are kept, the others counted;
    /// the count is saved and loaded with them, and a machine with a smaller limit keeps the
    /// latest of a longer saved history.
    @Test func boundedHistoriesRoundTripWithTheirDroppedCount() throws {
        let directory = try temporaryDirectory()
        let store = SuperStateStore(path: directory + "/super-state.json")
        var machine = PortfolioSuperState(historyLimit: 3)
        #expect(PortfolioSuperState().historyLimit == PortfolioSuperState.defaultHistoryLimit)
        for _ in 0..<5 {
            try machine.update(volatility: 0.5, drawdown: 0, liquidity: 1)
            try machine.update(volatility: 0, drawdown: 0, liquidity: 1)
        }
        // NORMAL → CRISIS → RECOVERY, then CRISIS ↔ RECOVERY: 10 changes, the latest 3 kept.
        #expect(machine.history.count == 3 && machine.historyDropped == 7)
        #expect(machine.history.last == SuperStateTransition(from: .crisis, to: .recovery, cause: .update(.normal)))
        #expect(machine.checkInvariants() == [])
        try store.save(machine.snapshot)
        #expect(try String(contentsOfFile: directory + "/super-state.json", encoding: .utf8).contains(#""historyDropped":7"#))
        let loaded = try store.load()
        #expect(loaded == machine.snapshot)
        let smaller = try PortfolioSuperState(restoring: loaded, historyLimit: 1)
        #expect(smaller.history == [machine.history[2]] && smaller.historyDropped == 9 && smaller.state == machine.state)

        let modeStore = TradingModeStore(path: directory + "/mode.json")
        var mode = TradingMode(historyLimit: 2)
        for _ in 0..<3 {
            mode.enableDryRun()
            mode.stop()
        }
        mode.enableDryRun()
        mode.goLive(confirmed: true)
        #expect(mode.history.count == 2 && mode.historyDropped == 6 && mode.checkInvariants() == [])
        try modeStore.save(mode.snapshot)
        // The restart's LIVE_ACTIVE → DRY_RUN pushes the oldest kept entry out.
        let restarted = try TradingMode(restarting: try modeStore.load(), historyLimit: 2)
        #expect(restarted.historyDropped == 7 && restarted.history.first == mode.history.last && restarted.state == .dryRun)
        #expect(restarted.checkInvariants() == [])
    }

    /// A dropped count that cannot be (negative, or with no entry kept) is refused.
    @Test func anImpossibleDroppedCountIsRefused() {
        let negative = SuperStateSnapshot(state: .normal, confirmations: 0, lastClassification: nil, history: [], historyDropped: -1)
        #expect(negative.violations() == ["history.droppedCount"])
        let emptied = TradingModeSnapshot(state: .off, isHalted: false, history: [], historyDropped: 2)
        #expect(emptied.violations() == ["history.droppedCount"])
        #expect(throws: InvalidSnapshot(violations: ["history.droppedCount"])) { try TradingMode(restarting: emptied) }
        // A count so large that counting on would overflow: refused, not a trap at the next transition.
        let entry = [SuperStateTransition(from: .normal, to: .crisis, cause: .update(.crisis))]
        let atBound = SuperStateSnapshot(state: .crisis, confirmations: 0, lastClassification: .crisis, history: entry, historyDropped: 1 << 62)
        #expect(atBound.violations() == [])
        let huge = SuperStateSnapshot(state: .crisis, confirmations: 0, lastClassification: .crisis, history: entry, historyDropped: Int.max)
        #expect(huge.violations() == ["history.droppedCount"])
        #expect(throws: InvalidSnapshot(violations: ["history.droppedCount"])) { try PortfolioSuperState(restoring: huge, historyLimit: 1) }
        var restored = try? PortfolioSuperState(restoring: atBound, historyLimit: 1)
        _ = try? restored?.update(volatility: 0, drawdown: 0, liquidity: 1)
        // Counted up to the bound and no further: its own save restores.
        #expect(restored?.historyDropped == 1 << 62 && restored?.history.count == 1)
        #expect(restored?.snapshot.violations() == [])
    }

    @Test func missingFileGivesTheDocumentedDefault() throws {
        let directory = try temporaryDirectory()
        #expect(try SuperStateStore(path: directory + "/none.json").load() == .initial)
        #expect(try TradingModeStore(path: directory + "/none.json").load() == TradingModeSnapshot(state: .off, isHalted: false, history: []))
    }

    @Test func aMissingDirectoryIsAnErrorNotADefault() throws {
        let directory = try temporaryDirectory() + "/not-created"
        let path = directory + "/super-state.json"
        #expect(throws: PersistenceError(path: path, kind: .missingDirectory(directory))) { try SuperStateStore(path: path).load() }
        #expect(throws: PersistenceError(path: directory + "/mode.json", kind: .missingDirectory(directory))) {
            try TradingModeStore(path: directory + "/mode.json").load()
        }
        // A regular file where the directory should be: the open fails with ENOTDIR, said so.
        let file = try temporaryDirectory() + "/plain"
        try SuperStateStore(path: file).save(.initial)
        #expect(throws: PersistenceError(path: file + "/x.json", kind: .unreadable(ENOTDIR))) { try SuperStateStore(path: file + "/x.json").load() }
    }

    @Test func badFilesAreTypedErrorsNamingTheFile() throws {
        let directory = try temporaryDirectory()
        let path = directory + "/super-state.json"
        let store = SuperStateStore(path: path)
        try store.save(try busySuperState().snapshot)
        let good = try Data(contentsOf: URL(fileURLWithPath: path))

        func load(_ contents: Data) throws -> PersistenceError.Kind? {
            try contents.write(to: URL(fileURLWithPath: path))
            do {
                _ = try store.load()
                return nil
            } catch {
                #expect(error.path == path)
                #expect(error.description.contains(path))
                return error.kind
            }
        }

        guard case .corrupted = try load(Data("garbage \u{0}\u{1}".utf8)) else {
            Issue.record("garbage")
            return
        }
        guard case .corrupted = try load(good.prefix(good.count / 2)) else {
            Issue.record("truncated")
            return
        }
        guard case .corrupted = try load(Data()) else {
            Issue.record("empty")
            return
        }
        #expect(try load(Data(#"{"format":"stresscheck.trading-mode","version":1}"#.utf8)) == .foreign("stresscheck.trading-mode"))
        #expect(try load(Data(#"{"hello":"world"}"#.utf8)) == .foreign(nil))
        #expect(try load(Data(#"{"format":"stresscheck.super-state","version":2}"#.utf8)) == .unsupportedVersion(2))
        let forbidden =
            #"{"format":"stresscheck.super-state","version":1,"snapshot":{"state":"normal","confirmations":0,"history":[{"from":"normal","to":"crisis","cause":{"halt":{}}},{"from":"crisis","to":"normal","cause":{"halt":{}}}]}}"#
        #expect(try load(Data(forbidden.utf8)) == .corrupted("inconsistent: history.allowedTransitions"))
        let unknownState = String(decoding: good, as: UTF8.self).replacingOccurrences(of: "\"state\":\"recovery\"", with: "\"state\":\"panic\"")
        guard case .corrupted = try load(Data(unknownState.utf8)) else {
            Issue.record("unknown state")
            return
        }
        // The good file still loads once restored: nothing was reset along the way.
        try good.write(to: URL(fileURLWithPath: path))
        #expect(try store.load() == (try busySuperState()).snapshot)
    }

    @Test(arguments: WriteStep.allCases)
    func aWriteKilledAtAnyStepLosesNothing(step: WriteStep) throws {
        let directory = try temporaryDirectory()
        let path = directory + "/super-state.json"
        let fileSystem = FaultyFileSystem()
        let store = SuperStateStore(path: path, fileSystem: fileSystem)
        var machine = PortfolioSuperState()
        try machine.update(volatility: 0.04, drawdown: 0, liquidity: 1)
        let old = machine.snapshot
        try store.save(old)
        machine.halt()
        let new = machine.snapshot

        fileSystem.fail(at: step)
        #expect(throws: PersistenceError(path: path, kind: .writeFailed(step, step == .write ? 28 : 5))) { try store.save(new) }
        fileSystem.fail(at: nil)

        // Before the rename the old file is untouched; after it the new one is complete.
        #expect(try store.load() == (step == .syncDirectory ? new : old))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(leftovers == ["super-state.json"])
        try store.save(new)
        #expect(try store.load() == new)
    }

    @Test func sharedStackKeepsAHaltInMemoryWhenTheDiskFailsAndSavesLater() throws {
        let directory = try temporaryDirectory()
        let fileSystem = FaultyFileSystem()
        let persistence = RiskStackPersistence(
            superState: SuperStateStore(path: directory + "/super.json", fileSystem: fileSystem),
            tradingMode: TradingModeStore(path: directory + "/mode.json", fileSystem: fileSystem))
        let shared = try SharedRiskStack(restoringFrom: persistence, portfolioValue: 1_000_000)
        #expect(shared.isDurable)
        try shared.apply { $0.enableDryRun() }
        try shared.apply { $0.goLive(confirmed: true) }
        #expect(try persistence.tradingMode.load().state == .liveActive)

        fileSystem.fail(at: .rename)
        #expect(throws: SharedRiskStackError.persistence(PersistenceError(path: directory + "/super.json", kind: .writeFailed(.rename, 5)))) {
            try shared.apply { $0.halt() }
        }
        #expect(shared.withStack { $0.superState.state } == .emergencyHalt)  // the halt holds
        #expect(shared.withStack { $0.tradingMode.state } == .dryRun)
        #expect(!shared.isDurable)
        #expect(try persistence.superState.load().state == .normal)  // old file intact

        fileSystem.fail(at: nil)
        try shared.saveNow()
        #expect(shared.isDurable)
        let restarted = try SharedRiskStack(restoringFrom: persistence, portfolioValue: 1_000_000)
        #expect(restarted.withStack { $0.superState.snapshot } == shared.withStack { $0.superState.snapshot })
        #expect(restarted.withStack { $0.tradingMode.isHalted })
        #expect(restarted.withStack { $0.tradingMode.state } == .dryRun)
    }

    @Test func restartFromALiveFileComesBackDryRunAndIsSaved() throws {
        let directory = try temporaryDirectory()
        let persistence = RiskStackPersistence(
            superState: SuperStateStore(path: directory + "/super.json"),
            tradingMode: TradingModeStore(path: directory + "/mode.json"))
        let shared = try SharedRiskStack(restoringFrom: persistence, portfolioValue: 1_000_000)
        try shared.apply { $0.enableDryRun() }
        try shared.apply { $0.goLive(confirmed: true) }
        let restarted = try SharedRiskStack(restoringFrom: persistence, portfolioValue: 1_000_000)
        #expect(restarted.withStack { $0.tradingMode.state } == .dryRun)
        #expect(!restarted.isDurable)
        try restarted.saveNow()
        #expect(try persistence.tradingMode.load().history.last == TradingModeTransition(from: .liveActive, to: .dryRun, cause: .restart))
    }

    @Test func corruptedFileStopsARestart() throws {
        let directory = try temporaryDirectory()
        try Data("{".utf8).write(to: URL(fileURLWithPath: directory + "/mode.json"))
        let persistence = RiskStackPersistence(
            superState: SuperStateStore(path: directory + "/super.json"),
            tradingMode: TradingModeStore(path: directory + "/mode.json"))
        #expect {
            _ = try SharedRiskStack(restoringFrom: persistence, portfolioValue: 1_000_000)
        } throws: { error in
            guard case .persistence(let failure) = error as? SharedRiskStackError, case .corrupted = failure.kind else { return false }
            return failure.path == directory + "/mode.json"
        }
    }
}
