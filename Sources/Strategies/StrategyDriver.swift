import ExchangeVocabulary
import StrategyVocabulary
import TradingMachines
import TradingVocabulary

/// Connects one strategy to its exchanges through the risk stack: carries out the strategy's
/// actions (every order submitted to the risk stack first; a refusal comes back as a
/// `.rejected(id, .riskStack)` report, nothing is sent), turns what the exchanges answer into
/// order reports, and stops the strategy when the super-state is in EMERGENCY_HALT.
///
/// The risk stack is passed in to every call, so that many drivers share one stack: its limits
/// are the portfolio's, across every strategy.
public struct StrategyDriver<Exchange: StrategyExchange>: Sendable {
    public private(set) var strategy: Strategy
    /// By venue: `exchanges[venue.rawValue]`.
    public private(set) var exchanges: [Exchange?]
    /// The latest actions the strategy produced, in order: at least the last `actionLimit`
    /// (at most twice as many: the oldest half is dropped at once, so that a driver that runs for
    /// months keeps bounded memory at a constant cost an action).
    public private(set) var actions: [StrategyAction] = []
    /// How many older actions were dropped from the front of `actions`: the strategy produced
    /// `actionsDropped + actions.count` in all.
    public private(set) var actionsDropped = 0
    /// How many actions `actions` keeps at least (at least 1).
    public let actionLimit: Int
    /// The actions kept by default.
    public static var defaultActionLimit: Int { 10_000 }
    /// How many books a simulation published that their exchange refused (crossed, out of
    /// range, an unlisted symbol): the strategy never saw them. ``lastRefusedBook`` says why.
    public private(set) var refusedBooks = 0
    /// The exchange's error for the last refused book.
    public private(set) var lastRefusedBook: ExchangeError?
    /// How many of `poll`'s questions (a book, an order's state) the exchange did not answer (a
    /// disconnected venue, no book yet, an order it no longer knows): the strategy keeps what it
    /// was last told, and the next poll asks again. ``lastFailedQuery`` says why.
    public private(set) var failedQueries = 0
    /// The exchange's error for the last question it did not answer.
    public private(set) var lastFailedQuery: ExchangeError?
    /// How many orders the risk stack refused with an error rather than a decision (a notional
    /// of 0: a zero quantity): each reported to the strategy as rejected by the risk stack.
    /// ``lastRiskStackError`` says why.
    public private(set) var riskStackErrors = 0
    /// The risk stack's error for the last such order.
    public private(set) var lastRiskStackError: RiskStackError?
    /// The last book of each venue (the risk stack prices market orders at it).
    var books: [BookTicker?] = [nil, nil]
    /// What the driver last told the strategy about each order it did not see finish: how much
    /// was filled, and those fills' price total when the exchange reports one.
    var known: [ClientOrderID: (venue: VenueID, filled: Lots, priceTotal: Int64?)] = [:]
    var step = StrategyStep()
    /// Refusals met while the strategy handled a refusal, kept for the next `deliver`. A strategy
    /// re-places a refused flatten, unwind or quote at once; were the refusal of the retry
    /// delivered at once too, a stack that keeps refusing (OFF, CRISIS, a full cap) or a venue
    /// that is down would loop forever inside one call. Deferred, it is one retry per call.
    var deferredRefusals: [StrategyEvent] = []
    /// How many refusals were kept for a later call rather than delivered at once.
    public private(set) var refusalsDeferred = 0
    /// Refusals kept and not yet delivered: the strategy still believes these orders work until
    /// the next `poll` tells it. Non-zero after a run that ended while the stack or the venue
    /// kept refusing.
    public var refusalsWaiting: Int { deferredRefusals.count }

    /// Starts `strategy` on `exchanges` after runtime validation.
    ///
    /// - Throws: `StrategyStartError` naming every missing exchange and symbol.
    public init(strategy: Strategy, exchanges: [VenueID: Exchange], actionLimit: Int = defaultActionLimit) throws(StrategyStartError) {
        precondition(actionLimit >= 1, "StrategyDriver: an action limit of \(actionLimit); it keeps at least the latest action")
        try StrategyValidation.validate(strategy, listings: exchanges.mapValues(\.symbols))
        self.actionLimit = actionLimit
        self.strategy = strategy
        self.exchanges = VenueID.allCases.map { exchanges[$0] }
    }

    /// Counts a question of `poll` the exchange did not answer (``failedQueries``).
    mutating func noteFailedQuery(_ error: ExchangeError) {
        failedQueries += 1
        lastFailedQuery = error
    }

    /// Counts a book the exchange refused (``refusedBooks``).
    mutating func noteRefusedBook(_ error: ExchangeError) {
        refusedBooks += 1
        lastRefusedBook = error
    }

    /// The exchange of `venue`, to drive its market in a simulation.
    public func exchange(_ venue: VenueID) -> Exchange? { exchanges[Int(venue.rawValue)] }

    /// Changes the exchange of `venue` (a simulation publishing books, moving the clock).
    public mutating func withExchange(_ venue: VenueID, _ body: (inout Exchange) -> Void) {
        guard var exchange = exchanges[Int(venue.rawValue)] else { return }
        exchanges[Int(venue.rawValue)] = nil
        body(&exchange)
        exchanges[Int(venue.rawValue)] = exchange
    }

    /// Delivers `event` and everything it leads to (reports of orders placed or cancelled at
    /// once), in order. The refusals an earlier call deferred (``refusalsDeferred``) come first,
    /// then `.emergencyStop` when the risk stack's super-state is in EMERGENCY_HALT.
    public mutating func deliver(_ event: StrategyEvent, risk: inout RiskStack) {
        // The deferred refusals first: a stop nets its flatten against the orders it believes
        // working, and a refused one must not be among them.
        var queue = deferredRefusals
        deferredRefusals.removeAll()
        if risk.superState.state == .emergencyHalt, !strategy.phase.isTerminal { queue.append(.emergencyStop) }
        queue.append(event)
        var next = 0
        var reports: [StrategyEvent] = []
        while next < queue.count {
            let current = queue[next]
            next += 1
            if case .book(let venue, let book) = current { books[Int(venue.rawValue)] = book }
            step.removeAll()
            strategy.handle(current, into: &step)
            for action in step.actions {
                actions.append(action)
                if actions.count - actionLimit >= actionLimit {  // twice the limit, without overflow
                    actions.removeFirst(actionLimit)
                    actionsDropped += actionLimit
                }
                reports.removeAll(keepingCapacity: true)
                carryOut(action, risk: &risk, reports: &reports)
                for report in reports {
                    if Self.isRefusal(current), Self.isRefusal(report) {
                        deferredRefusals.append(report)
                        refusalsDeferred += 1
                    } else {
                        queue.append(report)
                    }
                }
            }
        }
    }

    /// A rejection or a failed cancel: what a strategy may answer by trying again at once.
    static func isRefusal(_ event: StrategyEvent) -> Bool {
        switch event {
        case .order(.rejected), .order(.cancelFailed): true
        default: false
        }
    }

    /// Asks every exchange for the books the strategy trades and the orders it has working,
    /// and delivers what changed, then the time.
    public mutating func poll(now: Int64, risk: inout RiskStack) {
        for (venue, symbol) in strategy.requirements {
            guard let exchange = exchanges[Int(venue.rawValue)] else { continue }
            let book: BookTicker
            do throws(ExchangeError) { book = try exchange.bookTicker(symbol) } catch {
                noteFailedQuery(error)
                continue
            }
            if book != books[Int(venue.rawValue)] { deliver(.book(venue, book), risk: &risk) }
        }
        for id in known.keys.sorted() {
            guard let entry = known[id], let exchange = exchanges[Int(entry.venue.rawValue)] else { continue }
            let order: ExchangeOrder
            do throws(ExchangeError) { order = try exchange.order(id) } catch {
                noteFailedQuery(error)
                continue
            }
            var reports: [StrategyEvent] = []
            record(order, venue: entry.venue, into: &reports)
            for report in reports { deliver(report, risk: &risk) }
        }
        deliver(.timer(now), risk: &risk)
    }

    mutating func carryOut(_ action: StrategyAction, risk: inout RiskStack, reports: inout [StrategyEvent]) {
        switch action {
        case .alert: break
        case .place(let order):
            guard approved(order, risk: &risk) else {
                reports.append(.order(.rejected(order.id, .riskStack)))
                return
            }
            known[order.id] = (order.venue, .zero, 0)
            let venue = Int(order.venue.rawValue)
            do throws(ExchangeError) {
                guard var exchange = exchanges[venue] else { throw .disconnected }
                let placed: ExchangeOrder
                if let limit = order.limit {
                    placed = try exchange.placeLimitOrder(id: order.id, symbol: order.symbol, side: order.side, quantity: order.quantity, price: limit)
                } else {
                    placed = try exchange.placeMarketOrder(id: order.id, symbol: order.symbol, side: order.side, quantity: order.quantity)
                }
                exchanges[venue] = exchange
                record(placed, venue: order.venue, into: &reports)
            } catch {
                known[order.id] = nil
                reports.append(.order(.rejected(order.id, error == .disconnected ? .disconnected : .venue)))
            }
        case .cancel(let id, let venueID):
            let venue = Int(venueID.rawValue)
            guard var exchange = exchanges[venue] else { return }
            do {
                let order = try exchange.cancelOrder(id)
                exchanges[venue] = exchange
                record(order, venue: venueID, into: &reports)
            } catch .disconnected {
                reports.append(.order(.cancelFailed(id)))
            } catch {
                // Already terminal or unknown at the venue: the next poll reports what it became.
            }
        }
    }

    /// Whether the risk stack accepts the order's notional (price × quantity, one minor unit
    /// per tick and lot; a market order at the last book's touch).
    mutating func approved(_ order: StrategyOrder, risk: inout RiskStack) -> Bool {
        let book = books[Int(order.venue.rawValue)]
        let price = order.limit?.value ?? (order.side == .buy ? book?.ask.value : book?.bid.value) ?? 1
        let (amount, overflow) = order.quantity.value.multipliedReportingOverflow(by: max(price, 1))
        guard !overflow else { return false }
        do throws(RiskStackError) {
            guard case .accepted = try risk.submit(OrderRequest(symbol: order.symbol, amount: Cents(amount))) else { return false }
            return true
        } catch {
            riskStackErrors += 1
            lastRiskStackError = error
            return false
        }
    }

    /// The price of the `quantity` lots filled since the strategy was last told, whose price
    /// total then was `told`: exact from the exchange's price totals (the average of those fills,
    /// rounded down); otherwise the order's average price, its limit, or 0 for an exchange that
    /// reports no price at all.
    static func price(of quantity: Int64, _ order: ExchangeOrder, told: Int64?) -> Ticks {
        // A total that did not grow (a stale or placeholder figure from some adapter), or one
        // below zero, says nothing about the new lots: the average is the better guess.
        if quantity > 0, let total = order.fillPriceTotal, let told, told >= 0, total > told {
            return Ticks((total - told) / quantity)
        }
        return order.averagePrice ?? order.price ?? 0
    }

    /// The reports that bring the strategy from what it was told to `order`'s state.
    mutating func record(_ order: ExchangeOrder, venue: VenueID, into reports: inout [StrategyEvent]) {
        guard let told = known[order.id] else { return }
        // Acknowledged (the strategy ignores a second acknowledgement of a working order).
        if order.state != .rejected, order.state != .pending { reports.append(.order(.accepted(order.id))) }
        if order.filled > told.filled {
            let quantity = order.filled.value - told.filled.value
            reports.append(.order(.filled(order.id, quantity: Lots(quantity), price: Self.price(of: quantity, order, told: told.priceTotal))))
        }
        known[order.id]?.filled = order.filled
        known[order.id]?.priceTotal = order.fillPriceTotal
        switch order.state {
        case .canceled: reports.append(.order(.canceled(order.id)))
        case .rejected: reports.append(.order(.rejected(order.id, .venue)))
        case .pending, .new, .partiallyFilled, .filled: break
        }
        if order.state.isTerminal { known[order.id] = nil }
    }
}
