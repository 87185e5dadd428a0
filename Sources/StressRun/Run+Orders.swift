import ExchangeSim
import ExchangeVocabulary
import MarketSim
import TradingMachines
import TradingVocabulary

extension Run {
    /// Follows every order in flight: a terminal one leaves the list (a venue rejection or a
    /// partly filled IOC is recorded), an UNKNOWN one is queried, a NOT_FOUND one never arrived.
    mutating func pollOrders(choices: inout some ChoiceSource) {
        var kept = 0
        var resend: [TrackedOrder] = []
        for index in tracked.indices {
            var order = tracked[index]
            var done = false
            let symbol = symbols[order.symbol]
            switch exchange.clientOrder(withID: order.id)?.state {
            case .venue(let state) where state.isTerminal:
                done = true
                let venue = exchange.venueOrder(withID: order.id)
                if state == .rejected, let reason = venue?.rejectReason {
                    events.append(.rejection(Rejection(time: now, symbol: symbol, side: order.side, reason: .venue(reason))))
                } else if state == .expired, let filled = venue?.filled, filled.value < order.quantity {
                    failure(order.id, symbol, .partlyFilled(filled: filled, of: Lots(order.quantity)))
                }
            case .unknown:
                if !order.timedOutRecorded {
                    order.timedOutRecorded = true
                    failure(order.id, symbol, .timedOut)
                }
                if mutation == .resendAfterReconnect, exchange.isConnected {
                    done = true
                    resend.append(order)
                } else if exchange.isConnected {
                    // Connected, and a tracked order was accepted by the venue's client: a refusal
                    // means the tracking lost it, a bug of the executor's, named.
                    do throws(ClientError) {
                        try exchange.query(order.id, latency: LinkLatency(out: faults.bounds.baseLatency, back: faults.bounds.baseLatency))
                    } catch {
                        preconditionFailure("the venue does not know tracked order \(order.id): \(error)")
                    }
                }
            case .notFound:
                done = true
                failure(order.id, symbol, .neverArrived)
            case .none:
                done = true
            default:
                break
            }
            if !done {
                tracked[kept] = order
                kept += 1
            }
        }
        tracked.removeLast(tracked.count - kept)
        for order in resend {
            let copy = NewOrder(
                id: ClientOrderID(nextOrderID), symbol: symbols[order.symbol], side: order.side, type: .market, quantity: Lots(order.quantity),
                timeInForce: .ioc)
            send(copy, symbol: order.symbol, amount: 0, decision: order.decision, choices: &choices)
        }
    }

    mutating func failure(_ id: ClientOrderID?, _ symbol: Symbol, _ kind: ExecutionFailureKind) {
        events.append(.executionFailure(ExecutionFailure(time: now, order: id, symbol: symbol, kind: kind)))
    }

    /// Position management's exit orders (DRAIN, FORCED_UNWIND): a sell of what is held and not
    /// already being sold, routed by the router's view of the trading mode.
    mutating func sendExits(choices: inout some ChoiceSource) {
        let exits = decisionTimer.map { timer in timer.time { () -> [ExitOrder] in stack.cycle() } } ?? stack.cycle()
        for exit in exits {
            guard let i = symbols.firstIndex(of: exit.symbol) else { continue }
            sell(i, lots: Int64.max, choices: &choices)
        }
    }

    /// Asks the strategy for this bar's intents (with the scenario's signal faults applied) and
    /// sends them: buys through the risk stack, sells through the router.
    mutating func runStrategy(_ index: Int, equity: Int64, choices: inout some ChoiceSource) {
        let fault = market.signalFault(atBar: index)
        if fault != .frozen { frozenBars = nil } else if frozenBars == nil { frozenBars = stepBars }
        let view = MarketStep(step: index, time: now, symbols: symbols, bars: frozenBars ?? stepBars)
        for i in positionLots.indices { positionLots[i] = ledger.positions[i].lots }
        let portfolio = PortfolioView(equity: Cents(equity), cash: Cents(ledger.cash), positions: positionLots)
        intents.removeAll(keepingCapacity: true)
        strategy.decide(view, portfolio: portfolio, into: &intents)
        for var intent in intents where symbols.indices.contains(intent.symbol) {
            if fault == .inverted {
                intent.side = intent.side == .buy ? .sell : .buy
                intent.notional = Cents(min(intent.notional.value, max(equity, 0)))
            }
            guard let quote = quotes[intent.symbol] else { continue }
            if let age = quoteAge(intent.symbol), age > configuration.maxQuoteAge {
                events.append(.rejection(Rejection(time: now, symbol: symbols[intent.symbol], side: intent.side, reason: .staleData(age: age))))
                continue
            }
            switch intent.side {
            case .buy: buy(intent.symbol, notional: intent.notional.value, at: quote.ask.value, choices: &choices)
            case .sell: sell(intent.symbol, lots: intent.notional.value / max(quote.bid.value * SymbolScale.tickValue.value, 1), choices: &choices)
            }
        }
    }

    /// How old the client's quote of symbol `i` is now (nil: none received yet).
    func quoteAge(_ i: Int) -> SimDuration? {
        // The venue lists the run's symbols in their order (`Run.init`): symbol i is instrument i.
        exchange.clientQuoteReceivedAt(instrument: i).map { now - $0 }
    }

    /// The age of the stalest client quote (nil while a symbol has none).
    func oldestQuoteAge() -> SimDuration? {
        var oldest = SimDuration.zero
        for i in symbols.indices {
            guard let age = quoteAge(i) else { return nil }
            oldest = max(oldest, age)
        }
        return oldest
    }

    /// A buy of `notional` at the ask: the risk stack decides; accepted for the exchange, the
    /// safety properties of a new position are checked and it is sent.
    mutating func buy(_ i: Int, notional: Int64, at ask: Int64, choices: inout some ChoiceSource) {
        let perLot = ask * SymbolScale.tickValue.value
        let lots = min(notional / max(perLot, 1), VenueLimits.maxQuantity.value)
        guard lots > 0 else { return }
        let amount = lots * perLot
        let symbol = symbols[i]
        let stateBefore = stack.portfolioState
        let decision: RiskDecision
        let request = OrderRequest(symbol: symbol, amount: Cents(amount))
        do {
            if let decisionTimer {
                decision = try decisionTimer.time { () throws -> RiskDecision in try stack.submit(request) }
            } else {
                decision = try stack.submit(request)
            }
        } catch {
            events.append(.rejection(Rejection(time: now, symbol: symbol, side: .buy, reason: .stackError(String(describing: error)))))
            return
        }
        switch decision {
        case .rejected(let rejection):
            events.append(.rejection(Rejection(time: now, symbol: symbol, side: .buy, reason: .risk(rejection))))
        case .accepted(.simulation):
            accepted[i] += amount
            events.append(.dryRun(time: now, symbol: symbol, amount: Cents(amount)))
        case .accepted(.exchange):
            let id = ClientOrderID(nextOrderID)
            if stateBefore == .stressed || stateBefore == .crisis || stateBefore == .emergencyHalt {
                violate(.newPositionWhileRestricted(time: now, order: id, symbol: symbol, state: stateBefore))
            }
            checkSectorCap(afterAdding: amount, to: i, order: id)
            send(
                NewOrder(id: id, symbol: symbol, side: .buy, type: .market, quantity: Lots(lots), timeInForce: .ioc),
                symbol: i, amount: amount, choices: &choices)
        }
    }

    /// A sell of up to `lots` (capped at what is held and not already being sold), if the
    /// router believes the mode is live and not halted.
    mutating func sell(_ i: Int, lots: Int64, choices: inout some ChoiceSource) {
        var selling: Int64 = 0
        for order in tracked where order.symbol == i && order.side == .sell { selling += order.quantity - order.booked }
        let quantity = min(lots, ledger.positions[i].lots - selling, VenueLimits.maxQuantity.value)
        guard quantity > 0 else { return }
        guard routerMode == .liveActive, !routerHalted else {
            events.append(.rejection(Rejection(time: now, symbol: symbols[i], side: .sell, reason: .routerClosed(mode: routerMode, halted: routerHalted))))
            return
        }
        let order = NewOrder(id: ClientOrderID(nextOrderID), symbol: symbols[i], side: .sell, type: .market, quantity: Lots(quantity), timeInForce: .ioc)
        send(order, symbol: i, amount: 0, choices: &choices)
    }
}
