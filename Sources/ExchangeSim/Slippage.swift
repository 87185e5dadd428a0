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
    func slip(price: Int64, quantity: Int64, volume: Int64, sigma: Int64) -> Int64 {
        switch self {
        case .none:
            return 0
        case .fixed(let rate):
            return Money.narrow(Money.ceilDivide(Int128(price) * Int128(rate.value), 10_000))
        case .volatility(let percent):
            let rate = sigma * percent / 100
            return Money.narrow(Money.ceilDivide(Int128(price) * Int128(rate), 10_000))
        case .squareRoot(let kPercent):
            guard volume > 0 else { return 0 }
            let rate = Double(kPercent) / 100 * Double(sigma) * (Double(quantity) / Double(volume)).squareRoot()
            let slip = (Double(price) * rate / 10_000).rounded(.up)
            // price ≤ ~10⁸, rate ≤ 100 × 10⁴ × √(10⁶): the slip stays far inside Int64.
            return Int64(slip)
        }
    }

    /// `price` slipped against a `side` taker: up for buys, down for sells, never below 1 tick.
    func slipped(_ price: Int64, side: Side, quantity: Int64, volume: Int64, sigma: Int64) -> Int64 {
        let slip = self.slip(price: price, quantity: quantity, volume: volume, sigma: sigma)
        return side == .buy ? price + slip : max(price - slip, 1)
    }
}
