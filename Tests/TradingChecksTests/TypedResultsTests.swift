import BugZoo
import PropertyCheck
import Testing
import TradingChecks

/// What a machine's run carries as values (issue #9 §5): the engine's exit reason, the failure's
/// signature and the counterexample's lines, which the bug zoo and the fuzz targets compare
/// instead of parsing the report.
@Suite struct TypedResultsTests {
    /// A check whose only command draws from a generator that discards every value: every case
    /// with a command is rejected.
    static let discarding = MachineEntry(summary: "discards every case") { maxSteps in
        StateMachineCheck<Int, Int, Int, Int>(
            name: "discarding", model: { 0 }, system: { 0 },
            commands: [CommandKind("never") { _ in Gen.int(in: 0...9).filter { _ in false } }],
            runModel: { model, delta in
                model += delta
                return model
            },
            runSystem: { system, delta in
                system += delta
                return system
            }
        ).limited(to: maxSteps)
    }

    static func variant(_ name: String) throws -> ZooVariant { try #require(BugZoo.named(name)) }

    @Test func aViolatedInvariantIsASignatureKindAndTheLinesAreTheCommands() throws {
        let run = try Self.variant("position/drain-at-excess-0").entry.check(MachineRunOptions(cases: 2_000, seed: 1, saveFailures: false))
        #expect(!run.passed)
        #expect(run.exitReason == .foundFailure)
        #expect(run.signature?.kind == .invariantViolated("DRAIN ⇒ excess > 0"))
        #expect(run.signature?.description == "invariant violated at DRAIN ⇒ excess > 0")
        #expect(run.counterexampleLines == [".setCap(0)"])
        #expect(run.counterexample == "1. .setCap(0)", "the report's numbered text is unchanged")
    }

    @Test func aCheckThatDiscardsEverythingStopsWithTheHealthCheckExitReason() {
        let run = Self.discarding.check(MachineRunOptions(cases: 200, seed: 1, saveFailures: false))
        guard case .tooManyRejections(let rejected, let valid) = run.exitReason else {
            Issue.record("exit reason \(run.exitReason)")
            return
        }
        #expect(rejected >= 1_000 && valid < 200)
        #expect(run.rejected && !run.passed)
        #expect(run.signature == nil && run.counterexampleLines == nil && run.counterexampleBytes == nil)
        #expect(run.exitReason.description.hasPrefix("health check: \(rejected) cases were discarded"), "the sentence is unchanged")
        // A replayed input that decodes to a rejected case: what the fuzz targets tell libFuzzer
        // not to keep (FuzzVerdict's `.rejected`, from `run.rejected`).
        let replayed = Self.discarding.replay([0xFF, 0xFF, 0xFF, 0xFF], false)
        #expect(replayed.exitReason == .tooManyRejections(rejected: 1, valid: 0))
        #expect(replayed.rejected && replayed.counterexampleBytes == nil)
        // A passing replay is not rejected.
        #expect(!Self.discarding.replay([], false).rejected)
    }

    /// The fuzz targets deduplicate crashes on the signature's description: one bug, whatever
    /// the values, is one signature; two bugs are two.
    @Test func oneBugWithDifferentValuesHasOneSignatureAndTwoBugsHaveTwo() throws {
        let entry = try Self.variant("position/drain-at-excess-0").entry
        var failing: [MachineRun] = []
        var random = SplitMix(seed: 7)
        for _ in 0..<2_000 where Set(failing.compactMap(\.counterexampleLines)).count < 3 {
            let bytes = (0..<64).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let run = entry.replay(bytes, false)
            if !run.passed && !run.rejected { failing.append(run) }
        }
        let distinct = Set(failing.compactMap(\.counterexampleLines))
        try #require(distinct.count >= 2, "failing inputs with different commands: \(distinct.count)")
        #expect(Set(failing.map { $0.signature?.description }) == ["invariant violated at DRAIN ⇒ excess > 0"])
        #expect(Set(failing.map(\.signature)).count == 1)

        let other = try Self.variant("position/drain-closes-winners-first").entry.check(MachineRunOptions(cases: 3_000, seed: 1, saveFailures: false))
        let otherSignature = try #require(other.signature)
        #expect(otherSignature.kind == .invariantViolated("cycle closes lowest PnL first"))
        #expect(otherSignature != failing.first?.signature)
        #expect(otherSignature.description != failing.first?.signature?.description)
    }

    @Test func aStressFailureHasATypedCustomKind() {
        let signature = FailureSignature(StressFailure.Kind.safetyViolated(.booksReconcile))
        #expect(signature.custom(as: StressFailure.Kind.self) == .safetyViolated(.booksReconcile))
        #expect(signature.description == "safety property violated at booksReconcile")
        #expect(signature != FailureSignature(StressFailure.Kind.safetyViolated(.noOrderWhileOffOrHalted)))
        #expect(signature != FailureSignature(.invariantViolated("booksReconcile")))
        #expect(FailureSignature(StressFailure.Kind.livenessFailed("stillHalted")).description == "liveness failed at stillHalted")
        #expect(FailureSignature(StressFailure.Kind.refused).description == "executor refused a generated scenario")
    }
}

/// SplitMix64: deterministic bytes for the replays above.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
