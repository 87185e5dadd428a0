import Certification
import ExchangeSim
import MarketSim
import StressRun
import Testing

@Suite struct BrokerFailureTests {
    @Test(arguments: BrokerFault.allCases)
    func theStackRecoversFromEachFaultAndKeepsTheRules(_ fault: BrokerFault) throws {
        let test = BrokerFailureTest()
        for seed in UInt64(1)...3 {
            let result = try test.run(fault, seed: seed)
            #expect(result.ordersSent > 0, "\(fault.name) seed \(seed): the strategy sent no order, so the test measured nothing")
            #expect(result.keptTheRules, "\(fault.name) seed \(seed): \(result)")
            let expected = fault == .twoDisconnects || fault == .disconnectDuringReconnect ? 2 : 1
            #expect(result.recoveryTimes.count == expected)
            for recovery in result.recoveryTimes {
                let time = try #require(recovery, "\(fault.name) seed \(seed): never ready again")
                // Ready within the gate: the link's return plus at most the order timeout and a few bars.
                #expect(time.nanoseconds <= CertificationGates().meanRecoveryNanoseconds, "\(fault.name) seed \(seed): \(time)")
            }
        }
    }

    @Test func theSameSeedGivesTheSameMeasurement() throws {
        let test = BrokerFailureTest()
        #expect(try test.run(.twoDisconnects, seed: 7) == test.run(.twoDisconnects, seed: 7))
    }

    @Test func anOutageReallyStopsOrders() throws {
        // During a long outage the strategy still wants to trade: its orders are refused by the
        // client (never reach the venue), which is what "no order sent while down" is about.
        var test = BrokerFailureTest()
        test.outage = .seconds(60)
        for seed in UInt64(1)...3 {
            let result = try test.run(.disconnect, seed: seed)
            #expect(result.sentWhileDown.isEmpty, "seed \(seed)")
            // Orders were tried inside the outage and none got through: the empty list above
            // measured something.
            #expect(result.refusedWhileDown > 0, "seed \(seed): no order was tried while the link was down")
        }
    }

    @Test func tradingOnAStaleBookIsCaught() throws {
        // An executor that does not hold orders back on a stale book (its data-age limit an
        // hour): the stale-feed test must report buys made on stale data, on some seed.
        var test = BrokerFailureTest()
        test.executor.configuration.maxQuoteAge = .seconds(3_600)
        test.outage = .seconds(60)
        var caught = 0
        for seed in UInt64(1)...5 where try !test.run(.staleFeed, seed: seed).boughtOnStaleData.isEmpty { caught += 1 }
        #expect(caught > 0)
    }

    @Test func theSummaryJudgesTheMeanAgainstTheGate() throws {
        let test = BrokerFailureTest()
        let results = try BrokerFault.allCases.map { try test.run($0, seed: 2) }
        let summary = BrokerFailureSummary(results)
        #expect(summary.runs == BrokerFault.allCases.count)
        #expect(summary.recoveryTimes.count == BrokerFault.allCases.count + 2)
        #expect(summary.passes(CertificationGates()))
        var strict = CertificationGates()
        strict.meanRecoveryNanoseconds = 1
        let mean = try #require(summary.meanRecovery)
        #expect(summary.passes(strict) == (mean.nanoseconds <= 1))
    }

    @Test func badLengthsAreATypedError() {
        var test = BrokerFailureTest()
        test.outage = .zero
        #expect(throws: BrokerFailureError.invalidLengths) { try test.run(.disconnect, seed: 1) }
    }
}
