import Foundation
import ExchangeSim
import ExchangeVocabulary
import MarketSim
import TradingMachines
import TradingVocabulary

extension Run {
    /// One bar, in the order of `docs/stress.md` (the loop): time passes at the venue, its faults
    /// and the bars apply, fills are booked, the stack is marked and fed, the safety properties
    /// are checked, the liveness status is taken, exits and the strategy's orders go through the
    /// stack to the venue.
    mutating func step(_ index: Int, choices: inout some ChoiceSource) {
        bar = index
        advanceThroughScheduledFaults(by: market.advance(toStep: index, from: exchange.now))
        now = exchange.now
        applyVenueFaults(bar: index)
        ingestBars(index, choices: &choices)
        // Fills first: polling drops the orders that are over, and a fill must find its order.
        bookFills()
        pollOrders(choices: &choices)
        let equity = ledger.equity(closes: closes)
        equityCurve.append(EquityPoint(time: now, equity: Cents(equity)))
        reconcileStack(equity: equity)
        checkBooks()
        let conditions = feedSuperState(equity: equity)
        emergencyStops(conditions: conditions)
        operate()
        enforceExits()
        propagateMode()
        recordTransitions()
        // Settled or not is judged here: the venue's reports are in, the books and the stack have
        // reacted, and this step's orders are not yet sent. An order sent this step has had no
        // time to resolve (the rules promise an outcome within its latency and timeout, not at
        // once); one still in flight at the next step's judgment is unresolved.
        goals.append(
            StepStatus(
                time: now, failures: livenessFailures(conditions: conditions), linkUp: exchange.isConnected,
                oldestQuoteAge: oldestQuoteAge()))
        sendExits(choices: &choices)
        runStrategy(index, equity: equity, choices: &choices)
        recordTransitions()
        recordExposure()
    }

    /// Time passes at the venue to the end of the bar, the schedule's windows opening and
    /// closing at their own instants inside it: a disconnect in mid-bar catches the orders then
    /// in flight (their reports are lost, their outcome UNKNOWN until queried), and a window
    /// shorter than a bar still happens.
    mutating func advanceThroughScheduledFaults(by duration: SimDuration) {
        let end = exchange.now + duration
        while let next = schedule.nextChange(after: exchange.now - start), start + next < end {
            exchange.advance(by: start + next - exchange.now)
            applyLink(at: next)
        }
        exchange.advance(by: end - exchange.now)
    }

    /// The schedule's windows and the phase's outage, as of now: the link, the storm, the stale book.
    /// Takes this bar's market conditions per symbol first (read again by the bars and the orders).
    /// The conditions are looked up again only when the bar leaves the stretch they hold over
    /// (a phase, or a gap between phases): not for every symbol at every bar.
    mutating func applyVenueFaults(bar: Int) {
        if bar >= conditionsUntil || bar < conditionsFrom {
            var outage = false
            for i in symbols.indices {
                stepConditions[i] = market.conditions(symbolIndex: i, bar: bar)
                outage = outage || stepConditions[i].venueOutage
            }
            phaseOutage = outage
            (conditionsFrom, conditionsUntil) = market.conditionsStretch(atBar: bar)
        }
        applyLink(at: now - start)
        disconnectedSteps = exchange.isConnected ? 0 : disconnectedSteps + 1
    }

    /// The link, the storm and the stale book as the schedule and the phase's outage say at
    /// `offset` from the start.
    mutating func applyLink(at offset: SimDuration) {
        let down = phaseOutage || schedule.isDisconnected(at: offset)
        if down, exchange.isConnected { exchange.disconnect() }
        if !down, !exchange.isConnected { exchange.reconnect() }
        let storm = schedule.isRejectStorm(at: offset)
        if storm != exchange.isRejectStorm { exchange.setRejectStorm(storm) }
        let stale = schedule.isBookStale(at: offset)
        if stale != exchange.isBookStale { exchange.setStaleBook(stale) }
    }

    /// Checks each symbol's bar; a usable one trades the resting orders along its path, then its
    /// close becomes the quote in force; an unusable one is a data-quality fault and is skipped.
    ///
    /// Each per-symbol array is written once per bar (every write of an array element checks
    /// its uniqueness, and this runs for every symbol at every bar).
    mutating func ingestBars(_ index: Int, choices: inout some ChoiceSource) {
        for i in symbols.indices {
            var usable: Bar?
            if market.series[i].bars.indices.contains(index) {
                let bar = market.series[i].bars[index]
                switch scales[i].convert(bar, symbol: symbols[i], previous: lastUsable[i]?.time) {
                case .faulty(let kind):
                    badBars[i] += 1
                    events.append(.dataFault(DataQualityFault(time: now, symbol: symbols[i], barIndex: index, kind: kind)))
                case .usable(let venueBar):
                    if badBars[i] != 0 { badBars[i] = 0 }
                    let logReturn = accept(venueBar, of: bar, symbol: i, choices: &choices)
                    feed.record(symbol: i, return: logReturn, liquidity: bar.liquidity)
                    usable = bar
                }
            }
            stepBars[i] = usable
        }
        feed.endStep()
    }

    /// Feeds a usable bar (`bar`, converted as `venueBar`) to the venue and quotes its close.
    /// - Returns: the bar's log return from the previous usable close (nil for the first).
    mutating func accept(_ venueBar: VenueBar, of bar: Bar, symbol i: Int, choices: inout some ChoiceSource) -> Double? {
        let crisis = stepConditions[i].partialFillProbability > 0
        // Both thin flags drawn here, in the order they always were (nothing draws in between),
        // from one local copy of the fault mix: each call on `self.faults` copied it whole.
        let faults = self.faults
        let barThin = faults.isThin(inCrisis: crisis, from: &choices)
        let quoteThin = faults.isThin(inCrisis: crisis, from: &choices)
        var update = venueBar.update
        update.thin = barThin
        // Validated by `convert` (prices on the venue's range, low ≤ open, close ≤ high, volume
        // clamped, a listed symbol): a refusal here is a bug in `convert` or the venue, not data.
        do throws(MarketDataError) {
            try exchange.apply(update)
        } catch {
            preconditionFailure("the venue refused a bar that SymbolScale.convert accepted (\(symbols[i]), bar \(bar.time)): \(error)")
        }
        let close = update.close.value
        let depth = max(1, Int64((Double(configuration.quoteDepthLots) * min(max(bar.liquidity, 0), 1)).rounded(.down)))
        let quote = QuoteUpdate(
            symbol: symbols[i], bid: Ticks(close - venueBar.halfSpread), ask: Ticks(close + venueBar.halfSpread),
            bidSize: Lots(depth), askSize: Lots(depth), thin: quoteThin)
        do {
            try exchange.apply(quote)
            quotes[i] = quote
        } catch {
            quotes[i] = nil
        }
        let logReturn = lastUsable[i].map { log(bar.close / $0.close) }
        lastUsable[i] = bar
        closes[i] = close
        return logReturn
    }
}
