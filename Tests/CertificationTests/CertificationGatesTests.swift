import Certification
import Testing

@Suite struct CertificationGatesTests {
    @Test func theDefaultsAreTheSourcesGatesAndValid() throws {
        let gates = CertificationGates()
        #expect(gates.maxDrawdownBasisPoints == 1_500)
        #expect(gates.p99LatencyNanoseconds == 15_000_000)
        #expect(gates.meanRecoveryNanoseconds == 25_000_000_000)
        #expect(gates.integrityDeltaMinorUnits == 100)
        #expect(gates.floodRate == 1_000 && gates.floodSeconds == 600 && gates.runs == 100)
        try gates.validate()
        #expect(try CertificationGates.fromEnvironment([:]) == gates)
    }

    @Test func environmentOverridesApplyAndAreValidated() throws {
        let gates = try CertificationGates.fromEnvironment([
            "STRESSCHECK_CERTIFY_P99_NS": "15000", "STRESSCHECK_CERTIFY_RUNS": "3",
            "UNRELATED": "x",
        ])
        #expect(gates.p99LatencyNanoseconds == 15_000)
        #expect(gates.runs == 3)
        #expect(throws: CertificationConfigurationError.notAnInteger(variable: "STRESSCHECK_CERTIFY_RUNS", value: "3.5")) {
            try CertificationGates.fromEnvironment(["STRESSCHECK_CERTIFY_RUNS": "3.5"])
        }
        #expect(throws: CertificationConfigurationError.outOfRange(variable: "STRESSCHECK_CERTIFY_RUNS", allowed: "1 … 100 000 runs")) {
            try CertificationGates.fromEnvironment(["STRESSCHECK_CERTIFY_RUNS": "0"])
        }
    }

    @Test func everyFieldHasItsBoundsCheckedAtTheEdges() throws {
        // Each variable: the last valid value passes, one past it is refused naming the variable.
        let edges: [(String, valid: String, invalid: String)] = [
            ("STRESSCHECK_CERTIFY_MAX_DRAWDOWN_BP", "10000", "10001"), ("STRESSCHECK_CERTIFY_MAX_DRAWDOWN_BP", "1", "0"),
            ("STRESSCHECK_CERTIFY_P99_NS", "1", "0"), ("STRESSCHECK_CERTIFY_MEAN_RECOVERY_NS", "1", "-1"),
            ("STRESSCHECK_CERTIFY_INTEGRITY_DELTA", "0", "-1"), ("STRESSCHECK_CERTIFY_MAX_DATA_AGE_NS", "60000000000", "60000000001"),
            ("STRESSCHECK_CERTIFY_FLOOD_RATE", "10000000", "10000001"), ("STRESSCHECK_CERTIFY_FLOOD_SECONDS", "86400", "86401"),
            ("STRESSCHECK_CERTIFY_FLOOD_WINDOW_SECONDS", "600", "601"), ("STRESSCHECK_CERTIFY_RUNS", "100000", "100001"),
        ]
        for (variable, valid, invalid) in edges {
            _ = try CertificationGates.fromEnvironment([variable: valid])
            #expect(throws: CertificationConfigurationError.self) { try CertificationGates.fromEnvironment([variable: invalid]) }
            do {
                _ = try CertificationGates.fromEnvironment([variable: invalid])
            } catch {
                guard case .outOfRange(let named, _) = error else {
                    Issue.record("\(variable): \(error)")
                    continue
                }
                #expect(named == variable)
            }
        }
    }
}
