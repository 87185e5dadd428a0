import ExchangeSim
import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// A trading session on the simulated venue, journaled as a bot must: every listing, deposit,
/// acknowledgement, fill and cancellation is appended to the durable journal before the live
/// books take it. The integrity test drives it from a seed (`trade(orders:choices:)`); a test can
/// drive it order by order (`quote`, `send`, `cancel`).
public struct JournaledSession {
    /// Three spot instruments, 1 minor unit a tick, $1 000 000 of cash, maker rebates.
    public static let spotConfiguration: VenueConfiguration = {
        let symbols = ["AAA-USD", "BBB-USD", "CCC-USD"].map(Symbol.init(constant:))
        return VenueConfiguration(
            instruments: symbols.map { Instrument(symbol: $0, kind: .spot, tickValue: 1) },
            initialCash: Cents(100_000_000), fees: FeeSchedule(maker: BasisPoints(-1), taker: BasisPoints(5)), slippage: .none,
            participation: BasisPoints(10_000), timeout: .seconds(1), cancelOnDisconnect: false, start: .simulationEpoch)
    }()

    public private(set) var venue: SimulatedExchange
    public let journal: TransactionJournal
    public private(set) var live = PortfolioBooks()
    public var symbols: [Symbol] { configuration.instruments.map(\.symbol) }
    let configuration: VenueConfiguration
    var sent: [ClientOrderID: NewOrder] = [:]
    var fillsSeen = 0
    var nextID: UInt64 = 1
    /// A deliberate bug for the bug zoo and the tests: the bot forgets to journal its n-th fill
    /// (counted from 0; the live books still take it). nil in production.
    @_spi(BugZoo) public var dropsFill: Int?
    /// The fill the bug left out of the journal.
    @_spi(BugZoo) public private(set) var dropped: Fill?

    /// Lists every instrument and deposits the initial cash, in the journal first.
    /// - Throws: the venue's configuration error, or the journal's or the books' refusal.
    public init(configuration: VenueConfiguration, journal: TransactionJournal) throws {
        precondition(!configuration.instruments.isEmpty, "a session trades at least one instrument")
        venue = try SimulatedExchange(configuration: configuration)
        self.configuration = configuration
        self.journal = journal
        for instrument in configuration.instruments { try record(.instrumentListed(instrument)) }
        try record(.cashAdjusted(configuration.initialCash, reason: "initial deposit"))
    }

    /// Journal first (durable), then the live books.
    public mutating func record(_ transaction: JournalTransaction) throws {
        try journal.append(transaction)
        try live.apply(transaction)
    }

    /// A new quote for instrument `symbol` (by index), one tick wide, then what it caused.
    public mutating func quote(_ symbol: Int, bid: Int64, size: Int64 = 1_000) throws {
        try venue.apply(QuoteUpdate(symbol: symbols[symbol], bid: Ticks(bid), ask: Ticks(bid + 1), bidSize: Lots(size), askSize: Lots(size)))
        try settle()
    }

    /// Sends an order for instrument `symbol` (by index), then what it caused.
    @discardableResult
    public mutating func send(_ symbol: Int, _ side: Side, _ quantity: Int64, _ type: OrderType = .market) throws -> ClientOrderID {
        let order = NewOrder(id: ClientOrderID(nextID), symbol: symbols[symbol], side: side, type: type, quantity: Lots(quantity))
        nextID += 1
        try venue.submit(order, latency: .zero, randomReject: false)
        sent[order.id] = order
        try settle()
        return order.id
    }

    /// Cancels an order, then what it caused.
    public mutating func cancel(_ id: ClientOrderID) throws {
        try venue.cancel(id, latency: .zero, hold: .zero, refuse: false)
        try settle()
    }

    /// `orders` orders drawn from `choices`: a quote move per instrument, then a market order or
    /// a resting limit a few ticks away, either side, sells never beyond what is held; every
    /// fifth step a resting order still open is cancelled.
    public mutating func trade(orders: Int, choices: inout some ChoiceSource) throws {
        var prices: [Int64] = symbols.map { _ in 10_000 }
        var resting: [ClientOrderID] = []
        for n in 0..<orders {
            for i in prices.indices {
                prices[i] = max(100, prices[i] + Int64(choices.choose(upTo: 40)) - 20)
                try quote(i, bid: prices[i], size: 500)
            }
            let i = Int(choices.choose(upTo: UInt64(symbols.count - 1)))
            let held = venue.holding(of: symbols[i])?.position ?? 0
            let sell = held > 0 && choices.choose(upTo: 1) == 1
            let quantity = 1 + Int64(choices.choose(upTo: 20))
            let limit = choices.choose(upTo: 2) == 0
            let type: OrderType = limit ? .limit(Ticks(sell ? prices[i] + 3 : prices[i] - 1)) : .market
            let id = try send(i, sell ? .sell : .buy, sell ? min(quantity, held) : quantity, type)
            if limit { resting.append(id) }
            resting.removeAll { id in
                if case .venue(let state)? = venue.clientOrder(withID: id)?.state { state.isTerminal } else { false }
            }
            if n % 5 == 4, let id = resting.popLast() { try cancel(id) }
        }
    }

    /// Delivers what is due and journals what the venue reported: acknowledgements, then the new
    /// fills, then orders that ended unfilled.
    mutating func settle() throws {
        venue.advance(by: .milliseconds(1))
        for order in venue.clientOrders {
            guard let request = sent[order.id], case .venue(let state) = order.state, state != .rejected else { continue }
            sent[order.id] = nil
            try record(.orderAcknowledged(request))
        }
        let fills = venue.fills
        while fillsSeen < fills.count {
            let fill = fills[fillsSeen]
            if fillsSeen == dropsFill {
                dropped = fill
                try live.apply(.fillBooked(fill))  // the bug: the live books take it, the journal never hears of it
            } else {
                try record(.fillBooked(fill))
            }
            fillsSeen += 1
        }
        for order in venue.clientOrders {
            guard live.openOrders[order.id] != nil, case .venue(let state) = order.state, state == .canceled || state == .expired else { continue }
            try record(.orderCancelled(order.id, reason: state.rawValue))
        }
    }
}
