import Testing
@_spi(BugZoo) @testable import TradingChecks
@_spi(BugZoo) import TradingMachines
import TradingModels
import TradingVocabulary

/// The persisted machines' checks save and reload through production's `StateStore` on a
/// `SimulatedFileSystem`, where each step of the atomic write can fail or be killed and a file
/// can tear. These pin what each fault leaves on the simulated disk, so that the checks' faults
/// mean what the models say they mean.
@Suite struct StateFilesTests {
    static let path = SimulatedFileSystem.path("super-state.json")
    static let old = SuperStateSnapshot.initial

    /// A snapshot other than the initial one.
    static func changed() throws -> SuperStateSnapshot {
        var machine = PortfolioSuperState()
        _ = machine.halt()
        return machine.snapshot
    }

    @Test func aCleanSaveReloadsWhatWasSaved() throws {
        let disk = SimulatedFileSystem()
        let store = SuperStateStore(path: Self.path, fileSystem: disk)
        #expect(try store.load() == Self.old)  // no file in an existing directory: a first start
        try store.save(try Self.changed())
        #expect(try store.load() == (try Self.changed()))
        #expect(disk.paths == [Self.path])  // no temporary file left behind
    }

    @Test(arguments: SaveStep.allCases)
    func aFailedStepIsReportedAndCommitsOnlyPastTheRename(_ step: SaveStep) throws {
        let disk = SimulatedFileSystem()
        let store = SuperStateStore(path: Self.path, fileSystem: disk)
        try store.save(Self.old)
        disk.arm(.saveFails(step))
        let error = #expect(throws: PersistenceError.self) { try store.save(try Self.changed()) }
        guard case .writeFailed(let failed, _)? = error?.kind else {
            Issue.record("not a write failure: \(String(describing: error))")
            return
        }
        #expect(failed.rawValue == step.rawValue)
        disk.restartProcess()
        #expect(try store.load() == (step.isPastCommit ? try Self.changed() : Self.old))
        #expect(disk.paths == [Self.path])  // a live process removes its temporary file
    }

    @Test(arguments: SaveStep.allCases)
    func aKilledSaveLeavesTheOldFileOrTheNewOneNeverAMix(_ step: SaveStep) throws {
        let disk = SimulatedFileSystem()
        let store = SuperStateStore(path: Self.path, fileSystem: disk)
        try store.save(Self.old)
        disk.arm(.killedDuringSave(step))
        #expect(throws: PersistenceError.self) { try store.save(try Self.changed()) }
        disk.restartProcess()
        #expect(try store.load() == (step.isPastCommit ? try Self.changed() : Self.old))
    }

    @Test func aTornFileIsRefusedAsCorrupt() throws {
        let disk = SimulatedFileSystem()
        let store = SuperStateStore(path: Self.path, fileSystem: disk)
        try store.save(try Self.changed())
        disk.tear(Self.path)
        let error = #expect(throws: PersistenceError.self) { try store.load() }
        guard case .corrupted? = error?.kind else {
            Issue.record("not refused as corrupt: \(String(describing: error))")
            return
        }
    }

    @Test func anInPlaceWriteKilledMidwayLeavesATornFile() throws {
        let disk = SimulatedFileSystem()
        let store = SuperStateStore(path: Self.path, fileSystem: disk, mutation: .inPlace)
        try store.save(Self.old)
        disk.arm(.killedDuringSave(.write))
        #expect(throws: PersistenceError.self) { try store.save(try Self.changed()) }
        disk.restartProcess()
        #expect(throws: PersistenceError.self) { try store.load() }
    }

    /// The adapter against the model, fault by fault, from a state the fault can roll back.
    @Test(arguments: PersistenceFaults.all)
    func theSystemReportsWhatTheModelSays(_ fault: PersistenceFault) throws {
        var system = SuperStateSystem()
        var model = SuperStateModel()
        for command: SuperStateCommand in [.restart, .halt, .restartAfter(fault), .resume, .restartAfter(fault)] {
            let outcome = try system.apply(command)
            #expect(outcome == model.apply(command), "\(command)")
            #expect(system.observation == model.observation, "\(command)")
        }
    }
}
