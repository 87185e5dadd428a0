import TradingVocabulary

public enum Side: String, Hashable, Sendable, CaseIterable {
    case buy, sell
    /// +1 for a buy, −1 for a sell: the sign of a fill's effect on the position.
    @inlinable public var sign: Int64 { self == .buy ? 1 : -1 }
}

/// What an order asks for: any price, at most a limit, or a market order once a trigger trades.
public enum OrderType: Hashable, Sendable {
    case market
    case limit(Ticks)
    case stop(trigger: Ticks)
}

public enum TimeInForce: String, Hashable, Sendable, CaseIterable {
    /// Good till canceled: rests until filled or canceled.
    case gtc
    /// Immediate or cancel: priced once (a stop: once triggered), the remainder expires.
    case ioc
}

/// The client's id for an order, unique for the whole run (rejected orders included).
public struct ClientOrderID: Hashable, Comparable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public var value: UInt64
    @inlinable public init(_ value: UInt64) { self.value = value }
    @inlinable public init(integerLiteral value: UInt64) { self.value = value }
    @inlinable public static func < (lhs: ClientOrderID, rhs: ClientOrderID) -> Bool { lhs.value < rhs.value }
    public var description: String { "#\(value)" }
}

/// An order as the client asks for it (FIX's NewOrderSingle; `OrderRequest` is the risk stack's).
public struct NewOrder: Hashable, Sendable, CustomStringConvertible {
    public var id: ClientOrderID
    public var symbol: Symbol
    public var side: Side
    public var type: OrderType
    public var quantity: Lots
    public var timeInForce: TimeInForce

    public init(id: ClientOrderID, symbol: Symbol, side: Side, type: OrderType, quantity: Lots, timeInForce: TimeInForce = .gtc) {
        self.id = id
        self.symbol = symbol
        self.side = side
        self.type = type
        self.quantity = quantity
        self.timeInForce = timeInForce
    }

    public var description: String {
        let kind: String =
            switch type {
            case .market: "market"
            case .limit(let price): "limit \(price.value)"
            case .stop(let trigger): "stop \(trigger.value)"
            }
        return "\(id) \(side.rawValue) \(quantity.value) \(symbol) \(kind) \(timeInForce.rawValue)"
    }
}
