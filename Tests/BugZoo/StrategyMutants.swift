import PropertyCheck
@_spi(BugZoo) import Strategies
import StrategyVocabulary
@_spi(BugZoo) import TradingChecks

/// Deliberately broken strategies (`StrategyMutation`), each with the minimal counterexample
/// its check must shrink to.
enum StrategyMutants {
    static func marketMaking(_ mutation: StrategyMutation) -> @Sendable (String) -> MarketMakingChecks.Check<MarketMakingSystem> {
        { name in MarketMakingChecks.machine(name: name) { MarketMakingSystem(mutation: mutation) } }
    }

    static func arbitrage(_ mutation: StrategyMutation) -> @Sendable (String) -> ArbitrageChecks.Check<ArbitrageSystem> {
        { name in ArbitrageChecks.machine(name: name) { ArbitrageSystem(mutation: mutation) } }
    }

    static func hedge(_ kind: HedgeKind, _ mutation: StrategyMutation) -> @Sendable (String) -> HedgeChecks.Check<HedgeSystem> {
        { name in HedgeChecks.machine(kind, name: name) { HedgeSystem(parameters: HedgeChecks.parameters(kind), mutation: mutation) } }
    }

    static let variants: [ZooVariant] = [
        ZooVariant(
            "spot-futures-hedge/rebalances-the-wrong-leg", "a rebalance trades the leg on target instead of the lagging one",
            // The basis 104.5 − 100.5 = 4 is the entry: buy spot, sell futures; one leg fills, the
            // other is rejected; the rebalance trades the filled leg back instead of the missing one.
            minimum: [
                ".book(.a, BookTicker(bid: 100, bidSize: 1, ask: 101, askSize: 1))", ".book(.b, BookTicker(bid: 104, bidSize: 1, ask: 105, askSize: 1))",
                ".order(.filled(1, quantity: 3, price: 101))", ".order(.rejected(2, .venue))",
            ],
            invariant: "rebalance moves the lagging leg toward its target", hedge(.spotFutures, .rebalancesWrongLeg)
        ).alsoMinimal([
            (
                [
                    ".book(.a, BookTicker(bid: 100, bidSize: 1, ask: 101, askSize: 1))", ".book(.b, BookTicker(bid: 104, bidSize: 1, ask: 105, askSize: 1))",
                    ".order(.rejected(1, .venue))", ".order(.filled(2, quantity: 3, price: 104))",
                ],
                FailureSignature(.invariantViolated("rebalance moves the lagging leg toward its target"))
            )
        ]),
        ZooVariant(
            "calendar-spread/held-through-the-near-expiry", "the roll point is not checked while the spread is held",
            // The spread 109.5 − 100.5 = 9 is 4 over fair (5): legs out; the clock reaches the roll
            // point (the near expiry 100 less 10) and the legs stay.
            minimum: [
                ".book(.a, BookTicker(bid: 100, bidSize: 1, ask: 101, askSize: 1))", ".book(.b, BookTicker(bid: 109, bidSize: 1, ask: 110, askSize: 1))",
                ".timer(90)",
            ],
            invariant: "nothing held past the roll point", hedge(.calendarSpread, .heldThroughExpiry)),
        ZooVariant(
            "arbitrage/deadline-wraps", "the legs' deadline added with wrapping near the end of the clock",
            // The clock's jump to five ticks before its end (the generator's step of 6); legs of
            // 10 ticks opened there wrap to a deadline in the past.
            minimum: [
                ".book(.a, BookTicker(bid: 100, bidSize: 1, ask: 101, askSize: 1))", ".timer(9223372036854775802)",
                ".book(.b, BookTicker(bid: 105, bidSize: 1, ask: 106, askSize: 1))",
            ], divergesAt: "book", arbitrage(.deadlineWraps)),
        ZooVariant(
            "arbitrage/leg-left-open-after-reject", "a rejected leg ends the trade as COMPLETED, the other leg left working",
            // B's bid 105 beats A's ask 101 by 4, one tick over the threshold (3): buy A, sell B;
            // the buy is rejected and the sale left working.
            minimum: [
                ".book(.a, BookTicker(bid: 100, bidSize: 1, ask: 101, askSize: 1))", ".book(.b, BookTicker(bid: 105, bidSize: 1, ask: 106, askSize: 1))",
                ".order(.rejected(1, .venue))",
            ], invariant: "no leg left open", arbitrage(.legLeftOpen)),
        ZooVariant(
            "market-making/quotes-cross-when-the-mid-jumps", "new quotes placed while the old ones are still being cancelled",
            // Quotes 18/22 around the first mid 20; a jump of the volatility limit (6) puts the new
            // bid at 24, through the old ask still being cancelled.
            minimum: [".book(.a, BookTicker(bid: 19, bidSize: 1, ask: 21, askSize: 1))", ".book(.a, BookTicker(bid: 25, bidSize: 1, ask: 27, askSize: 1))"],
            invariant: "quotes never cross", marketMaking(.requoteWithoutWaiting)),
        ZooVariant(
            "market-making/resting-quote-after-emergency-stop", "the emergency stop cancels the bids and forgets the asks",
            minimum: [".book(.a, BookTicker(bid: 19, bidSize: 1, ask: 21, askSize: 1))", ".emergencyStop"], invariant: "STOPPED ⇒ every quote being cancelled",
            marketMaking(.stopKeepsAsk)),
        ZooVariant(
            "market-making/order-after-completed", "a book after COMPLETED starts quoting again",
            // The end time before any market completes the maker at once; the next book quotes.
            minimum: [".timer(200)", ".book(.a, BookTicker(bid: 19, bidSize: 1, ask: 21, askSize: 1))"], invariant: "no order after COMPLETED or STOPPED",
            marketMaking(.quotesAfterCompleted)),
    ]
}
