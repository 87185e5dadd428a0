@_spi(BugZoo) import Certification
import Foundation
@_spi(BugZoo) import StressRun

/// A risk stack with one bug that certification must refuse: NO-GO, with exactly `gate` failed.
/// The project's own stack is GO under the same settings (`BugZoo.certifyProjectStack`, with the
/// real latency bounds, tighter than a non-latency variant's), so the NO-GO is the bug's.
public struct CertificationZooVariant: Sendable {
    /// `certify/…`.
    public let name: String
    /// What is broken.
    public let summary: String
    /// The one gate that must fail.
    public let gate: CertificationGate
    /// How many consecutive seeds the certification runs (the CI flood runs once whatever it is).
    public let runs: Int
    /// Puts the bug into a certification of the project's stack.
    let inject: @Sendable (inout CertificationRun) -> Void

    /// What a certification of this variant ended as.
    public enum Outcome: Sendable {
        /// NO-GO with exactly the expected gate failed; the rules and figures it broke.
        case caught(rules: [String], figures: [String])
        /// GO: the bug went through.
        case go
        /// NO-GO, but with other gates failed than the expected one.
        case wrongGates([CertificationGate])
        /// The certification could not run.
        case couldNotRun(String)
    }

    /// Certifies the variant (CI flood, journals in a temporary directory removed after).
    public func verify() -> Outcome {
        var certification = CertificationRun()
        if gate != .latency {
            // The flood's latencies are wall-clock: on a loaded machine (the whole test suite in
            // parallel on two cores) the scheduler alone can hold a decision past 15 ms, and a
            // variant of another gate would then fail two. Its own gate is what it is judged by;
            // the latency variant keeps the real bounds and proves that gate bites.
            certification.gates.p99LatencyNanoseconds = 1_000_000_000
            certification.gates.p999LatencyNanoseconds = 1_000_000_000
        }
        inject(&certification)
        let report: CertificationReport
        switch BugZoo.certify(certification, runs: runs) {
        case .success(let value): report = value
        case .failure(let failure): return .couldNotRun(failure.description)
        }
        guard !report.matrix.isGo else { return .go }
        guard report.matrix.failedGates == [gate], let result = report.matrix.gates.first(where: { $0.gate == gate }) else {
            return .wrongGates(report.matrix.failedGates)
        }
        return .caught(
            rules: result.ruleBreaks.map { "seed \($0.seed) \($0.test): \($0.rule)" },
            figures: result.figures.filter { !$0.passed }.map {
                "\($0.name) \($0.measured.map { String(format: "%.3g", $0) } ?? "none") > \($0.limit) \($0.unit)"
            })
    }
}

extension BugZoo {
    /// The certification zoo: each bug of `../shared/certification.md`'s list, as the gate that
    /// must name it.
    public static let certificationVariants: [CertificationZooVariant] = [
        CertificationZooVariant(
            name: "certify/drops-fill-from-journal", summary: "the journal loses every second fill (the live state and the venue keep it)",
            gate: .integrity, runs: 2
        ) { $0.integrity.dropsFill = 2 },
        CertificationZooVariant(
            name: "certify/resends-after-reconnect",
            summary: "after a reconnect, an order whose outcome is unknown is sent again under a new id instead of queried",
            gate: .recovery, runs: 3
        ) { $0.broker.executor.mutation = .resendAfterReconnect },
        CertificationZooVariant(
            name: "certify/resumes-on-stale-data", summary: "the stack trades on quotes up to an hour old (its data-age check is 3 600 s, not 500 ms)",
            gate: .recovery, runs: 6  // seed 5's stale-feed run buys on stale data
        ) { $0.broker.executor.configuration.maxQuoteAge = .seconds(3_600) },
        CertificationZooVariant(
            name: "certify/stalls-20ms-per-1000", summary: "the risk stack stalls 20 ms once every thousand decisions",
            gate: .latency, runs: 1
        ) { certification in
            let stack = RiskStackFloodWorkload.makeStack()
            let workload = RiskStackFloodWorkload(stack: stack)
            certification.floodDecision = { index in
                workload.decide(index)
                guard index % 1_000 == 499 else { return }
                let until = FloodClock.now() + 20_000_000
                while FloodClock.now() < until {}
            }
        },
    ]

    /// Certifies the project's own stack as the variants are certified: GO, or the gates it failed.
    public static func certifyProjectStack(runs: Int = 3) -> Result<CertificationReport, CertifyFailure> {
        certify(CertificationRun(), runs: runs)
    }

    /// Why a zoo certification could not run.
    public struct CertifyFailure: Error, CustomStringConvertible {
        public let description: String
    }

    /// `certification` over `runs` seeds with the CI flood, its journals in a fresh temporary directory.
    static func certify(_ certification: CertificationRun, runs: Int) -> Result<CertificationReport, CertifyFailure> {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stresscheck-zoo-certify-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            return .failure(CertifyFailure(description: "cannot create \(url.path): \(error)"))
        }
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            return .success(try certification.run(runs: runs, directory: url.path))
        } catch {
            return .failure(CertifyFailure(description: "\(error)"))
        }
    }
}
