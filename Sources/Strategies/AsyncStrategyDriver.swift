import StrategyVocabulary
import TradingMachines

/// What a simulation feeds the async driver: markets, the clock, a halt. Virtual time only.
public enum DriverInput: Hashable, Sendable {
    /// A new book for the strategy's symbol at `venue`, published on that venue's exchange.
    case market(VenueID, BookTicker)
    /// The clock reaches this time: every exchange advances to it, then the driver polls.
    case clock(Int64)
    /// The risk stack's super-state enters EMERGENCY_HALT.
    case halt
}

/// The async driver: runs a strategy against exchanges that implement the protocol, reading
/// its inputs from any async sequence (a feed, a socket bridged into one, a recorded session).
/// Time is virtual: it moves only with `.clock` inputs, so the same inputs give the same actions.
public enum AsyncStrategyDriver {
    /// Runs until `inputs` ends; returns the driver (its `actions` are the record) and the stack.
    /// A refusal met on the last input while the strategy handled another is still waiting then
    /// (`StrategyDriver.refusalsWaiting`): the next `poll` delivers it.
    public static func run<Exchange: SimulatedMarketExchange, Inputs: AsyncSequence>(
        _ driver: StrategyDriver<Exchange>, risk: RiskStack, inputs: Inputs
    ) async -> (driver: StrategyDriver<Exchange>, risk: RiskStack) where Inputs.Element == DriverInput, Inputs.Failure == Never {
        var driver = driver
        var risk = risk
        var now: Int64 = 0
        for await input in inputs {
            switch input {
            case .market(let venue, let book):
                guard let symbol = driver.strategy.requirements.first(where: { $0.venue == venue })?.symbol else { continue }
                var refusal: ExchangeError?
                driver.withExchange(venue) { exchange in
                    do throws(ExchangeError) { try exchange.publish(book, for: symbol) } catch { refusal = error }
                }
                if let refusal { driver.noteRefusedBook(refusal) }
            case .clock(let time):
                now = max(now, time)
                for venue in VenueID.allCases { driver.withExchange(venue) { $0.advance(to: now) } }
            case .halt:
                risk.halt()
            }
            driver.poll(now: now, risk: &risk)
        }
        return (driver, risk)
    }
}
