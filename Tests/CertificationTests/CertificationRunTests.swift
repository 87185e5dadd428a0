@_spi(BugZoo) import Certification
import Foundation
import Testing

@Suite(.serialized) struct CertificationRunTests {
    func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stresscheck-certify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// The CI flood (3 s) judged in one-second windows.
    func run(_ certification: CertificationRun, runs: Int) throws -> CertificationReport {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var shortened = certification
        shortened.gates.floodWindowSeconds = 1
        return try shortened.run(runs: runs, directory: directory)
    }

    @Test func theProjectsOwnStackIsGo() throws {
        let report = try run(CertificationRun(), runs: 3)
        #expect(report.matrix.isGo, "\(report.matrix)")
        #expect(report.matrix.gates.map(\.gate) == CertificationGate.allCases)
        #expect(report.flashCrash.count == 3 && report.broker.count == 3 * BrokerFault.allCases.count && report.integrity.count == 3)
        #expect(report.flood.decisions > 0)
    }

    @Test func aFillDroppedFromTheJournalIsNoGoOnIntegrity() throws {
        var certification = CertificationRun()
        certification.integrity.dropsFill = 2
        let report = try run(certification, runs: 2)
        #expect(!report.matrix.isGo)
        #expect(report.matrix.failedGates == [.integrity])
        #expect(CertificationGate.integrity.actionWhenFailed == .dailyReconciliation)
    }

    @Test func tradingOnStaleDataIsNoGoOnRecovery() throws {
        var certification = CertificationRun()
        certification.broker.executor.configuration.maxQuoteAge = .seconds(3_600)
        certification.broker.outage = .seconds(60)
        let report = try run(certification, runs: 5)
        #expect(report.matrix.failedGates == [.recovery], "\(report.matrix)")
        let recovery = try #require(report.matrix.gates.first { $0.gate == .recovery })
        #expect(recovery.ruleBreaks.contains { $0.rule.contains("stale data") })
    }

    @Test func aStallOfFiftyMillisecondsInTwentyDecisionsIsNoGoOnLatency() throws {
        // A risk stack that stalls: 50 ms every 20th decision (the corrected P99 sees the
        // backlog; a 20 ms stall per thousand decisions stays under the 15 ms gate — see docs).
        var certification = CertificationRun()
        certification.floodDecision = { index in if index % 20 == 19 { usleep(50_000) } }
        let report = try run(certification, runs: 1)
        #expect(report.matrix.failedGates.contains(.latency), "\(report.matrix)")
        #expect(CertificationGate.latency.actionWhenFailed == .blockPaperTrading)
    }

    @Test func noRunsIsATypedError() throws {
        #expect(throws: CertificationError.self) { try CertificationRun().run(runs: 0, directory: "/tmp") }
    }
}
