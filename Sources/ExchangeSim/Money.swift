import ExchangeVocabulary
import TradingVocabulary

/// Exact money arithmetic. Every product is formed in `Int128`; results fit `Int64` because of
/// `VenueLimits`: a notional is at most ~1.01 × 10⁸ ticks × 10⁶ lots × 100 ¢ ≈ 10¹⁶ ¢ (a buy
/// walking the synthetic book can pass `maxPrice` by at most one tick per lot), and a fee at
/// most a tenth of that.
///
/// Overflow bound of the books: cash, cost and realized are `Int64` and trap on overflow, which
/// needs more than ~900 fills of the largest possible notional (9.2 × 10¹⁸ ¢) in one run.
enum Money {
    /// price × quantity × tick value.
    @inline(__always)
    static func notional(price: Int64, quantity: Int64, tickValue: Int64) -> Int64 {
        narrow(Int128(price) * Int128(quantity) * Int128(tickValue))
    }

    /// The fee on `notional` at `rate` bp: ⌈n × rate / 10 000⌉ for a rate ≥ 0, and for a rebate
    /// −⌊n × |rate| / 10 000⌋: never rounded toward the client.
    @inline(__always)
    static func fee(notional: Int64, rate: BasisPoints) -> Int64 {
        if rate.value >= 0 {
            return narrow(ceilDivide(Int128(notional) * Int128(rate.value), 10_000))
        }
        return -narrow(Int128(notional) * Int128(-rate.value) / 10_000)
    }

    /// ⌈a / b⌉ for a ≥ 0, b > 0.
    @inline(__always)
    static func ceilDivide(_ a: Int128, _ b: Int128) -> Int128 {
        assert(a >= 0 && b > 0, "ceilDivide takes a non-negative numerator and a positive divisor")
        return (a + b - 1) / b
    }

    /// An `Int128` result the limits keep inside `Int64` (a trap here is a broken bound).
    @inline(__always)
    static func narrow(_ value: Int128) -> Int64 {
        precondition(value >= Int128(Int64.min) && value <= Int128(Int64.max), "an amount beyond Int64: a VenueLimits bound is broken")
        return Int64(value)
    }
}
