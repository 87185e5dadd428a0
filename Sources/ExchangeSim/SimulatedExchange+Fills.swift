import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// Booking a fill: once in the order, once in the books, once in the log, once reported.
extension SimulatedExchange {
    /// Fills `quantity` (1 … remainder) of `order` at `price`: the order's state follows the
    /// lifecycle table, the fee is charged at its liquidity's rate, and a report goes back.
    mutating func fill(_ order: Int32, quantity: Int64, price: Int64) {
        var held = venue[Int(order)]
        precondition(quantity > 0 && quantity <= held.remainder && isPriceable(order), "a fill beyond the remainder or of a terminal order")
        if held.isOpen { count(order, -1) }
        held.filled += quantity
        held.fillPriceTotal = mutation == .priceTotalAtLastFill ? price * held.filled : held.fillPriceTotal + price * quantity
        if held.filled == held.request.quantity.value {
            held.state = .filled
        } else if held.state == .accepted {
            held.state = .partiallyFilled
        }
        venue[Int(order)] = held
        if held.isOpen { count(order, 1) }
        let instrument = Int(held.instrument)
        let tickValue = instruments[instrument].tickValue.value
        let notional = Money.notional(price: price, quantity: quantity, tickValue: tickValue)
        let rate = held.liquidity == .maker ? configuration.fees.maker : configuration.fees.taker
        var fee = Money.fee(notional: notional, rate: rate)
        if mutation == .feeOnOrder {
            fee = Money.fee(notional: Money.notional(price: price, quantity: held.request.quantity.value, tickValue: tickValue), rate: rate)
        }
        fillsBooked += 1
        if !(mutation == .partialFillNotBooked && held.state != .filled) {
            book(instrument: instrument, signed: held.request.side.sign * quantity, price: price, notional: notional, fee: fee)
        }
        if keepsFillLog {
            fillLog.append(
                Fill(
                    orderID: held.request.id, symbol: held.request.symbol, side: held.request.side, price: Ticks(price),
                    quantity: Lots(quantity), fee: Cents(fee), liquidity: held.liquidity, time: now))
        }
        report(order, back: held.back)
    }

    /// The average-cost books: a fill of signed quantity `signed` at `price`.
    mutating func book(instrument: Int, signed: Int64, price: Int64, notional: Int64, fee: Int64) {
        var holding = holdings[instrument]
        let realizedBefore = holding.realized
        let direction: Int64 = signed > 0 ? 1 : -1
        if holding.position == 0 || (holding.position > 0) == (signed > 0) {
            holding.position += signed
            holding.cost += direction * notional
        } else {
            let size = abs(holding.position)
            let closed = min(abs(signed), size)
            let removed = Money.narrow(Int128(holding.cost) * Int128(closed) / Int128(size))
            let tickValue = instruments[instrument].tickValue.value
            let sign: Int64 = holding.position > 0 ? 1 : -1
            holding.realized += sign * Money.notional(price: price, quantity: closed, tickValue: tickValue) - removed
            holding.cost -= removed
            holding.position += direction * closed
            let rest = abs(signed) - closed
            if rest > 0 {
                // Through flat: the rest opens the other side at the fill price.
                holding.position = direction * rest
                holding.cost = direction * Money.notional(price: price, quantity: rest, tickValue: tickValue)
            }
        }
        if instruments[instrument].isSpot {
            cash -= direction * notional + fee
        } else {
            cash += holding.realized - realizedBefore - fee
        }
        feesPaid += fee
        holding.mark = price
        holding.hasTraded = true
        holdings[instrument] = holding
    }
}
