import ExchangeVocabulary
import MarketSim
@testable import StressRun
import Testing

/// A phase's latency multiplier (up to 100 000) scales each drawn leg; the result saturates at the
/// client's one-day limit, so a slow phase makes orders late, never refused as `invalidLatency`.
@Suite struct LatencyScalingTests {
    typealias AnyRun = Run<MomentumStrategy, RiskStackGovernor>

    @Test func scaledLegsSaturateAtOneDay() {
        let day = SimDuration(nanoseconds: VenueLimits.maxLatency)
        #expect(AnyRun.scaled(.milliseconds(5), by: 20) == .milliseconds(100))
        #expect(AnyRun.scaled(.milliseconds(5), by: 0.5) == .milliseconds(5))  // below 1 is 1
        #expect(AnyRun.scaled(.milliseconds(864), by: 100_000) == day)  // exactly one day
        #expect(AnyRun.scaled(.milliseconds(865), by: 100_000) == day)  // past it: saturated
        #expect(AnyRun.scaled(.seconds(2), by: 100_000) == day)
        #expect(AnyRun.scaled(SimDuration(nanoseconds: .max), by: 1) == day)
    }
}
