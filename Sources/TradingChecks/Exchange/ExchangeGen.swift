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

    /// One of `values`, or `fallback` when there are none. The draw takes the same choices either
    /// way (one byte), so that deleting an earlier command (which changes what the model holds) leaves the
    /// later commands' choices aligned: shrinking stays effective.
    static func pick<Values: RandomAccessCollection>(_ values: Values, or fallback: Values.Element, _ stream: inout ChoiceStream) throws(Rejection)
        -> Values.Element
    {
        // One byte whatever the count (a bound that grew with the count would widen the draw).
        let choice = Int(stream.choice(upTo: 255))
        return values.isEmpty ? fallback : values[values.index(values.startIndex, offsetBy: choice % values.count)]
    }

    /// An offset in −`bound`…`bound`, shrinking toward 0 (0, +1, −1, +2, −2, …): the calm price
    /// is the reference itself.
    static func offset(_ bound: Int64, _ stream: inout ChoiceStream) -> Int64 {
        let choice = Int64(stream.choice(upTo: UInt64(2 * bound)))
        return choice % 2 == 1 ? (choice + 1) / 2 : -(choice / 2)
    }

    /// 0…`bound`, shrinking toward 0.
    static func upTo(_ bound: Int64, _ stream: inout ChoiceStream) -> Int64 { Int64(stream.choice(upTo: UInt64(bound))) }

    static func millis(_ values: [Int64], _ stream: inout ChoiceStream) throws(Rejection) -> SimDuration {
        .milliseconds(try pick(values, &stream))
    }

    /// Latencies: none most often, then small, then beyond a one-second timeout (a spike).
    static func latency(_ stream: inout ChoiceStream) throws(Rejection) -> LinkLatency {
        guard try stream.index(below: 3) > 0 else { return .zero }
        return LinkLatency(out: try millis(legs, &stream), back: try millis(legs, &stream))
    }

    /// One latency leg in ms: the first twelve as they always were (a shrunk case's small picks
    /// decode as before), then the client's limits: −1 ms and one day + 1 ms (refused as
    /// `invalidLatency`), one day exactly (taken).
    static let legs: [Int64] = {
        let usual: [Int64] = [0, 1, 5, 20, 99, 100, 101, 500, 999, 1_000, 1_001, 3_000]
        let day = VenueLimits.maxLatency / 1_000_000
        return Array([[Int64]](repeating: usual, count: 3).joined()) + [-1, day, day + 1]
    }()

    static func flag(_ stream: inout ChoiceStream, oneIn n: Int) throws(Rejection) -> Bool { try stream.index(below: n) == n - 1 }

    static func symbol(_ stream: inout ChoiceStream) throws(Rejection) -> Symbol {
        // The unknown symbol one time in 40.
        try flag(&stream, oneIn: 40) ? symbols[3] : symbols[try stream.index(below: 3)]
    }

    /// A market event's symbol: first choice the newest order's (so an order and the event that
    /// fills it shrink together), else any.
    static func eventSymbol(_ model: ExchangeModel, _ stream: inout ChoiceStream) throws(Rejection) -> Symbol {
        let any = try symbol(&stream)
        let recent = model.newestOrderSymbol ?? symbols[0]
        return try stream.index(below: 4) == 0 ? recent : any
    }

    /// A price near `reference`, or one of the limits (0, 1, the largest, one above).
    static func price(near reference: Int64, _ stream: inout ChoiceStream) throws(Rejection) -> Ticks {
        if try flag(&stream, oneIn: 25) {
            return Ticks(try pick([1, 0, -1, VenueLimits.maxPrice.value, VenueLimits.maxPrice.value + 1], &stream))
        }
        return Ticks(max(1, reference + offset(20, &stream)))
    }

    static func setup(_ stream: inout ChoiceStream) throws(Rejection) -> VenueSetup {
        let maxRate = VenueLimits.maxRate
        let fees = FeeSchedule(
            maker: BasisPoints(try pick([2, 0, -2, maxRate.value, -maxRate.value], &stream)),
            taker: BasisPoints(try pick([5, 0, 1, maxRate.value], &stream)))
        let slippage: SlippageModel = try pick(
            [
                .none, .fixed(10), .fixed(1), .fixed(maxRate), .volatility(percent: 100), .volatility(percent: 50), .squareRoot(kPercent: 100),
                .squareRoot(kPercent: 250),
                // The largest computed rates, capped at `maxRate` (appended: earlier picks decode as before).
                .volatility(percent: 10_000), .squareRoot(kPercent: 10_000),
            ], &stream)
        let participation = BasisPoints(try pick([10_000, 2_500, 1, 9_999], &stream))
        let timeout = try millis([1_000, 100, 0, 5_000], &stream)
        let cash = Cents(try pick([100_000_000, 1_000_000, 0, 10_000_000_000], &stream))
        return VenueSetup(
            fees: fees, slippage: slippage, participation: participation, timeout: timeout,
            cancelOnDisconnect: try flag(&stream, oneIn: 2), initialCash: cash)
    }

    static func order(_ model: ExchangeModel, _ stream: inout ChoiceStream) throws(Rejection) -> NewOrder {
        let tracked = model.trackedIDs
        let reuse = try flag(&stream, oneIn: 20)
        let reused = try pick(tracked, or: model.freshID, &stream)
        let id = reuse ? reused : model.freshID
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
        // Every branch takes the same choices, so a shrink that changes the branch keeps the rest aligned.
        let branch = try stream.index(below: 10)
        let small = 1 + upTo(29, &stream)
        let beyond = Int64(try pick([0, 1], &stream))
        let limit = VenueLimits.maxQuantity.value
        let extreme = try pick([1, 0, -1, limit, limit + 1], &stream)
        switch branch {
        case 8:
            guard let room = model.room(symbol: symbol, side: side, type: type) else { return Lots(small) }
            return Lots(min(limit, max(1, room + beyond)))
        case 9: return Lots(extreme)
        default: return Lots(small)
        }
    }

    static func quote(_ model: ExchangeModel, _ stream: inout ChoiceStream) throws(Rejection) -> QuoteUpdate {
        let symbol = try eventSymbol(model, &stream)
        let mid = max(2, (model.referencePrice(symbol)?.value ?? basePrice) + offset(30, &stream))
        let half = 1 + upTo(3, &stream)
        var quote = QuoteUpdate(
            symbol: symbol, bid: Ticks(max(1, mid - half)), ask: Ticks(mid + half),
            bidSize: Lots(1 + upTo(19, &stream)), askSize: Lots(1 + upTo(19, &stream)), thin: try flag(&stream, oneIn: 8))
        // One quote in 30 at a limit: beyond it (refused), or exactly on it (the book walked at
        // the top of the price range, the largest size). Cases appended keep earlier ones' choices.
        if try flag(&stream, oneIn: 30) {
            let top = VenueLimits.maxPrice.value
            switch try stream.index(below: 7) {
            case 0: quote.ask = quote.bid
            case 1: quote.bidSize = Lots(0)
            case 2: quote.bid = Ticks(0)
            case 3: quote.askSize = Lots(VenueLimits.maxQuoteSize.value + 1)
            case 4: (quote.bidSize, quote.askSize) = (VenueLimits.maxQuoteSize, VenueLimits.maxQuoteSize)
            case 5: quote.ask = Ticks(top + 1)
            default: (quote.bid, quote.ask) = (Ticks(top - 1), Ticks(top))
            }
        }
        return quote
    }

    static func bar(_ model: ExchangeModel, _ stream: inout ChoiceStream) throws(Rejection) -> BarUpdate {
        let symbol = try eventSymbol(model, &stream)
        let reference = model.referencePrice(symbol)?.value ?? basePrice
        // A gap one bar in five: the open jumps far from the last price.
        let gap = try flag(&stream, oneIn: 5) ? (try pick([-200, 200, -reference / 2], &stream)) : 0
        let open = max(1, reference + gap + offset(10, &stream))
        let close = max(1, open + offset(30, &stream))
        let high = max(open, close) + upTo(30, &stream)
        let low = max(1, min(open, close) - upTo(30, &stream))
        var bar = BarUpdate(
            symbol: symbol, open: Ticks(open), high: Ticks(high), low: Ticks(low), close: Ticks(close),
            volume: Lots(try pick([4, 40, 400, 0, 3, 39_999, 1_000_000], &stream)), sigma: BasisPoints(upTo(500, &stream)),
            thin: try flag(&stream, oneIn: 8))
        // One bar in 30 at a limit: beyond it (refused), or exactly on it.
        if try flag(&stream, oneIn: 30) {
            let top = VenueLimits.maxPrice.value
            switch try stream.index(below: 9) {
            case 0: bar.high = Ticks(min(open, close) - 1)
            case 1: bar.volume = Lots(-1)
            case 2: bar.sigma = BasisPoints(10_001)
            case 3: bar.low = Ticks(0)
            case 4: bar.volume = VenueLimits.maxVolume
            case 5: bar.volume = Lots(VenueLimits.maxVolume.value + 1)
            case 6: bar.sigma = BasisPoints(10_000)
            case 7: bar.high = Ticks(top + 1)
            default: (bar.open, bar.high, bar.low, bar.close) = (Ticks(top), Ticks(top), Ticks(top - 1), Ticks(top))
            }
        }
        return bar
    }
}
