import MarketSim
import PropertyCheck

/// The engine's choice stream as MarketSim's source of choices: a property draws a whole market
/// (shocks, jumps, faults) from the case's bytes, and the shrinker calms it by lowering them.
///
/// Each choice is ``ChoiceStream/choice(upTo:)``: big-endian bytes, as many as the bound needs
/// (two for the 16-bit draws of a bar), `0` for the zero bytes, so an empty or all-zero input is
/// the calm market and an overrun (`maxBytes` reached) reads calm too, never a crash.
///
/// The conformance is declared here, in neither the type's module nor the protocol's, on purpose:
/// PropertyCheck must not know trading, MarketSim must not know the engine, and TradingChecks is
/// the module that binds them. It is not `@retroactive` in Swift's sense (the compiler refuses the
/// attribute): both modules belong to this package, so no one else can add a clashing
/// conformance. A wrapper type holding the stream would cost a copy in and out of every property
/// and hide the stream's `overran` and `recorded`.
///
/// ```swift
/// var stream = ChoiceStream(seed: 42, maxBytes: 64 * 1024)
/// var generator = try BarGenerator(model: .gbm(drift: 0, volatility: 0.8).model(interval: .minutes(1)), startPrice: 100)
/// let bar = generator.next(choices: &stream)
/// ```
extension ChoiceStream: ChoiceSource {
    /// A choice in `0...bound` from the stream; `0` for zero bytes and past `maxBytes`.
    @inlinable @inline(__always)
    public mutating func choose(upTo bound: UInt64) -> UInt64 { choice(upTo: bound) }
}
