import ExchangeVocabulary
import StrategyVocabulary
import Testing
import TradingVocabulary

/// A book's mid: rounded down to the tick, and defined up to the largest price (`bid + ask` in
/// 64 bits overflowed there and trapped).
@Suite struct BookTickerTests {
    @Test func midIsRoundedDownAndDoesNotOverflow() {
        #expect(BookTicker(bid: 19, bidSize: 5, ask: 21, askSize: 5).mid == 20)
        #expect(BookTicker(bid: 19, bidSize: 5, ask: 22, askSize: 5).mid == 20)
        let top = BookTicker(bid: Ticks(.max - 2), bidSize: 1, ask: Ticks(.max), askSize: 1)
        #expect(top.isTradable)
        #expect(top.mid == Ticks(.max - 1))
    }
}
