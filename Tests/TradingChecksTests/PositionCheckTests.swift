import PropertyCheckTesting
import TradingChecks
import TradingModels
import Testing

@Suite struct PositionCheckTests {
    @Test func productionAgreesWithTheModel() {
        let result = PositionChecks.machine.check(configuration: CheckConfiguration(cases: 2_000))
        #expect(result.passed, "\(result.report)")
    }
}
