import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// Pricing along a bar's path (`docs/exchange.md`, bars): point by point, and at each point
/// every open order in arrival order, each taking at most the per-point allowance.
extension SimulatedExchange {
    /// volume × participation / 40 000 (a quarter of the volume times the cap), rounded down;
    /// a thin bar halves it, rounded up.
    static func allowance(volume: Int64, participation: Int64, thin: Bool) -> Int64 {
        let full = volume * participation / 40_000
        return thin ? (full + 1) / 2 : full
    }

    mutating func priceAlongPath(_ bar: BarUpdate, instrument: Int) {
        let allowance = Self.allowance(volume: bar.volume.value, participation: configuration.participation.value, thin: bar.thin)
        let path = bar.path
        withResting(instrument) { venue, list in
            var previous = path.0.value
            for point in 0..<4 {
                let price =
                    switch point {
                    case 0: path.0.value
                    case 1: path.1.value
                    case 2: path.2.value
                    default: path.3.value
                    }
                for order in list where venue.isPriceable(order) {
                    venue.priceOnBar(order, point: point, price: price, previous: previous, bar: bar, allowance: allowance)
                }
                previous = price
            }
        }
    }

    /// One order at one point of the path: P = `price`, A = `previous` (A = P at the open).
    mutating func priceOnBar(_ order: Int32, point: Int, price: Int64, previous: Int64, bar: BarUpdate, allowance: Int64) {
        let held = venue[Int(order)]
        let side = held.request.side
        let isBuy = side == .buy
        let quantity = min(held.remainder, allowance)
        let isIOC = held.request.timeInForce == .ioc
        var fillPrice: Int64
        switch held.request.type {
        case .market:
            fillPrice = slipped(price, side: side, quantity: quantity, bar: bar)
        case .limit(let limit):
            let reaches: Bool
            if point == 0 {
                reaches = isBuy ? price <= limit.value : price >= limit.value
                fillPrice = price
            } else {
                reaches = isBuy ? min(previous, price) <= limit.value : max(previous, price) >= limit.value
                fillPrice = limit.value
                if mutation == .limitFilledBeyondPrice { fillPrice = isBuy ? max(price, limit.value) : min(price, limit.value) }
            }
            guard reaches else {
                if isIOC { expireIfOpen(order) }
                return
            }
        case .stop(let trigger):
            if held.triggered {
                fillPrice = slipped(price, side: side, quantity: quantity, bar: bar)
            } else {
                let base: Int64
                let triggers: Bool
                if point == 0 {
                    triggers = isBuy ? price >= trigger.value : price <= trigger.value
                    base = mutation == .stopAtTriggerThroughGap ? trigger.value : price
                } else {
                    triggers = isBuy ? max(previous, price) >= trigger.value : min(previous, price) <= trigger.value
                    base = trigger.value
                }
                guard triggers else { return }  // an untriggered stop (IOC too) keeps waiting
                venue[Int(order)].triggered = true
                fillPrice = slipped(base, side: side, quantity: quantity, bar: bar)
            }
        }
        if quantity > 0 { fill(order, quantity: quantity, price: fillPrice) }
        if isIOC { expireIfOpen(order) }
    }

    @inline(__always)
    func slipped(_ price: Int64, side: Side, quantity: Int64, bar: BarUpdate) -> Int64 {
        let rateCap = mutation == .slippageUncapped ? Int64.max : VenueLimits.maxRate.value
        return configuration.slippage.slipped(
            price, side: side, quantity: quantity, volume: bar.volume.value, sigma: bar.sigma.value, rateCap: rateCap)
    }
}
