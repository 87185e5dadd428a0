@_spi(BugZoo) import ExchangeSim
import ExchangeVocabulary
import TradingModels

/// The production `SimulatedExchange` behind the model's vocabulary.
public struct ExchangeSystem: SystemUnderTest {
    public private(set) var exchange: SimulatedExchange
    private var setup = VenueSetup()
    /// The bug the venue carries (the zoo's variants); `.none` for production.
    private let mutation: VenueMutation

    public init() throws {
        try self.init(mutation: .none)
    }

    /// Production with a deliberate bug, for the bug zoo.
    @_spi(BugZoo) public init(mutation: VenueMutation) throws {
        self.mutation = mutation
        exchange = try Self.calm.get()
        exchange.mutation = mutation
    }

    /// Orders to reserve room for: a case holds at most a few dozen, and a venue is built for every
    /// case (twice when it starts with `configure`), so the production default (256) would spend
    /// the check's time in malloc.
    static let capacity = 16

    /// The venue every case starts from, built once (a case copies it; the copy shares its
    /// storage until the first change).
    private static let calm = Result { () throws(VenueConfigurationError) in
        try SimulatedExchange(configuration: VenueSetup().configuration, capacity: capacity)
    }

    public mutating func apply(_ command: ExchangeCommand) throws -> ExchangeOutcome {
        if case .configure(let setup) = command {
            self.setup = setup
            exchange = try SimulatedExchange(configuration: setup.configuration, capacity: Self.capacity)
            exchange.mutation = mutation
            return .done
        }
        do throws(ClientError) {
            switch command {
            case .configure: preconditionFailure("handled above")
            case .submit(let order, let latency, let randomReject): try exchange.submit(order, latency: latency, randomReject: randomReject)
            case .resubmit(let id, let latency, let randomReject): try exchange.resubmit(id, latency: latency, randomReject: randomReject)
            case .cancel(let id, let latency, let hold, let refuse): try exchange.cancel(id, latency: latency, hold: hold, refuse: refuse)
            case .query(let id, let latency): try exchange.query(id, latency: latency)
            case .advance(let duration): exchange.advance(by: duration)
            case .quote(let quote):
                do throws(MarketDataError) { try exchange.apply(quote) } catch { return .badMarketData(error) }
            case .bar(let bar):
                do throws(MarketDataError) { try exchange.apply(bar) } catch { return .badMarketData(error) }
            case .disconnect: exchange.disconnect()
            case .reconnect: exchange.reconnect()
            case .rejectStorm(let on): exchange.setRejectStorm(on)
            case .staleBook(let on): exchange.setStaleBook(on)
            }
        } catch {
            return .refused(error)
        }
        return .done
    }

    public var observation: ExchangeObservation {
        ExchangeObservation(
            now: exchange.now, isConnected: exchange.isConnected, isRejectStorm: exchange.isRejectStorm, isBookStale: exchange.isBookStale,
            venueOrders: exchange.venueOrders, clientOrders: exchange.clientOrders, fills: exchange.fills, account: exchange.account,
            // Every venue of the check is configured with `VenueSetup.instruments`, in order.
            clientQuotes: exchange.receivedQuotes,
            initialCash: setup.initialCash, fees: setup.fees)
    }
}
