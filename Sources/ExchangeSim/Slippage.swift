import ExchangeVocabulary
import TradingVocabulary

extension SlippageModel {
    /// The slip in ticks of a market order or triggered stop trading `quantity` at base price
    /// `price` on a bar of `volume` lots and volatility `sigma`: ⌈P × s / 10 000⌉, where s is the
    /// rate in basis points (`docs/exchange.md`, slippage).
    ///
    /// Integer rates: s = the fixed rate, or σ × percent / 100 rounded down, and the slip
    /// (P × s + 9 999) / 10 000; the square-root rate is computed in `Double` exactly as the spec
    /// writes it, left to right, with the fill's quantity, and its ceiling taken in `Double`.
    /// Either computed rate is capped at `VenueLimits.maxRate`.
    func slip(price: Int64, quantity: Int64, volume: Int64, sigma: Int64, rateCap: Int64 = VenueLimits.maxRate.value) -> Int64 {
        switch self {
        case .none:
            return 0
        case .fixed(let rate):
            return Money.narrow(Money.ceilDivide(Int128(price) * Int128(rate.value), 10_000))
        case .volatility(let percent):
            // At most `VenueLimits.maxRate` (the documented bound on every rate): σ and the
            // percentage may each reach 10 000, which would price a fill at 100 × the market and
            // let a few notionals overflow the books.
            let rate = min(sigma * percent / 100, rateCap)
            return Money.narrow(Money.ceilDivide(Int128(price) * Int128(rate), 10_000))
        case .squareRoot(let kPercent):
            guard volume > 0 else { return 0 }
            let impact = Double(kPercent) / 100 * Double(sigma) * (Double(quantity) / Double(volume)).squareRoot()
            let rate = min(impact, Double(rateCap))
            // price ≤ ~10⁸ and rate ≤ 1 000: the slip is at most 10⁷ ticks (uncapped, in the zoo,
            // ≤ 10⁸ × 10⁹ / 10⁴).
            return Int64((Double(price) * rate / 10_000).rounded(.up))
        }
    }

    /// `price` slipped against a `side` taker: up for buys, down for sells, never below 1 tick.
    func slipped(_ price: Int64, side: Side, quantity: Int64, volume: Int64, sigma: Int64, rateCap: Int64 = VenueLimits.maxRate.value) -> Int64 {
        let slip = self.slip(price: price, quantity: quantity, volume: volume, sigma: sigma, rateCap: rateCap)
        return side == .buy ? price + slip : max(price - slip, 1)
    }
}
