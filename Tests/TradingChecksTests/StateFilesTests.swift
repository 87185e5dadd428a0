import Foundation
import Testing
@testable import BugZoo
@testable import TradingChecks
import TradingModels

/// A system's state files exist from its first restart until its teardown, wrapped or not: a
/// check runs thousands of cases, and a directory left behind per case fills `/dev/shm`.
@Suite struct StateFilesTests {
    static func exists(_ path: String?) -> Bool { path.map { FileManager.default.fileExists(atPath: $0) } ?? false }

    @Test func noDirectoryUntilTheFirstRestart() throws {
        var system = SuperStateSystem()
        _ = try system.apply(.halt)
        #expect(system.stateDirectory == nil)
        _ = try system.apply(.restart)
        #expect(Self.exists(system.stateDirectory))
        system.tearDown()
        #expect(!Self.exists(system.stateDirectory))
    }

    @Test func everySystemWithStateFilesRemovesThem() throws {
        var tradingMode = TradingModeSystem()
        _ = try tradingMode.apply(.enableDryRun)
        _ = try tradingMode.apply(.restart)
        let tradingModeDirectory = try #require(tradingMode.stateDirectory)
        #expect(Self.exists(tradingModeDirectory))
        tradingMode.tearDown()
        #expect(!Self.exists(tradingModeDirectory))

        var stack = try RiskStackSystem()
        _ = try stack.apply(.halt)
        _ = try stack.apply(.restart)
        let stackDirectory = try #require(stack.stateDirectory)
        #expect(Self.exists(stackDirectory))
        stack.tearDown()
        #expect(!Self.exists(stackDirectory))
    }

    @Test func mutantsTearDownWhatTheyWrap() throws {
        var superState = SuperStateMutants.CrisisToNormal()
        _ = try superState.apply(.restart)
        let directory = try #require(superState.inner.stateDirectory)
        superState.tearDown()
        #expect(!Self.exists(directory))

        var tradingMode = TradingModeMutants.RestartResumesLive()
        _ = try tradingMode.apply(.restart)
        let modeDirectory = try #require(tradingMode.inner.stateDirectory)
        tradingMode.tearDown()
        #expect(!Self.exists(modeDirectory))
    }
}
