import MarketSim
import TradingVocabulary

/// One execution, as the venue books it: exactly once, in the fill log and the books.
public struct Fill: Hashable, Sendable, CustomStringConvertible {
    public var orderID: ClientOrderID
    public var symbol: Symbol
    public var side: Side
    public var price: Ticks
    public var quantity: Lots
    /// What the account paid (a maker rebate is negative).
    public var fee: Cents
    public var liquidity: Liquidity
    public var time: SimTime

    public init(orderID: ClientOrderID, symbol: Symbol, side: Side, price: Ticks, quantity: Lots, fee: Cents, liquidity: Liquidity, time: SimTime) {
        self.orderID = orderID
        self.symbol = symbol
        self.side = side
        self.price = price
        self.quantity = quantity
        self.fee = fee
        self.liquidity = liquidity
        self.time = time
    }

    public var description: String {
        "\(orderID) \(side.rawValue) \(quantity.value)@\(price.value) fee \(fee.value) \(liquidity.rawValue)"
    }
}
