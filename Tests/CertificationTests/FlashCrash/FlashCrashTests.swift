@testable import Certification
import ExchangeVocabulary
import TradingMachines
import MarketSim
@_spi(BugZoo) import StressRun
import TradingVocabulary

import Testing

@Suite struct FlashCrashTests {
    @Test func theStackSurvivesTheSourcesFlashCrash() throws {
        var held = 0
        for seed in UInt64(1)...4 {
            let result = try FlashCrashTest().run(seed: seed)
            #expect(result.passed, "seed \(seed): \(result)")
            // Holding when the crash began, the crash costs something (the test measured something).
            if result.heldAtCrash { #expect(result.maxDrawdown > 0, "seed \(seed)") }
            held += result.heldAtCrash ? 1 : 0
        }
        #expect(held >= 2, "the strategy held a position when the crash began on only \(held) of 4 seeds")
    }

    @Test func theGateBites() throws {
        // A drawdown gate below what the crash costs fails the run; a huge drop breaks it too.
        var test = FlashCrashTest()
        let result = try test.run(seed: 1)
        #expect(result.passed, "the standard gates pass seed 1: \(result)")
        // The crash costs at least 2 bp on seed 1, so a gate 1 bp below its drawdown is a real gate.
        try #require(result.maxDrawdown * 10_000 >= 2, "seed 1's drawdown \(result.maxDrawdown) leaves no gate below it to test")
        test.gates.maxDrawdownBasisPoints = max(1, Int64((result.maxDrawdown * 10_000).rounded(.down)) - 1)
        #expect(try !test.run(seed: 1).passed, "a gate below the crash's drawdown still passed")
    }

    @Test func aWiringBugThatFeedsStaleConditionsIsCaught() throws {
        // The executor's zoo wiring bug: the super-state fed the previous bar's conditions.
        var caught = 0
        for seed in UInt64(1)...4 {
            var test = FlashCrashTest()
            test.executor.mutation = .staleConditions
            if try !test.run(seed: seed).passed { caught += 1 }
        }
        #expect(caught > 0)
    }

    @Test func flatAfterTheCrashMeansFlatWhenItEnds() {
        // Held 5 lots when the crash began at t = 10 s; it ends at t = 16 s.
        let start = SimTime.simulationEpoch
        let symbol = Symbol(constant: "BTC-USD")
        func fill(_ second: Int64, _ side: Side, _ lots: Int64) -> Fill {
            Fill(
                orderID: ClientOrderID(UInt64(second)), symbol: symbol, side: side, price: Ticks(100), quantity: Lots(lots), fee: Cents(0),
                liquidity: .taker, time: start + .seconds(second))
        }
        func flatness(_ fills: [Fill]) -> (heldAtCrash: Bool, flatAfter: SimDuration?) {
            FlashCrashResult.flatness(
                fills: fills, stepTimes: (0...20).map { start + .seconds(Int64($0)) }, crashStart: start + .seconds(10),
                crashEnd: start + .seconds(16))
        }
        let held = fill(2, .buy, 5)
        // Sold at 12 s, 3 bought again at 14 s and held through the crash's end: not flat after it
        // (the first flat step, 12 s, used to pass).
        let buysAgain = flatness([held, fill(12, .sell, 5), fill(14, .buy, 3)])
        #expect(buysAgain.heldAtCrash)
        #expect(buysAgain.flatAfter == nil)
        // Sold again at 15 s: flat from then to the end.
        #expect(flatness([held, fill(12, .sell, 5), fill(14, .buy, 3), fill(15, .sell, 3)]).flatAfter == .seconds(5))
        // Flat from 12 s; buying again at 18 s, after the crash, does not undo it.
        #expect(flatness([held, fill(12, .sell, 5), fill(18, .buy, 3)]).flatAfter == .seconds(2))
        // Sold only at 17 s, after the crash ended: not flat after it.
        #expect(flatness([held, fill(17, .sell, 5)]).flatAfter == nil)
        // Holding nothing when the crash began: flat from the first step after it.
        let idle = flatness([])
        #expect(!idle.heldAtCrash && idle.flatAfter == .seconds(1))
    }

    @Test func theStacksDecisionsAreTimedWithoutChangingTheRun() throws {
        let (result, latency) = try FlashCrashTest().runMeasuringLatency(seed: 1)
        #expect(result == (try FlashCrashTest().run(seed: 1)), "timing changed the run")
        #expect(latency.count >= 100, "only \(latency.count) decisions timed")
        #expect(latency.p99 >= latency.p50 && latency.p50 > 0)
        let figure = try #require(CertificationRun.flashCrashFigure([latency], gates: CertificationGates()))
        #expect(figure.passed, "\(figure)")
    }

    /// The project's stack, stalling 20 ms in every 40th decision: 2.5% of them, past the P99.
    struct StallingGovernor: ForwardingRiskGovernor {
        var inner: RiskStackGovernor
        var decisions = 0
        init(wrapping inner: RiskStackGovernor) { self.inner = inner }
        mutating func submit(_ request: OrderRequest) throws -> RiskDecision {
            decisions += 1
            if decisions % 40 == 0 {
                let clock = ContinuousClock()
                let until = clock.now + .milliseconds(20)
                while clock.now < until {}
            }
            return try inner.submit(request)
        }
    }

    @Test func aStackThatStallsInTheCrashFailsTheLatencyFigure() throws {
        var test = FlashCrashTest()
        test.stack = StallingGovernor.self
        let (result, latency) = try test.runMeasuringLatency(seed: 1)
        #expect(result.passed, "the stall changes no decision: \(result)")
        #expect(latency.p99 >= 20_000_000, "P99 \(latency.p99) ns")
        let figure = try #require(CertificationRun.flashCrashFigure([latency], gates: CertificationGates()))
        #expect(!figure.passed && figure.name == "flash crash: worst run's decision P99")
        // The worst run counts: one stalling run among calm ones fails the figure.
        let calm = try FlashCrashTest().runMeasuringLatency(seed: 2).decisionLatency
        #expect(CertificationRun.flashCrashFigure([calm, latency, calm], gates: CertificationGates())?.passed == false)
        #expect(CertificationRun.flashCrashFigure([], gates: CertificationGates()) == nil)
        // A run that timed no decision has no measurement, and fails.
        #expect(CertificationRun.flashCrashFigure([LatencyHistogram().summary], gates: CertificationGates())?.passed == false)
    }

    @Test func badParametersAreATypedError() {
        var test = FlashCrashTest()
        test.drop = 1.5
        #expect(throws: FlashCrashError.invalidParameters) { try test.run(seed: 1) }
    }

    @Test func theSameSeedGivesTheSameResult() throws {
        #expect(try FlashCrashTest().run(seed: 3) == FlashCrashTest().run(seed: 3))
    }
}
