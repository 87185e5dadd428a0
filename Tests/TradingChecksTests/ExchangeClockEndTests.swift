import ExchangeVocabulary
import MarketSim
import PropertyCheck
import Testing
import TradingChecks
import TradingModels

/// The venue's clock at its end (`VenueLimits.maxTime`), production and model compared step by
/// step through the exchange check: an advance past the end stops there, and the longest legs,
/// holds and timeouts scheduled from there still fit (an advance to `Int64.max` was taken, and
/// the next submit overflowed the clock and trapped).
@Suite struct ExchangeClockEndTests {
    @Test func theLongestDelaysFitAtTheEndOfTheClock() throws {
        let day = SimDuration(nanoseconds: VenueLimits.maxLatency)
        let longest = LinkLatency(out: day, back: day)
        let order = NewOrder(id: 1, symbol: "AAA", side: .buy, type: .limit(Ticks(1_000)), quantity: Lots(1))
        try ExchangeChecks.machine.replay([
            .advance(SimDuration(nanoseconds: .max)), .submit(order, longest, randomReject: false), .cancel(1, longest, hold: day, refuse: false),
            .query(1, longest), .advance(SimDuration(nanoseconds: .max)), .advance(.milliseconds(1)),
        ])
        // What the replay compared production with: the clock stops at its end, and a submit
        // sent a day out is still on its way a millisecond later (with the clock at `Int64.max`,
        // its arrival wrapped into the past and it was acknowledged at once).
        var model = ExchangeModel()
        _ = model.apply(.advance(SimDuration(nanoseconds: .max)))
        #expect(model.observation.now == SimTime(nanoseconds: VenueLimits.maxTime))
        _ = model.apply(.submit(order, longest, randomReject: false))
        _ = model.apply(.advance(.milliseconds(1)))
        #expect(model.observation.clientOrders.map(\.state) == [.sent])
    }
}
