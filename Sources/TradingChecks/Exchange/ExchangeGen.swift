import ExchangeVocabulary
import MarketSim
import PropertyCheck
import TradingModels
import TradingVocabulary

/// The exchange check's argument draws. Every draw shrinks toward the calm, simplest value (index
/// 0 of each list); each list names the boundaries worth hitting exactly: the order limits and
/// one unit either side, zero, the cash and position a new order may use exactly and one lot more.
enum ExchangeGen {
    /// The check's symbols, then one the venue does not list.
    static let symbols: [Symbol] = VenueSetup.instruments.map(\.symbol) + ["ZZZ"]
    /// The price a symbol trades around before any market event.
    static let basePrice: Int64 = 1_000

    static func pick<T>(_ values: [T], _ stream: inout ChoiceStream) throws(Rejection) -> T {
        values[try stream.index(below: values.count)]
    }

    /// 0…`bound`, shrinking toward 0.
    static func upTo(_ bound: Int64, _ stream: inout ChoiceStream) -> Int64 { Int64(stream.choice(upTo: UInt64(bound))) }

    static func millis(_ values: [Int64], _ stream: inout ChoiceStream) throws(Rejection) -> SimDuration {
        .milliseconds(try pick(values, &stream))
    }

    /// Latencies: none most often, then small, then beyond a one-second timeout (a spike).
    static func latency(_ stream: inout ChoiceStream) throws(Rejection) -> LinkLatency {
        guard try stream.index(below: 3) > 0 else { return .zero }
        let values: [Int64] = [0, 1, 5, 20, 99, 100, 101, 500, 999, 1_000, 1_001, 3_000]
        return LinkLatency(out: try millis(values, &stream), back: try millis(values, &stream))
    }

    static func flag(_ stream: inout ChoiceStream, oneIn n: Int) throws(Rejection) -> Bool { try stream.index(below: n) == n - 1 }

    static func symbol(_ stream: inout ChoiceStream) throws(Rejection) -> Symbol {
        // The unknown symbol one time in 40.
        try flag(&stream, oneIn: 40) ? symbols[3] : symbols[try stream.index(below: 3)]
    }

    /// A price near `reference`, or one of the limits (0, 1, the largest, one above).
    static func price(near reference: Int64, _ stream: inout ChoiceStream) throws(Rejection) -> Ticks {
        if try flag(&stream, oneIn: 25) {
            return Ticks(try pick([1, 0, -1, VenueLimits.maxPrice.value, VenueLimits.maxPrice.value + 1], &stream))
        }
        let offset = upTo(40, &stream) - 20
        return Ticks(max(1, reference + offset))
    }

    static func setup(_ stream: inout ChoiceStream) throws(Rejection) -> VenueSetup {
        let maxRate = VenueLimits.maxRate
        let fees = FeeSchedule(maker: BasisPoints(try pick([2, 0, -2, maxRate.value, -maxRate.value], &stream)),
                               taker: BasisPoints(try pick([5, 0, 1, maxRate.value], &stream)))
        let slippage: SlippageModel = try pick([
            .none, .fixed(10), .fixed(1), .fixed(maxRate), .volatility(percent: 100), .volatility(percent: 50), .squareRoot(kPercent: 100),
            .squareRoot(kPercent: 250),
        ], &stream)
        let participation = BasisPoints(try pick([10_000, 2_500, 1, 9_999], &stream))
        let timeout = try millis([1_000, 100, 0, 5_000], &stream)
        let cash = Cents(try pick([100_000_000, 1_000_000, 0, 10_000_000_000], &stream))
        return VenueSetup(fees: fees, slippage: slippage, participation: participation, timeout: timeout,
                          cancelOnDisconnect: try flag(&stream, oneIn: 2), initialCash: cash)
    }

    static func order(_ model: ExchangeModel, _ stream: inout ChoiceStream) throws(Rejection) -> NewOrder {
        let tracked = model.trackedIDs
        let reuse = tracked.isEmpty ? false : try flag(&stream, oneIn: 20)
        let id = reuse ? try pick(tracked, &stream) : model.freshID
        let symbol = try symbol(&stream)
        let side: Side = try flag(&stream, oneIn: 2) ? .sell : .buy
        let reference = model.referencePrice(symbol)?.value ?? basePrice
        let type: OrderType
        switch try stream.index(below: 3) {
        case 0: type = .market
        case 1: type = .limit(try price(near: reference, &stream))
        default: type = .stop(trigger: try price(near: reference, &stream))
        }
        let quantity = try self.quantity(model, symbol: symbol, side: side, type: type, &stream)
        let timeInForce: TimeInForce = try flag(&stream, oneIn: 4) ? .ioc : .gtc
        return NewOrder(id: id, symbol: symbol, side: side, type: type, quantity: quantity, timeInForce: timeInForce)
    }

    /// Mostly a few lots; sometimes exactly what the account can still buy or sell and one more;
    /// sometimes the limits and one unit either side.
    static func quantity(_ model: ExchangeModel, symbol: Symbol, side: Side, type: OrderType, _ stream: inout ChoiceStream) throws(Rejection) -> Lots {
        switch try stream.index(below: 10) {
        case 8:
            guard let room = model.room(symbol: symbol, side: side, type: type) else { return Lots(1 + upTo(9, &stream)) }
            return Lots(min(VenueLimits.maxQuantity.value, max(1, room + (try pick([0, 1], &stream)))))
        case 9:
            let limit = VenueLimits.maxQuantity.value
            return Lots(try pick([1, 0, -1, limit, limit + 1], &stream))
        default:
            return Lots(1 + upTo(29, &stream))
        }
    }

    static func quote(_ model: ExchangeModel, _ stream: inout ChoiceStream) throws(Rejection) -> QuoteUpdate {
        let symbol = try symbol(&stream)
        let mid = max(2, (model.referencePrice(symbol)?.value ?? basePrice) + upTo(60, &stream) - 30)
        let half = 1 + upTo(3, &stream)
        var quote = QuoteUpdate(symbol: symbol, bid: Ticks(max(1, mid - half)), ask: Ticks(mid + half),
                                bidSize: Lots(1 + upTo(19, &stream)), askSize: Lots(1 + upTo(19, &stream)), thin: try flag(&stream, oneIn: 8))
        if try flag(&stream, oneIn: 30) {
            switch try stream.index(below: 4) {
            case 0: quote.ask = quote.bid
            case 1: quote.bidSize = Lots(0)
            case 2: quote.bid = Ticks(0)
            default: quote.askSize = Lots(VenueLimits.maxQuoteSize.value + 1)
            }
        }
        return quote
    }

    static func bar(_ model: ExchangeModel, _ stream: inout ChoiceStream) throws(Rejection) -> BarUpdate {
        let symbol = try symbol(&stream)
        let reference = model.referencePrice(symbol)?.value ?? basePrice
        // A gap one bar in five: the open jumps far from the last price.
        let gap = try flag(&stream, oneIn: 5) ? (try pick([-200, 200, -reference / 2], &stream)) : 0
        let open = max(1, reference + gap + upTo(20, &stream) - 10)
        let close = max(1, open + upTo(60, &stream) - 30)
        let high = max(open, close) + upTo(30, &stream)
        let low = max(1, min(open, close) - upTo(30, &stream))
        var bar = BarUpdate(symbol: symbol, open: Ticks(open), high: Ticks(high), low: Ticks(low), close: Ticks(close),
                            volume: Lots(try pick([400, 0, 40, 4, 3, 39_999, 1_000_000], &stream)), sigma: BasisPoints(upTo(500, &stream)),
                            thin: try flag(&stream, oneIn: 8))
        if try flag(&stream, oneIn: 30) {
            switch try stream.index(below: 4) {
            case 0: bar.high = Ticks(min(open, close) - 1)
            case 1: bar.volume = Lots(-1)
            case 2: bar.sigma = BasisPoints(10_001)
            default: bar.low = Ticks(0)
            }
        }
        return bar
    }
}
