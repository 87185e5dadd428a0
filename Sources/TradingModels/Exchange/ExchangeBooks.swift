import ExchangeVocabulary
import TradingVocabulary

/// The books rebuilt from a fill log, one fill at a time, by `docs/exchange.md`'s rules: the
/// model's books *are* this fold, and the "fill log replays" invariant folds production's log.
public enum ExchangeBooks {
    /// The account after `fills`, starting from `initialCash` and nothing held.
    public static func account(after fills: [Fill], initialCash: Cents) -> AccountSnapshot {
        var account = AccountSnapshot(cash: initialCash, feesPaid: 0, holdings: [])
        for fill in fills { add(fill, to: &account) }
        return account
    }

    /// Books one more fill into `account` (its holdings stay sorted by symbol).
    static func add(_ fill: Fill, to account: inout AccountSnapshot) {
        guard let instrument = VenueSetup.instruments.first(where: { $0.symbol == fill.symbol }) else {
            preconditionFailure("a fill of an instrument the check does not list: \(fill.symbol)")
        }
        let index = account.holdings.firstIndex { $0.symbol >= fill.symbol } ?? account.holdings.count
        if index == account.holdings.count || account.holdings[index].symbol != fill.symbol {
            account.holdings.insert(HoldingSnapshot(symbol: fill.symbol, position: 0, cost: 0, realized: 0, mark: fill.price), at: index)
        }
        book(fill, instrument: instrument, holding: &account.holdings[index], cash: &account.cash.value)
        account.feesPaid.value += fill.fee.value
    }

    /// Books one fill: position, cost basis (average cost, truncated toward zero on a partial
    /// close), realized PnL, mark, and cash (spot: the notional and the fee; futures: the
    /// realized change and the fee).
    static func book(_ fill: Fill, instrument: Instrument, holding: inout HoldingSnapshot, cash: inout Int64) {
        let quantity = fill.quantity.value
        let sign = fill.side.sign
        let notional = quantity * fill.price.value * instrument.tickValue.value
        var realizedChange: Int64 = 0
        if holding.position == 0 || (holding.position > 0) == (sign > 0) {
            holding.position += sign * quantity
            holding.cost.value += sign * notional
        } else {
            let held = abs(holding.position)
            let closed = min(quantity, held)
            let removed = Int64(Int128(holding.cost.value) * Int128(closed) / Int128(held))
            let positionSign: Int64 = holding.position > 0 ? 1 : -1
            realizedChange = positionSign * closed * fill.price.value * instrument.tickValue.value - removed
            holding.cost.value -= removed
            holding.position += sign * closed
            let opened = quantity - closed
            if opened > 0 {
                holding.position = sign * opened
                holding.cost.value = sign * opened * fill.price.value * instrument.tickValue.value
            }
        }
        holding.realized.value += realizedChange
        holding.mark = fill.price
        if instrument.isSpot {
            cash -= sign * notional + fill.fee.value
        } else {
            cash += realizedChange - fill.fee.value
        }
    }

    /// The fee on a notional at a rate: rounded up for a charge, down for a rebate (never toward
    /// the client).
    public static func fee(notional: Int64, rate: BasisPoints) -> Cents {
        if rate.value >= 0 {
            return Cents(Int64((Int128(notional) * Int128(rate.value) + 9_999) / 10_000))
        }
        return Cents(-Int64(Int128(notional) * Int128(-rate.value) / 10_000))
    }
}
