import PropertyCheck
import Testing

/// `STRESSCHECK_SEED` set to something that is not a seed is said, not silently replaced by the
/// configured or derived seed.
@Suite struct SeedVariableTests {
    @Test func aVariableThatIsNotASeedIsNamed() {
        #expect(CheckConfiguration.ignoredSeedVariable(in: ["STRESSCHECK_SEED": "banana"]) == "banana")
        #expect(CheckConfiguration.ignoredSeedVariable(in: ["STRESSCHECK_SEED": "0x"]) == "0x")
        #expect(CheckConfiguration.ignoredSeedVariable(in: ["STRESSCHECK_SEED": "-1"]) == "-1")
        #expect(CheckConfiguration.ignoredSeedVariable(in: ["STRESSCHECK_SEED": "18446744073709551616"]) == "18446744073709551616")
        #expect(CheckConfiguration.ignoredSeedVariable(in: ["STRESSCHECK_SEED": ""]) == "")
        // Seeds, and no variable, are not.
        for seed in ["0", "42", "0x10", "0XFF", " 7 ", "18446744073709551615"] {
            #expect(CheckConfiguration.ignoredSeedVariable(in: ["STRESSCHECK_SEED": seed]) == nil, "\(seed)")
        }
        #expect(CheckConfiguration.ignoredSeedVariable(in: [:]) == nil)
    }
}
