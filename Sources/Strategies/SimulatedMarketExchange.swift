import StrategyVocabulary
import TradingVocabulary

/// An exchange whose market and clock a simulation drives: the mock and the simulated venue.
/// The async driver publishes books and advances time through it, on virtual time only.
public protocol SimulatedMarketExchange: StrategyExchange {
    /// Makes `book` the symbol's market (resting orders it reaches trade).
    mutating func publish(_ book: BookTicker, for symbol: Symbol) throws(ExchangeError)
    /// Moves the venue's clock to `time` (the strategy clock's units); an earlier time is ignored.
    mutating func advance(to time: Int64)
}

extension MockExchange: SimulatedMarketExchange {
    public mutating func publish(_ book: BookTicker, for symbol: Symbol) throws(ExchangeError) { try setBook(book, for: symbol) }
    /// The mock has no latency: nothing waits for time.
    public mutating func advance(to time: Int64) {}
}
