import Foundation
import StressRun
import TradingMachines

/// A certification: the core suite — flash crash, broker failure (every fault), portfolio
/// integrity — over `runs` consecutive seeds, each a different universe, plus the decision flood
/// once (it is measured on the wall clock, not drawn from a seed), gathered into the go/no-go
/// matrix (`docs/certification.md`).
public struct CertificationRun: Sendable {
    public var gates: CertificationGates
    /// The source's full flood (1 000/s for 10 minutes) instead of the CI one (3 s).
    public var full = false
    public var flashCrash = FlashCrashTest()
    public var broker = BrokerFailureTest()
    public var integrity = IntegrityTest()
    /// The risk stack under certification: the project's (`RiskStackGovernor`), or a user's
    /// stack through the ``RiskGovernor`` protocol. The flash crash and broker failure run it;
    /// the flood takes its decisions through it (behind a lock) unless `floodDecision` is given.
    public var riskStack: any RiskGovernor.Type = RiskStackGovernor.self
    /// The flood's decisions; nil: `riskStack`'s (the project's through its thread-safe
    /// `SharedRiskStack`, `RiskStackFloodWorkload`; a user's through `GovernorFloodWorkload`).
    public var floodDecision: DecisionFlood.Decision?
    /// How long the CI flood lasts (the full one lasts the gates' `floodSeconds`).
    public var ciFloodSeconds = 3.0
    /// The first seed; run n uses seed `firstSeed + n`.
    public var firstSeed: UInt64 = 1

    public init(gates: CertificationGates = CertificationGates()) {
        self.gates = gates
        flashCrash.gates = gates
        broker.gates = gates
        integrity.gates = gates
    }

    /// Runs the suite; `progress` hears each seed finished (for a terminal's progress line).
    /// - Parameter directory: where the integrity runs' journals are written (each removed after).
    /// - Throws: ``CertificationError`` when a test cannot run at all; a failing gate is a result.
    /// - Parameter shouldStop: Asked before each seed, before the flood and after it, and every
    ///   10 ms during the flood (on its sampler's thread), which then ends after its current
    ///   decisions; true ends the run with ``CertificationError/interrupted(completedRuns:)`` (a
    ///   verdict on part of the seeds, or of the flood, would not be the verdict asked for).
    public func run(
        runs: Int, directory: String, progress: (Int) -> Void = { _ in }, shouldStop: @escaping @Sendable () -> Bool = { false }
    ) throws(CertificationError) -> CertificationReport {
        guard runs >= 1 else { throw .noRuns }
        var crashes: [FlashCrashResult] = []
        var crashLatencies: [LatencySummary] = []
        var outages: [BrokerFailureResult] = []
        var sessions: [IntegrityResult] = []
        var flashCrash = flashCrash
        var broker = broker
        flashCrash.stack = riskStack
        broker.stack = riskStack
        for n in 0..<runs {
            if shouldStop() { throw .interrupted(completedRuns: n) }
            let seed = firstSeed &+ UInt64(n)
            do {
                let (crash, latency) = try flashCrash.runMeasuringLatency(seed: seed)
                crashes.append(crash)
                crashLatencies.append(latency)
            } catch {
                throw .flashCrash(seed: seed, error)
            }
            for fault in BrokerFault.allCases {
                do { outages.append(try broker.run(fault, seed: seed)) } catch { throw .broker(seed: seed, fault: fault, error) }
            }
            do { sessions.append(try integrity.run(seed: seed, directory: directory)) } catch { throw .integrity(seed: seed, error) }
            progress(n + 1)
        }
        if shouldStop() { throw .interrupted(completedRuns: runs) }
        let (flood, refusals) = try runFlood(stopRequested: shouldStop)
        if shouldStop() || flood.interrupted { throw .interrupted(completedRuns: runs) }
        let matrix = CertificationMatrix(
            runs: runs,
            gates: [
                CoreGates.safety(flashCrash: crashes, broker: outages, gates: gates),
                Self.latency(
                    flood, flashCrash: crashLatencies, gates: gates, judgesMemory: full, refusedDecisions: refusals?.summary ?? (0, nil)),
                CoreGates.recovery(broker: outages, gates: gates),
                Self.integrity(sessions, gates: gates),
            ])
        return CertificationReport(
            matrix: matrix, flood: flood, flashCrash: crashes, flashCrashLatency: crashLatencies, broker: outages, integrity: sessions)
    }

    /// The flood, and for a user's stack the decisions that threw (the project's stack traps
    /// on one: its flood's requests are all valid).
    func runFlood(stopRequested: (@Sendable () -> Bool)? = nil) throws(CertificationError) -> (FloodReport, FloodRefusals?) {
        let configuration = full ? FloodConfiguration.full(gates) : FloodConfiguration.ci(gates, seconds: ciFloodSeconds)
        let decision: DecisionFlood.Decision
        var refusals: FloodRefusals?
        if let floodDecision {
            decision = floodDecision
        } else if ObjectIdentifier(riskStack) != ObjectIdentifier(RiskStackGovernor.self) {
            let workload: GovernorFloodWorkload
            do { workload = try GovernorFloodWorkload(riskStack) } catch { throw .floodStack(error) }
            decision = workload.decision
            refusals = workload.refusals
        } else {
            decision = RiskStackFloodWorkload(stack: RiskStackFloodWorkload.makeStack()).decision
        }
        do { return (try DecisionFlood.run(configuration, stopRequested: stopRequested, decide: decision), refusals) } catch { throw .flood(error) }
    }

    /// The worst flash-crash run's decision P99, in nanoseconds; nil without runs, or when a run
    /// timed no decision (there is nothing to judge it by).
    public static func worstFlashCrashP99(_ runs: [LatencySummary]) -> Int64? {
        runs.contains { $0.count == 0 } ? nil : runs.map(\.p99).max()
    }

    /// The flash crash's decision latency against the P99 gate: the worst run's P99 (no figure
    /// without a flash-crash run; no measurement, which fails, for a run that timed no decision).
    static func flashCrashFigure(_ runs: [LatencySummary], gates: CertificationGates) -> GateFigure? {
        guard !runs.isEmpty else { return nil }
        let worst = worstFlashCrashP99(runs)
        return GateFigure(
            "flash crash: worst run's decision P99", measured: worst.map { Double($0) / 1e6 }, limit: Double(gates.p99LatencyNanoseconds) / 1e6,
            unit: "ms")
    }

    /// Latency: the corrected P99 and P99.9 of every window within the gates, the target rate sustained,
    /// no decision that threw, and, in the full run, no leak; and every flash-crash run's
    /// decisions (timed on the wall clock inside the crash) within the P99 gate. (The CI flood lasts 3 s after the
    /// seeds' runs: too short for a slope that means anything, and in a test process the
    /// resident memory is shared with other tests; its samples are still reported.)
    static func latency(
        _ flood: FloodReport, flashCrash: [LatencySummary] = [], gates: CertificationGates, judgesMemory: Bool,
        refusedDecisions: (count: Int, first: String?) = (0, nil)
    ) -> GateResult {
        var breaks: [RuleBreak] = []
        if refusedDecisions.count > 0 {
            breaks.append(
                RuleBreak(
                    test: "decision flood", seed: 0,
                    rule:
                        "\(refusedDecisions.count) of \(flood.decisions) decisions threw (first: \(refusedDecisions.first ?? "?")): a stack that throws has not decided"
                ))
        }
        if !flood.sustained { breaks.append(RuleBreak(test: "decision flood", seed: 0, rule: "target rate not sustained (\(Int(flood.achievedRate))/s)")) }
        if judgesMemory, flood.memory.verdict == .leaking { breaks.append(RuleBreak(test: "decision flood", seed: 0, rule: "resident memory grows (leak)")) }
        let worstP99 = flood.windows.map(\.p99Corrected).max()
        let worstP999 = flood.windows.map(\.p999Corrected).max()
        return GateResult(
            .latency,
            figures: Array(flashCrashFigure(flashCrash, gates: gates).map { [$0] } ?? []) + [
                GateFigure(
                    "decision flood: worst window's corrected P99", measured: worstP99.map { Double($0) / 1e6 },
                    limit: Double(gates.p99LatencyNanoseconds) / 1e6, unit: "ms"),
                GateFigure(
                    "decision flood: worst window's corrected P99.9", measured: worstP999.map { Double($0) / 1e6 },
                    limit: Double(gates.p999LatencyNanoseconds) / 1e6, unit: "ms"),
            ], ruleBreaks: breaks)
    }

    /// Integrity: every transaction journaled, every position and instrument's tick value the
    /// same in the three records, and their money within the gate's delta.
    static func integrity(_ sessions: [IntegrityResult], gates: CertificationGates) -> GateResult {
        var breaks: [RuleBreak] = []
        for session in sessions {
            let missing = session.fillsNotInBoth
            if missing > 0 {
                breaks.append(RuleBreak(test: "portfolio integrity", seed: session.seed, rule: "\(missing) fill(s) not in both the journal and the venue"))
            }
            for difference in session.report.positionDifferences {
                breaks.append(RuleBreak(test: "portfolio integrity", seed: session.seed, rule: "positions differ: \(difference)"))
            }
            for difference in session.report.tickValueDifferences {
                breaks.append(RuleBreak(test: "portfolio integrity", seed: session.seed, rule: "tick values differ: \(difference)"))
            }
            if session.journalEnd != .clean { breaks.append(RuleBreak(test: "portfolio integrity", seed: session.seed, rule: "the journal did not end clean")) }
        }
        let worst = sessions.map(\.report.largestMoneyDelta).max()
        return GateResult(
            .integrity,
            figures: [
                GateFigure(
                    "largest difference between live state, journal and venue", measured: worst.map(Double.init),
                    limit: Double(gates.integrityDeltaMinorUnits), unit: "minor units")
            ], ruleBreaks: breaks)
    }
}

/// What a certification found: the matrix and every test's results.
public struct CertificationReport: Sendable {
    public let matrix: CertificationMatrix
    public let flood: FloodReport
    public let flashCrash: [FlashCrashResult]
    /// The risk stack's decisions in each flash-crash run, timed on the wall clock (in the order
    /// of `flashCrash`).
    public let flashCrashLatency: [LatencySummary]
    public let broker: [BrokerFailureResult]
    public let integrity: [IntegrityResult]
}

/// Why a certification could not run.
public enum CertificationError: Error, Sendable {
    case noRuns
    case flashCrash(seed: UInt64, FlashCrashError)
    case broker(seed: UInt64, fault: BrokerFault, BrokerFailureError)
    case integrity(seed: UInt64, IntegrityError)
    /// The governor under certification refused to start the flood's stack: its error.
    case floodStack(any Error)
    case flood(FloodConfigurationError)
    /// `shouldStop` asked the run to stop (an interrupt) after `completedRuns` seeds: no verdict.
    case interrupted(completedRuns: Int)
}
