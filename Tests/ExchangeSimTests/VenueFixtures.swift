import ExchangeSim
import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// Shared fixtures: a spot symbol (tick value 1 ¢), a second spot symbol, and a futures contract
/// (tick value 10 ¢, 10% initial margin, expiring an hour after the start).
enum Fixture {
    static let spot = symbol("AAA")
    static let other = symbol("BBB")
    static let future = symbol("FUT")
    static let start = SimTime.simulationEpoch
    static let expiry = start + .hours(1)

    static func symbol(_ text: String) -> Symbol {
        do { return try Symbol(text) } catch { fatalError("fixture symbol \(text): \(error)") }
    }

    static func configuration(
        cash: Int64 = 1_000_000, maker: Int64 = 0, taker: Int64 = 0, slippage: SlippageModel = .none,
        participation: Int64 = 10_000, timeout: SimDuration = .seconds(1), cancelOnDisconnect: Bool = false
    ) -> VenueConfiguration {
        VenueConfiguration(
            instruments: [
                Instrument(symbol: spot, kind: .spot, tickValue: 1),
                Instrument(symbol: other, kind: .spot, tickValue: 1),
                Instrument(symbol: future, kind: .futures(expiry: expiry), tickValue: 10, initialMargin: 1_000),
            ],
            initialCash: Cents(cash), fees: FeeSchedule(maker: BasisPoints(maker), taker: BasisPoints(taker)), slippage: slippage,
            participation: BasisPoints(participation), timeout: timeout, cancelOnDisconnect: cancelOnDisconnect, start: start)
    }

    static func venue(
        cash: Int64 = 1_000_000, maker: Int64 = 0, taker: Int64 = 0, slippage: SlippageModel = .none, participation: Int64 = 10_000,
        timeout: SimDuration = .seconds(1), cancelOnDisconnect: Bool = false
    ) throws -> SimulatedExchange {
        try SimulatedExchange(
            configuration: configuration(
                cash: cash, maker: maker, taker: taker, slippage: slippage, participation: participation,
                timeout: timeout, cancelOnDisconnect: cancelOnDisconnect))
    }
}

func order(_ id: UInt64, _ side: Side, _ type: OrderType, _ quantity: Int64, _ symbol: Symbol = Fixture.spot, ioc: Bool = false) -> NewOrder {
    NewOrder(id: ClientOrderID(id), symbol: symbol, side: side, type: type, quantity: Lots(quantity), timeInForce: ioc ? .ioc : .gtc)
}

func quote(_ bid: Int64, _ ask: Int64, bidSize: Int64 = 1_000_000, askSize: Int64 = 1_000_000, thin: Bool = false, _ symbol: Symbol = Fixture.spot)
    -> QuoteUpdate
{
    QuoteUpdate(symbol: symbol, bid: Ticks(bid), ask: Ticks(ask), bidSize: Lots(bidSize), askSize: Lots(askSize), thin: thin)
}

func bar(
    _ open: Int64, _ high: Int64, _ low: Int64, _ close: Int64, volume: Int64 = 4_000_000, sigma: Int64 = 0, thin: Bool = false,
    _ symbol: Symbol = Fixture.spot
) -> BarUpdate {
    BarUpdate(
        symbol: symbol, open: Ticks(open), high: Ticks(high), low: Ticks(low), close: Ticks(close), volume: Lots(volume),
        sigma: BasisPoints(sigma), thin: thin)
}

func latency(_ outMs: Int64, _ backMs: Int64) -> LinkLatency { LinkLatency(out: .milliseconds(outMs), back: .milliseconds(backMs)) }

extension SimulatedExchange {
    /// Submits with zero latency and no reject flag, then delivers what is due now.
    mutating func place(_ request: NewOrder, randomReject: Bool = false) throws {
        try submit(request, latency: .zero, randomReject: randomReject)
        advance(by: .zero)
    }

    func venueOrder(_ id: UInt64) -> VenueOrderSnapshot? { venueOrders.first { $0.request.id == ClientOrderID(id) } }
    func clientOrder(_ id: UInt64) -> ClientOrderSnapshot? { clientOrders.first { $0.id == ClientOrderID(id) } }
    func venueState(_ id: UInt64) -> VenueOrderState? { venueOrder(id)?.state }
    func clientState(_ id: UInt64) -> ClientOrderState? { clientOrder(id)?.state }
    func holding(_ symbol: Symbol) -> HoldingSnapshot? { account.holdings.first { $0.symbol == symbol } }
    /// (price, quantity) of each fill, in booking order.
    var trades: [[Int64]] { fills.map { [$0.price.value, $0.quantity.value] } }
}
