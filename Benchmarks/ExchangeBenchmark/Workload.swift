import ExchangeSim
import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// One command of the benchmark's mix, pre-drawn so the timed loop only runs the venue.
enum Command {
    case submitLimit(symbol: Int, side: Side, offset: Int64, outMs: Int64)
    case submitMarket(symbol: Int, side: Side, ioc: Bool)
    case submitStop(symbol: Int, side: Side, distance: Int64)
    /// Cancels the order submitted `age` submits ago.
    case cancel(age: UInt64, refuse: Bool)
    case quote(symbol: Int, move: Int64)
    case bar(symbol: Int, move: Int64)
    case advance
}

enum Kind: Int, CaseIterable {
    case submit, cancel, quote, bar, advance
    var name: String { ["submit", "cancel", "quote", "bar", "advance"][rawValue] }
}

extension Command {
    var kind: Kind {
        switch self {
        case .submitLimit, .submitMarket, .submitStop: .submit
        case .cancel: .cancel
        case .quote: .quote
        case .bar: .bar
        case .advance: .advance
        }
    }
}

/// The mix: 45% submits (limits near the touch, markets, stops), 15% cancels, 20% quotes,
/// 5% bars, 15% advances of 1 ms; four futures symbols; plenty of cash so funds rarely reject.
struct Workload {
    static let symbols = (0..<4).map { index in
        do { return try Symbol("F\(index)") } catch { fatalError("benchmark symbol: \(error)") }
    }
    let commands: [Command]
    var mask: Int { commands.count - 1 }

    init(count: Int, seed: UInt64) {
        precondition(count.nonzeroBitCount == 1, "a power of two")
        var random = SeededChoices(seed: seed)
        var commands: [Command] = []
        commands.reserveCapacity(count)
        for _ in 0..<count {
            let roll = random.choose(upTo: 99)
            let symbol = Int(random.choose(upTo: 3))
            let side: Side = random.choose(upTo: 1) == 0 ? .buy : .sell
            let command: Command =
                switch roll {
                case 0..<30: .submitLimit(symbol: symbol, side: side, offset: Int64(random.choose(upTo: 6)) - 2, outMs: Int64(random.choose(upTo: 2)))
                case 30..<40: .submitMarket(symbol: symbol, side: side, ioc: random.choose(upTo: 1) == 0)
                case 40..<45: .submitStop(symbol: symbol, side: side, distance: 1 + Int64(random.choose(upTo: 3)))
                case 45..<60: .cancel(age: 1 + random.choose(upTo: 7), refuse: random.choose(upTo: 9) == 0)
                case 60..<80: .quote(symbol: symbol, move: Int64(random.choose(upTo: 2)) - 1)
                case 80..<85: .bar(symbol: symbol, move: Int64(random.choose(upTo: 4)) - 2)
                default: .advance
                }
            commands.append(command)
        }
        self.commands = commands
    }

    static func makeVenue(capacity: Int, keepsFillLog: Bool) -> SimulatedExchange {
        let instruments = symbols.map { Instrument(symbol: $0, kind: .futures(expiry: .simulationEpoch + .days(3_650)), tickValue: 1, initialMargin: 500) }
        let configuration = VenueConfiguration(
            instruments: instruments, initialCash: Cents(1_000_000_000_000_000), fees: FeeSchedule(maker: -1, taker: 5),
            slippage: .fixed(2), participation: 1_000, timeout: .seconds(1), cancelOnDisconnect: true)
        do {
            return try SimulatedExchange(configuration: configuration, capacity: capacity, keepsFillLog: keepsFillLog)
        } catch {
            fatalError("benchmark configuration: \(error)")
        }
    }
}

/// A venue being driven: its mids, the next id, and per-kind command counts.
struct Driver {
    var venue: SimulatedExchange
    var mids: [Int64] = [10_000, 10_000, 10_000, 10_000]
    var nextID: UInt64 = 1
    var cursor = 0
    var counts: [Int] = Array(repeating: 0, count: Kind.allCases.count)
    /// Commands the venue refused with a typed error (a cancel of a finished order, a market
    /// update it cannot take): validated and refused is work too, but printed, so a change that
    /// makes the venue refuse more (and so do less) shows in the mix.
    var refused = 0

    /// Commands + delivered messages + fills: every event the venue handled.
    var events: Int { counts.reduce(0, +) + venue.messagesDelivered + venue.fillsBooked }

    @inline(never)
    mutating func run(_ workload: Workload, commands: Int) {
        let back = LinkLatency(out: .milliseconds(1), back: .milliseconds(1))
        for _ in 0..<commands {
            let command = workload.commands[cursor & workload.mask]
            cursor &+= 1
            counts[command.kind.rawValue] &+= 1
            switch command {
            case .submitLimit(let symbol, let side, let offset, let outMs):
                let price = mids[symbol] + (side == .buy ? -offset : offset)
                submit(symbol, side, .limit(Ticks(price)), .gtc, LinkLatency(out: .milliseconds(outMs), back: .milliseconds(1)))
            case .submitMarket(let symbol, let side, let ioc):
                submit(symbol, side, .market, ioc ? .ioc : .gtc, back)
            case .submitStop(let symbol, let side, let distance):
                let trigger = mids[symbol] + (side == .buy ? distance : -distance)
                submit(symbol, side, .stop(trigger: Ticks(trigger)), .gtc, back)
            case .cancel(let age, let refuse):
                guard nextID > age else { continue }
                if (try? venue.cancel(ClientOrderID(nextID - age), latency: back, hold: .milliseconds(1), refuse: refuse)) == nil { refused &+= 1 }
            case .quote(let symbol, let move):
                mids[symbol] = max(mids[symbol] + move, 100)
                let mid = mids[symbol]
                let update = QuoteUpdate(symbol: Workload.symbols[symbol], bid: Ticks(mid - 1), ask: Ticks(mid + 1), bidSize: 3, askSize: 3)
                if (try? venue.apply(update)) == nil { refused &+= 1 }
            case .bar(let symbol, let move):
                let open = mids[symbol]
                mids[symbol] = max(open + move, 100)
                let close = mids[symbol]
                let update = BarUpdate(
                    symbol: Workload.symbols[symbol], open: Ticks(open), high: Ticks(max(open, close) + 3),
                    low: Ticks(min(open, close) - 3), close: Ticks(close), volume: 400, sigma: 80)
                if (try? venue.apply(update)) == nil { refused &+= 1 }
            case .advance:
                venue.advance(by: .milliseconds(1))
            }
        }
    }

    @inline(__always)
    mutating func submit(_ symbol: Int, _ side: Side, _ type: OrderType, _ timeInForce: TimeInForce, _ latency: LinkLatency) {
        let request = NewOrder(id: ClientOrderID(nextID), symbol: Workload.symbols[symbol], side: side, type: type, quantity: 2, timeInForce: timeInForce)
        nextID += 1
        if (try? venue.submit(request, latency: latency, randomReject: false)) == nil { refused &+= 1 }
    }
}
