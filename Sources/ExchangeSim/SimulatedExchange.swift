import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// The production simulated exchange: a venue and its one client, on one virtual clock
/// (`docs/exchange.md` is the specification, rule by rule).
///
/// Commands are the client's requests (`submit`, `resubmit`, `cancel`, `query`), market data
/// (`apply(_:)`), link and fault switches, and `advance(by:)`, the only way time passes and
/// scheduled messages are delivered. The hot path (messages, pricing, fills, books) does no heap
/// allocation once the reserved capacities are reached; the views (`venueOrders`, …) allocate and
/// are meant for checks.
///
/// Memory: the venue remembers every order id for the run (duplicate ids are rejected), so order
/// tables grow with the number of submits (reserve them with `capacity`). The fill log grows with
/// every fill unless `keepsFillLog` is false; `removeFills(through:)` trims it in long runs.
public struct SimulatedExchange: Sendable {
    let configuration: VenueConfiguration
    /// The configuration's instruments, indexed as in `configuration.instruments`.
    let instruments: [Instrument]
    /// Linear lookup for a few symbols, a dictionary beyond.
    let symbolIndex: [Symbol: Int32]

    /// The current virtual time.
    public internal(set) var now: SimTime

    var queue: MessageQueue
    var venue: [VenueOrder] = []
    var client: [ClientOrder] = []
    var clientIndex: [ClientOrderID: Int32]
    var markets: [SymbolMarket]
    var clientQuotes: [ClientQuote?]
    var holdings: [Holding]
    var totals: OpenTotals
    var cash: Int64
    var feesPaid: Int64
    var fillLog: [Fill] = []
    /// How many fills the books have taken in the run (the log may be trimmed or off).
    public internal(set) var fillsBooked = 0
    /// How many scheduled messages and timers have been delivered (lost ones included).
    public internal(set) var messagesDelivered = 0
    /// Whether fills are appended to `fills` (the books are kept either way).
    public let keepsFillLog: Bool

    var connected = true
    /// A deliberate bug for the bug zoo; `.none` in production.
    @_spi(BugZoo) public var mutation: VenueMutation = .none
    var rejectStorm = false
    var staleBook = false

    /// A venue at `configuration.start`, link up, no storm, no stale book, no orders.
    ///
    /// - Parameters:
    ///   - capacity: orders to reserve room for (venue and client tables, messages, fills), so a
    ///     run of that size never grows a table.
    ///   - keepsFillLog: false keeps the books but no fill log (`fills` stays empty), for long
    ///     runs: memory then grows only with the order tables, by submit (see the type's notes).
    /// - Throws: the first bound the configuration breaks.
    public init(configuration: VenueConfiguration, capacity: Int = 256, keepsFillLog: Bool = true) throws(VenueConfigurationError) {
        try configuration.validate()
        self.configuration = configuration
        instruments = configuration.instruments
        var index: [Symbol: Int32] = [:]
        for (position, instrument) in configuration.instruments.enumerated() { index[instrument.symbol] = Int32(position) }
        symbolIndex = index
        now = configuration.start
        let reserved = max(capacity, 16)
        queue = MessageQueue(capacity: reserved * 4)
        venue.reserveCapacity(reserved)
        client.reserveCapacity(reserved)
        clientIndex = Dictionary(minimumCapacity: reserved)
        let count = configuration.instruments.count
        markets = Array(filling: SymbolMarket(), count: count)
        for position in markets.indices { markets[position].resting.reserveCapacity(reserved) }
        clientQuotes = Array(filling: nil, count: count)
        holdings = Array(filling: Holding(), count: count)
        totals = OpenTotals(instruments: count)
        cash = configuration.initialCash.value
        feesPaid = 0
        self.keepsFillLog = keepsFillLog
        if keepsFillLog { fillLog.reserveCapacity(reserved * 4) }
    }

    /// The instrument index of `symbol`, if the venue lists it.
    @inline(__always)
    func instrumentIndex(_ symbol: Symbol) -> Int32? {
        if instruments.count <= 8 {
            for position in instruments.indices where instruments[position].symbol == symbol { return Int32(position) }
            return nil
        }
        return symbolIndex[symbol]
    }

    /// Whether the client's link is up.
    public var isConnected: Bool { connected }
    /// Whether a reject storm is on (flagged submits are rejected as `rejectStorm`).
    public var isRejectStorm: Bool { rejectStorm }
    /// Whether the client's quotes are frozen.
    public var isBookStale: Bool { staleBook }
    /// Messages and timers still scheduled.
    public var pendingMessages: Int { queue.count }
}
